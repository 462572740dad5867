"""`scanner rescan`: every source kind, one line per record, bad records as error lines, the
results database, --changed-since. Real subprocesses and real worker pools; no mocks."""
from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest

from scanner import Scanner, ScannerConfig
from scanner.batch.runner import RescanOptions, normalise_date, rescan
from scanner.files import extract_file
from tests.conftest import FIXTURE_LEX, scanner_cmd


@pytest.fixture(scope="module")
def cfg(tmp_path_factory) -> Path:
    """The unit-test lexicon (stable terms), every detector: what these tests expect does not move
    when the bundled lexicons grow."""
    p = tmp_path_factory.mktemp("cfg") / "scanner.toml"
    p.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n', encoding="utf-8")
    return p


def run(*args, **kw):
    return subprocess.run(scanner_cmd() + list(args), capture_output=True, timeout=300, **kw)


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def db(out: Path) -> sqlite3.Connection:
    con = sqlite3.connect(out / "results.sqlite")
    con.row_factory = sqlite3.Row
    return con


def quiet(msg: str) -> None:
    pass


GOOD = [
    {"id": "a", "text": "台湾总统近日发表讲话", "date": "2024-05-01", "account": "县融媒体中心"},
    {"id": 2, "text": "全县生产总值增长6.5%，咨询电话13812345678", "date": "20240502"},
    {"id": "a", "text": "北朝鲜代表团抵达，村长说", "date": "2024年6月3日"},  # a duplicate id
    {"id": "e", "text": ""},
]


def write_jsonl(path: Path) -> list[bytes]:
    raw = [json.dumps(GOOD[0], ensure_ascii=False).encode(), json.dumps(GOOD[1], ensure_ascii=False).encode(),
           b"", b'{"id": "c"}', b"{not json", b"[1, 2]", b'{"id": "d", "text": 5}',
           json.dumps(GOOD[2], ensure_ascii=False).encode(), b'{"id": "x", "text": "\xff\xfe"}',
           json.dumps(GOOD[3]).encode(), b"   "]
    path.write_bytes(b"\n".join(raw) + b"\n")
    return raw


# ------------------------------------------------------------------------------------------ JSONL
def test_jsonl_one_line_per_record_in_order_with_reasons(tmp_path, cfg):
    src = tmp_path / "posts.jsonl"
    write_jsonl(src)
    out = tmp_path / "R"
    p = run("rescan", str(src), "--out", str(out), "--workers", "2", "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()  # a block result (SPEC section 4 exit status)
    rows = lines(out / "results.jsonl")
    # 11 lines, 2 blank: 9 records, each exactly once, in input order
    assert [r["record"] for r in rows] == ["L1", "L2", "L4", "L5", "L6", "L7", "L8", "L9", "L10"]
    assert [r["id"] for r in rows] == ["a", 2, "c", None, None, "d", "a", None, "e"]
    errors = {r["record"]: r["error"] for r in rows if "error" in r}
    assert "no text field" in errors["L4"]
    assert errors["L5"].startswith("line 5: invalid JSON")
    assert "expected a JSON object" in errors["L6"]
    assert "must be a string" in errors["L7"]
    assert "invalid UTF-8" in errors["L9"]
    # results are SPEC section 3 lines, identical to scanning the text with the library
    s = Scanner(ScannerConfig.from_file(cfg))
    for r, post in zip((rows[0], rows[1], rows[6], rows[8]), GOOD, strict=True):
        expect = s.scan(post["text"], id=post["id"]).to_dict()
        assert {k: r[k] for k in expect} == expect
    assert rows[0]["verdict"] == "block"
    # the database holds the same, plus what the report needs
    con = db(out)
    meta = dict(con.execute("SELECT key, value FROM meta"))
    assert meta["status"] == "finished" and meta["lexicon_version"] == s.lexicon_version
    got = [dict(r) for r in con.execute("SELECT * FROM scans ORDER BY pos")]
    assert [g["record"] for g in got] == [r["record"] for r in rows]
    assert [g["verdict"] for g in got] == [r.get("verdict") for r in rows]
    assert got[0]["account"] == "县融媒体中心" and got[0]["published"] == "2024-05-01"
    assert got[1]["published"] == "2024-05-02" and got[6]["published"] == "2024-06-03"
    assert got[0]["text"] == GOOD[0]["text"]  # kept for highlights: it has findings
    assert got[8]["text"] is None and got[8]["verdict"] == "pass"
    n = con.execute("SELECT COUNT(*) FROM findings").fetchone()[0]
    assert n == sum(len(r.get("findings", [])) for r in rows)
    assert b"7 block" not in p.stderr and b"9 records" in p.stderr


def test_workers_and_in_process_give_identical_files(tmp_path, cfg):
    src = tmp_path / "posts.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i in range(600):
            t = ["全县生产总值增长6.5%。", "台湾总统发表讲话。", "联系人手机13912345678。", "北朝鲜村长"][i % 4] * (i % 7 + 1)
            f.write(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) + "\n")
    config = ScannerConfig.from_file(cfg)
    a = rescan(RescanOptions(str(src), tmp_path / "one", workers=1, chunk_records=16, config=config, log=quiet))
    b = rescan(RescanOptions(str(src), tmp_path / "two", workers=2, chunk_records=16, config=config, log=quiet))
    assert a.status == b.status == "finished" and a.records == b.records == 600
    assert a.workers == 1 and b.workers == 2
    assert (tmp_path / "one/results.jsonl").read_bytes() == (tmp_path / "two/results.jsonl").read_bytes()


def test_finished_run_is_not_repeated_and_usage_errors_exit_2(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text('{"id": 1, "text": "全县生产总值增长"}\n', encoding="utf-8")
    out = tmp_path / "R"
    assert run("rescan", str(src), "--out", str(out)).returncode == 0
    before = (out / "results.jsonl").read_bytes()
    p = run("rescan", str(src), "--out", str(out), "--json")
    assert p.returncode == 0 and b"nothing to do" in p.stderr
    assert json.loads(p.stdout)["status"] == "already-finished"
    assert (out / "results.jsonl").read_bytes() == before
    # another source into the same folder is refused, not mixed in
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": 9, "text": "x"}\n', encoding="utf-8")
    p = run("rescan", str(other), "--out", str(out))
    assert p.returncode == 2 and b"--restart" in p.stderr
    for args, needle in ((["/nonexistent/posts.jsonl"], b"no such file"), (["-"], b"standard input"),
                         ([str(tmp_path / "x.bin")], b"cannot tell the format")):
        (tmp_path / "x.bin").write_bytes(b"x")
        p = run("rescan", *args, "--out", str(tmp_path / "R2"))
        assert p.returncode == 2 and needle in p.stderr, p.stderr


# ------------------------------------------------------------------------------------------ CSV
def test_csv_gb18030_with_multiline_cells_and_bad_rows(tmp_path, cfg):
    src = tmp_path / "posts.csv"
    rows = [["编号", "正文", "发布时间", "公众号"],
            ["1", "台湾总统发表讲话", "2023-01-05 10:00", "某县发布"],
            ["2", "第一段\n第二段：严禁赌博", "2023/02/07", "某县发布"],
            ["3"],  # no text cell
            ["4", "全县生产总值增长", "2023-03", "某镇"]]
    with open(src, "w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / "R"
    p = run("rescan", str(src), "--out", str(out), "--id-field", "编号", "--text-field", "正文",
            "--date-field", "发布时间", "--account-field", "公众号", "--workers", "1", "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()
    got = lines(out / "results.jsonl")
    assert [r["record"] for r in got] == ["R1", "R2", "R3", "R4"]
    assert [r["id"] for r in got] == ["1", "2", "3", "4"]
    assert got[0]["verdict"] == "block" and got[0]["findings"][0]["text"] == "台湾总统"
    f = next(x for x in got[1]["findings"] if x["text"] == "赌博")
    assert "第一段\n第二段：严禁赌博"[f["start"]:f["end"]] == "赌博"
    assert "no text field" in got[2]["error"] and "'正文'" in got[2]["error"]
    meta = [tuple(r) for r in db(out).execute("SELECT account, published FROM scans ORDER BY pos")]
    assert meta == [("某县发布", "2023-01-05"), ("某县发布", "2023-02-07"), (None, None), ("某镇", "2023-03")]


# ------------------------------------------------------------------------------------------ folder
def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{p}</w:t></w:r></w:p>' for p in paragraphs)
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats'
           f'.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


WECHAT = """<!DOCTYPE html><html><head><title>县政府发布</title><script>var s = "台湾总统";</script></head>
<body><div id="page"><h1 class="rich_media_title">关于交通安全的通知</h1>
<div id="js_content"><p>各位村民：</p><p>近日&nbsp;台湾总统发表讲话。</p><p>咨询电话：13812345678</p></div></div>
<style>.x{content:"赌博"}</style></body></html>"""


def test_folder_of_txt_html_docx_with_element_paths_and_bad_files(tmp_path, cfg):
    src = tmp_path / "archive"
    (src / "县融媒" / "2024-03").mkdir(parents=True)
    (src / "县融媒" / "2024-03" / "article.html").write_text(WECHAT, encoding="utf-8")
    (src / "县融媒" / "notice.docx").write_bytes(_docx(["通知", "严禁赌博，违者追究责任。"]))
    (src / "plain.txt").write_bytes("北朝鲜代表团抵达".encode("gb18030"))
    (src / "broken.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (src / "garbage.txt").write_bytes(bytes(range(128, 256)) * 4)
    (src / "photo.png").write_bytes(b"\x89PNG")  # pictures are read (OCR): this one is broken
    (src / "setup.exe").write_bytes(b"MZ\x90\x00")
    (src / ".hidden.txt").write_text("台湾总统", encoding="utf-8")
    out = tmp_path / "R"
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()
    assert b"1 file(s) with other suffixes ignored" in p.stderr
    got = {r["record"]: r for r in lines(out / "results.jsonl")}
    assert list(got) == sorted(["县融媒/2024-03/article.html", "县融媒/notice.docx", "plain.txt", "broken.docx",
                                "garbage.txt", "photo.png"])
    assert "corrupt" in got["photo.png"]["error"] or "picture" in got["photo.png"]["error"]
    assert "corrupt" in got["broken.docx"]["error"] and str(tmp_path) not in got["broken.docx"]["error"]
    assert "GB18030" in got["garbage.txt"]["error"] or "UTF-8" in got["garbage.txt"]["error"]
    # HTML: visible text only (no script/style hits), offsets into that text, element path kept
    html = got["县融媒/2024-03/article.html"]
    text = extract_file(src / "县融媒/2024-03/article.html").text
    assert {f["text"] for f in html["findings"]} >= {"台湾总统", "13812345678"} and "赌博" not in text
    for f in html["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
        assert "div#js_content>p" in f["element_path"]
    docx = got["县融媒/notice.docx"]
    f = next(x for x in docx["findings"] if x["text"] == "赌博")
    assert f["element_path"] == "word/document.xml" and f["location"]["layer"] == "body"
    assert got["plain.txt"]["findings"][0]["text"] == "北朝鲜"
    row = db(out).execute("SELECT account, published, title, kind FROM scans WHERE record = ?",
                          ("县融媒/2024-03/article.html",)).fetchone()
    assert tuple(row) == ("县融媒", "2024-03", "县政府发布", "html")
    ep = db(out).execute("SELECT element_path FROM findings WHERE element_path IS NOT NULL").fetchall()
    assert len(ep) >= 3


def test_folder_of_attachments_every_format_and_layer(tmp_path, cfg):
    """A folder as a county keeps it: an Excel roster with the full ID numbers in a hidden column,
    a PDF with a number under a black box, a zip of attachments holding a Word notice with a phone
    number in its footer. Every finding carries its layer and place."""
    from tests.test_files_corpus import ID, make_pdf, make_sheet, make_word

    src = tmp_path / "attachments"
    src.mkdir()
    (src / "名单.xlsx").write_bytes(make_sheet())
    (src / "公示.pdf").write_bytes(make_pdf())
    with zipfile.ZipFile(src / "附件.zip", "w") as z:
        z.writestr("附件1 通知.docx", make_word())
    out = tmp_path / "R"
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()
    got = {r["record"]: r for r in lines(out / "results.jsonl")}
    assert set(got) == {"名单.xlsx", "公示.pdf", "附件.zip"}
    sheet = {(f["text"], f["location"]["layer"]): f["location"] for f in got["名单.xlsx"]["findings"]}
    assert sheet[(ID, "hidden")]["cell"] == "C3"
    pdf = {(f["text"], f["location"]["layer"]) for f in got["公示.pdf"]["findings"]}
    assert (ID, "redaction") in pdf
    footer = [f for f in got["附件.zip"]["findings"] if f["text"] == "13912345678"]
    assert footer and footer[0]["location"]["layer"] == "footer"
    assert footer[0]["location"]["part"] == "附件1 通知.docx!word/footer1.xml"


# ------------------------------------------------------------------------------------------ SQL
def _archive_db(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT, raw BLOB, published TEXT, account TEXT)")
    con.executemany("INSERT INTO posts VALUES (?, ?, ?, ?, ?)", [
        (1, "台湾总统发表讲话", None, "2022-07-01", "市政府网站"),
        (2, None, "严禁赌博".encode("gb18030"), "2022-07-02", "市政府网站"),
        (3, None, None, "2022-08-01", "某县发布"),
        (4, "全县生产总值增长", None, "2022-08-09", "某县发布"),
    ])
    con.commit()
    con.close()


def test_sqlite_source_by_url_and_query(tmp_path, cfg):
    archive = tmp_path / "archive.db"
    _archive_db(archive)
    out = tmp_path / "R"
    q = "SELECT id, COALESCE(body, raw) AS text, published, account FROM posts ORDER BY id"
    p = run("rescan", f"sqlite:///{archive}", "--query", q, "--out", str(out), "--workers", "2", "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()
    got = lines(out / "results.jsonl")
    assert [r["id"] for r in got] == [1, 2, 3, 4] and [r["record"] for r in got] == ["R1", "R2", "R3", "R4"]
    assert got[0]["verdict"] == "block"
    assert got[1]["findings"][0]["text"] == "赌博"  # a GB18030 BLOB is decoded
    assert "null" in got[2]["error"]
    assert got[3]["verdict"] == "pass"
    p = run("rescan", f"sqlite:///{archive}", "--query", "SELECT nope FROM missing", "--out", str(tmp_path / "R2"))
    assert p.returncode == 2 and b"query failed" in p.stderr


def test_sql_source_through_sqlalchemy(tmp_path, cfg):
    pytest.importorskip("sqlalchemy", reason="SQLAlchemy is needed for non-SQLite URLs (govscan[postgres])")
    archive = tmp_path / "archive.db"
    _archive_db(archive)
    out = tmp_path / "R"
    stats = rescan(RescanOptions(f"sqlite+pysqlite:///{archive}", out, workers=1, log=quiet,
                                 config=ScannerConfig.from_file(cfg),
                                 query="SELECT id, body AS text FROM posts WHERE body IS NOT NULL ORDER BY id"))
    assert stats.status == "finished" and stats.records == 2 and stats.block == 1


# ------------------------------------------------------------------------------------------ --changed-since
def _lexicon(tmp_path: Path) -> tuple[Path, Path]:
    lex = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, lex)
    cfg = tmp_path / "scanner.toml"
    cfg.write_text(f'bundled_lexicons = false\nlexicon_dirs = ["{lex}"]\n'
                   'detectors = ["lexicon", "classification_mark"]\n', encoding="utf-8")
    return lex, cfg


def _change_lexicon(lex: Path) -> None:
    m = lex / "manifest.toml"
    m.write_text(m.read_text(encoding="utf-8").replace('version = "test.1"', 'version = "test.2"'), encoding="utf-8")
    w = lex / "wording.tsv"
    t = w.read_text(encoding="utf-8")
    t = t.replace("t.gambling\t赌博\tprohibited_content\t\t", "t.gambling\t赌博\tprohibited_content\treview\t")
    t += "t.disabled_person\t残废人\tbanned_term\t\t残疾人\t新华社禁用词\t\t\t\n"
    w.write_text(t, encoding="utf-8")


def test_changed_since_rescans_only_what_the_new_lexicon_can_change(tmp_path):
    lex, cfg = _lexicon(tmp_path)
    src = tmp_path / "posts.jsonl"
    texts = (["全县生产总值增长6.5%，农民收入稳步提高。"] * 30 + ["走访慰问残废人家庭。"] * 5 + ["严禁赌博。"] * 5
             + ["台湾总统发表讲话。"] * 5)
    with open(src, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
        f.write("{broken\n")
    out = tmp_path / "R"
    assert run("rescan", str(src), "--out", str(out), "--config", str(cfg)).returncode == 1
    _change_lexicon(lex)
    # without --changed-since the old results are not silently mixed with the new lexicon
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg))
    assert p.returncode == 2 and b"--changed-since test.1" in p.stderr
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg), "--changed-since", "test.0")
    assert p.returncode == 2 and b"not test.0" in p.stderr
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg), "--changed-since", "test.1", "--json")
    assert p.returncode == 1, p.stderr.decode()
    stats = json.loads(p.stdout)
    assert "1 added (t.disabled_person)" in stats["plan"] and "1 changed (t.gambling)" in stats["plan"]
    # re-scanned: the 5 posts with the new term, the 5 with the changed one, and the bad line
    assert stats["rescanned"] == 11 and stats["carried"] == 35 and stats["records"] == 46
    con = db(out)
    again = {r[0] for r in con.execute("SELECT text_hash FROM scans WHERE rescanned = 1 AND error IS NULL")}
    assert len(again) == 2
    # and the result is exactly what a full re-scan with the new lexicon gives
    full = tmp_path / "full"
    assert run("rescan", str(src), "--out", str(full), "--config", str(cfg)).returncode == 1
    assert (out / "results.jsonl").read_bytes() == (full / "results.jsonl").read_bytes()
    assert (out / "previous" / "test.1" / "results.sqlite").is_file()
    assert all(r["lexicon_version"] == "test.2" for r in lines(out / "results.jsonl") if "error" not in r)
    # the same command again: done
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg), "--changed-since", "test.1")
    assert p.returncode == 0 and b"nothing to do" in p.stderr  # nothing scanned: not "some result is block"


def test_changed_since_says_why_it_must_rescan_everything(tmp_path):
    lex, cfg = _lexicon(tmp_path)
    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": "全县生产总值增长"}, ensure_ascii=False) + "\n"
                           for i in range(20)), encoding="utf-8")
    out = tmp_path / "R"
    cfg_opts = ScannerConfig.from_file(cfg)
    assert rescan(RescanOptions(str(src), out, config=cfg_opts, workers=1, log=quiet)).status == "finished"
    _change_lexicon(lex)
    changed = ScannerConfig.from_dict({"bundled_lexicons": False, "lexicon_dirs": [str(lex)],
                                       "detectors": ["lexicon", "classification_mark"],
                                       "severity": {"banned_term": "block"}})
    said: list[str] = []
    stats = rescan(RescanOptions(str(src), out, config=changed, workers=1, changed_since="test.1", log=said.append))
    assert stats.rescanned == 20 and stats.carried == 0
    assert any("scanner settings" in m and "re-scanning everything" in m for m in said)


def test_dates_are_normalised():
    assert normalise_date("2024-05-01 10:00:00") == "2024-05-01"
    assert normalise_date("20220924") == "2022-09-24"
    assert normalise_date("2023年7月") == "2023-07"
    assert normalise_date(2019) == "2019"
    assert normalise_date(1700000000) is not None and normalise_date(1700000000).startswith("2023-11")
    assert normalise_date("昨天") is None and normalise_date(None) is None


def test_engine_fingerprint_covers_data_files_and_the_name_model():
    # --changed-since carries results over only when nothing else that decides them changed:
    # a retrained name model or an edited list of name parts must force a full re-scan
    from scanner.batch.runner import fingerprint_files

    names = {rel for rel, _ in fingerprint_files()}
    assert {"models/zh_name_crf/model.npz", "models/zh_name_crf/meta.json"} <= names
    assert {"data/minority_name_parts.txt", "data/region_codes.txt", "name_tagger.py"} <= names
    assert not any(n.startswith("batch/") for n in names)


# ------------------------------------------------------------------------------------------ [rescan]
def test_rescan_table_of_the_config_file_sets_option_defaults(tmp_path):
    """An office keeps its archive's field names and run settings in the config file; an option
    on the command line still wins."""
    src = tmp_path / "cms.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"post_id": "p1", "body": "台湾总统近日发表讲话", "content": "全县生产总值增长"},
        {"post_id": "p2", "body": "全县生产总值增长", "content": "台湾总统近日发表讲话"},
    ]) + "\n", encoding="utf-8")
    cfg = tmp_path / "govscan.toml"
    cfg.write_text(f'[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n\n'
                   '[rescan]\nid_field = "post_id"\ntext_field = ["body"]\nworkers = 1\nstore_text = "all"\n'
                   'commit_interval = 0.5\nquery = "SELECT post_id, body FROM posts ORDER BY post_id"\n',
                   encoding="utf-8")  # the query is for a database SOURCE: a JSONL SOURCE reads its lines
    out = tmp_path / "R"
    p = run("rescan", str(src), "--out", str(out), "--config", str(cfg), "--json")
    assert p.returncode == 1, p.stderr.decode()
    got = lines(out / "results.jsonl")
    assert [(r["id"], r["verdict"]) for r in got] == [("p1", "block"), ("p2", "pass")]
    assert db(out).execute("SELECT COUNT(*) FROM scans WHERE text IS NOT NULL").fetchone()[0] == 2  # store_text all
    # the command line wins over the file
    p = run("rescan", str(src), "--out", str(tmp_path / "R2"), "--config", str(cfg), "--text-field", "content")
    assert [(r["id"], r["verdict"]) for r in lines(tmp_path / "R2" / "results.jsonl")] == [("p1", "pass"),
                                                                                          ("p2", "block")]


@pytest.mark.parametrize("table,message", [('workerz = 2', "unknown [rescan] key(s): workerz"),
                                           ('workers = 0', "workers must be a positive integer"),
                                           ('engine = "threads"', "engine must be one of processes, spark"),
                                           ('text_field = []', "text_field must be a field name")])
def test_rescan_table_errors_are_usage_errors(tmp_path, table, message):
    src = tmp_path / "a.jsonl"
    src.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    cfg = tmp_path / "govscan.toml"
    cfg.write_text(f"bundled_lexicons = false\n\n[rescan]\n{table}\n", encoding="utf-8")
    p = run("rescan", str(src), "--out", str(tmp_path / "R"), "--config", str(cfg))
    assert p.returncode == 2 and message in p.stderr.decode(), p.stderr.decode()
    assert not (tmp_path / "R" / "results.jsonl").exists()


def test_rescan_table_query_reads_a_database_source(tmp_path):
    archive = tmp_path / "archive.db"
    _archive_db(archive)
    cfg = tmp_path / "govscan.toml"
    cfg.write_text(f'[scanner]\nbundled_lexicons = false\nlexicon_dirs = ["{FIXTURE_LEX}"]\n\n[rescan]\n'
                   'query = "SELECT id, body AS text FROM posts WHERE body IS NOT NULL ORDER BY id"\nworkers = 1\n',
                   encoding="utf-8")
    p = run("rescan", f"sqlite:///{archive}", "--out", str(tmp_path / "R"), "--config", str(cfg))
    assert p.returncode == 1, p.stderr.decode()
    assert [(r["id"], r["verdict"]) for r in lines(tmp_path / "R" / "results.jsonl")] == [(1, "block"), (4, "pass")]


def test_the_records_date_makes_an_outdated_name_history(tmp_path):
    """An archive post published before an agency's reform names it rightly; the same words in a
    post published after it are outdated (the bundled outdated rows carry until=YEAR)."""
    src = tmp_path / "posts.jsonl"
    text = "请市民关注环境保护部发布的空气质量预报。"
    rows = [{"id": "old", "text": text, "published_at": "2015-06-01"},
            {"id": "new", "text": text, "published_at": "2024-06-01"},
            {"id": "none", "text": text}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "R"
    rescan(RescanOptions(str(src), out, config=ScannerConfig(), workers=1, log=quiet))
    rules = {r["id"]: [f["rule"] for f in r["findings"]] for r in lines(out / "results.jsonl")}
    assert rules == {"old": [], "new": ["outdated.mep"], "none": ["outdated.mep"]}
    assert [r["published"] for r in db(out).execute("SELECT published FROM scans ORDER BY pos")] == [
        "2015-06-01", "2024-06-01", None]
