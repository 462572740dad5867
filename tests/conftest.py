from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_LEX = Path(__file__).resolve().parent / "fixtures" / "lex"
SHARED = Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def fixture_scanner():
    from scanner import Scanner

    return Scanner(bundled_lexicons=False, lexicon_dirs=[str(FIXTURE_LEX)])


@pytest.fixture(scope="session")
def scanner():
    from scanner import Scanner

    return Scanner()


def scanner_cmd() -> list[str]:
    """The installed console script next to this interpreter, or the module as a fallback."""
    exe = Path(sys.executable).with_name("scanner")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "scanner.cli"]


def official_texts(limit: int | None = None) -> list[tuple[str, str]]:
    """(id, text) of the real official texts in ../shared/data; skips the test when absent."""
    sources = [
        ("xwlb", DATA / "corpus-xwlb-cctv" / "xwlb_items_2022_2024.jsonl", "text"),
        ("report", DATA / "corpus-gov-work-reports" / "government_work_reports.jsonl", "content"),
        ("cpc", DATA / "corpus-gov-work-reports" / "cpc_congress_reports.jsonl", "content"),
        ("policy", DATA / "corpus-govcn-policies-2019" / "govcn_policies_2019.jsonl", "text"),
    ]
    if not all(p.exists() for _, p, _ in sources):
        pytest.skip(f"official texts not found under {DATA}")
    out = []
    for name, path, field in sources:
        with open(path, encoding="utf-8") as f:
            for i, line in enumerate(f):
                out.append((f"{name}-{i}", json.loads(line)[field]))
    return out[:limit] if limit else out


# ------------------------------------------------------------------------------ PostgreSQL
def _pg_program(name: str) -> str | None:
    import glob
    import shutil

    found = shutil.which(name)
    if found:
        return found
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):  # Debian keeps them here
        if (Path(folder) / name).is_file():
            return str(Path(folder) / name)
    return None


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session: initdb in a temporary folder, pg_ctl on a free
    loopback port, trust authentication, no fsync. Yields the SQLAlchemy URL without a database
    name. Skipped when the server programs or psycopg / SQLAlchemy (govscan[postgres]) are
    missing. PostgreSQL refuses to run as root: under root it runs as ``nobody``."""
    import shutil
    import subprocess
    import tempfile

    pytest.importorskip("sqlalchemy")
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _pg_program("initdb"), _pg_program("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) not found")
    from service.testing import free_port

    base = Path(tempfile.mkdtemp(prefix="govscan-pg-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        runuser = shutil.which("runuser")
        if not runuser:
            pytest.skip("running as root without runuser: cannot start PostgreSQL")
        shutil.chown(base, "nobody")
        prefix = [runuser, "-u", "nobody", "--"]
    data, port = base / "data", free_port()
    try:
        subprocess.run(prefix + [initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                                 "--locale=C", "--no-sync"], check=True, capture_output=True, timeout=120)
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-l", str(base / "server.log"), "-w", "-t", "60", "-o",
                                 f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
                                 "-c full_page_writes=off -c max_connections=200", "start"],
                       check=True, capture_output=True, timeout=120)
    except subprocess.CalledProcessError as e:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {e.stderr.decode(errors='replace')[-2000:]}")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(prefix + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def new_postgres_database(server_url: str) -> str:
    """A new, empty database on the session's server; its SQLAlchemy URL."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:16]
    with psycopg.connect(server_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{server_url}/{name}"


@pytest.fixture()
def postgres_url(postgres_server) -> str:
    return new_postgres_database(postgres_server)
