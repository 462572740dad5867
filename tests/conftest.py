from __future__ import annotations

import io

import json
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURE_LEX = Path(__file__).resolve().parent / "fixtures" / "lex"
SHARED = Path(os.environ.get("GOVSCAN_SHARED", REPO.parent / "shared"))
DATA = SHARED / "data"


def service_config(folder: Path, token: str, **service) -> Path:
    """A govscan.toml in ``folder`` for a test server: the fixture lexicon only, ``token`` as its
    bearer token and the other ``[service]`` keys as given (strings quoted, numbers as they are)."""
    keys = "".join(f"{k} = {v!r}\n" if isinstance(v, (int, float)) else f'{k} = "{v}"\n' for k, v in service.items())
    cfg = folder / "govscan.toml"
    cfg.write_text(f'[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n\n'
                   f'[service]\ntokens = ["{token}"]\n{keys}', encoding="utf-8")
    return cfg


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


class PostgresServer:
    """A real PostgreSQL server in a temporary folder: initdb, then pg_ctl on a free loopback
    port, trust authentication, no fsync. PostgreSQL refuses to run as root: under root it runs
    as ``nobody``. ``url`` is the SQLAlchemy URL without a database name."""

    def __init__(self) -> None:
        import shutil
        import tempfile

        pytest.importorskip("sqlalchemy")
        pytest.importorskip("psycopg")
        self.initdb, self.pg_ctl = _pg_program("initdb"), _pg_program("pg_ctl")
        if not (self.initdb and self.pg_ctl):
            pytest.skip("PostgreSQL server programs (initdb, pg_ctl) not found")
        from service.testing import free_port

        self.base = Path(tempfile.mkdtemp(prefix="govscan-pg-"))
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if not runuser:
                shutil.rmtree(self.base, ignore_errors=True)
                pytest.skip("running as root without runuser: cannot start PostgreSQL")
            shutil.chown(self.base, "nobody")
            self.prefix = [runuser, "-u", "nobody", "--"]
        self.data, self.port = self.base / "data", free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"
        self._run(self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        self.start()

    def _run(self, *cmd: str) -> None:
        import subprocess

        try:
            subprocess.run(self.prefix + list(cmd), check=True, capture_output=True, timeout=120)
        except subprocess.CalledProcessError as e:
            self.cleanup()
            pytest.fail(f"PostgreSQL: {' '.join(cmd[:2])} failed: {e.stderr.decode(errors='replace')[-2000:]}")

    def start(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.base / "server.log"), "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c full_page_writes=off -c max_connections=200", "start")

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop")

    def cleanup(self) -> None:
        import shutil
        import subprocess

        subprocess.run(self.prefix + [self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    """The session's PostgreSQL server (skipped when PostgreSQL or govscan[postgres] is missing);
    yields its SQLAlchemy URL without a database name."""
    server = PostgresServer()
    try:
        yield server.url
    finally:
        server.cleanup()


def postgres_admin(server_url: str, sql: str) -> None:
    """Run one statement as the superuser on the server's ``postgres`` database (autocommit)."""
    import psycopg

    with psycopg.connect(server_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres",
                         autocommit=True) as conn:
        conn.execute(sql)


def new_postgres_database(server_url: str) -> str:
    """A new, empty database on the session's server; its SQLAlchemy URL."""
    import uuid

    name = "t_" + uuid.uuid4().hex[:16]
    postgres_admin(server_url, f"CREATE DATABASE {name}")
    return f"{server_url}/{name}"


@pytest.fixture()
def postgres_url(postgres_server) -> str:
    return new_postgres_database(postgres_server)


@pytest.fixture(autouse=True)
def _spool_per_test(tmp_path, monkeypatch):
    """Each test's service store spools (database unavailable) into its own folder, not into
    ./govscan-spool shared by every test."""
    if "GOVSCAN_SPOOL_DIR" not in os.environ:
        monkeypatch.setenv("GOVSCAN_SPOOL_DIR", str(tmp_path / "spool"))


#: a Chinese font for the pictures the OCR tests draw (Debian fonts-wqy-zenhei; scripts/test installs it)
CJK_FONT = next((p for p in ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                             "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                             "/usr/share/fonts/truetype/arphic/uming.ttc") if Path(p).exists()), None)
#: the marks of a module of OCR tests: skipped without a Chinese font, the OCR cache per session
OCR_TEST_MARKS = [pytest.mark.skipif(CJK_FONT is None, reason="no Chinese font (Debian fonts-wqy-zenhei)"),
                  pytest.mark.usefixtures("ocr_cache")]


def text_picture(lines, size: int = 24, fmt: str = "PNG", width: int = 820):
    """A white picture of ``lines`` in :data:`CJK_FONT` (one every two line heights), and the
    rectangle each line's text was drawn in."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(CJK_FONT, size)
    img = Image.new("RGB", (width, 40 + 2 * size * len(lines)), "white")
    d = ImageDraw.Draw(img)
    rects = []
    for k, text in enumerate(lines):
        xy = (30, 20 + 2 * size * k)
        d.text(xy, text, font=font, fill="black")
        rects.append(d.textbbox(xy, text, font=font))
    buf = io.BytesIO()
    img.save(buf, fmt)
    return buf.getvalue(), rects


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory):
    """An OCR result cache of the test module's own (a picture another module read is read again)."""
    from scanner import ocr

    folder = tmp_path_factory.mktemp("ocr-cache")
    saved = ocr.ocr_cache_dir
    ocr.ocr_cache_dir = lambda: folder
    yield folder
    ocr.ocr_cache_dir = saved
