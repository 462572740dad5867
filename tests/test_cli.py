"""The installed `scanner` command, run as a real subprocess."""
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, SHARED, scanner_cmd

SAMPLE = REPO / "samples" / "draft.txt"


def run(*args, input=None, **kw):
    return subprocess.run(scanner_cmd() + list(args), input=input, capture_output=True, timeout=120, **kw)


def test_jsonl_contract(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "text": "台湾总统发表讲话"},
        {"id": 2, "text": "全县生产总值增长6.5%"},
        {"id": "c"},
        {"id": "d", "text": 5},
        {"id": "e", "text": ""},
    ]
    src.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n{not json\n\n[1]\n",
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    p = run("scan", "--jsonl", str(src), "--out", str(out))
    assert p.returncode == 1, p.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 7
    assert [r.get("id") for r in rows] == ["a", 2, "c", "d", "e", None, None]
    assert rows[0]["verdict"] == "block" and rows[0]["findings"][0]["suggestion"] == "台湾地区领导人"
    assert rows[1] == {"id": 2, "verdict": "pass", "findings": [], "lexicon_version": rows[1]["lexicon_version"]}
    assert "error" in rows[2] and "text" in rows[2]["error"]
    assert "error" in rows[3] and "string" in rows[3]["error"]
    assert rows[4]["verdict"] == "pass"
    assert "invalid JSON" in rows[5]["error"]
    assert "object" in rows[6]["error"]


def test_jsonl_stdin_stdout_and_exit_zero_without_block():
    p = run("scan", "--jsonl", "-", "--out", "-", input='{"id":"x","text":"全县生产总值增长"}\n'.encode())
    assert p.returncode == 0
    assert json.loads(p.stdout)["verdict"] == "pass"


def test_jsonl_invalid_utf8_line_yields_an_error_line(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"id":"a","text":"\xff\xfe"}\n{"id":"b","text":"ok"}\n')
    out = tmp_path / "out.jsonl"
    p = run("scan", "--jsonl", str(src), "--out", str(out))
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert p.returncode == 0 and "UTF-8" in rows[0]["error"] and rows[1]["id"] == "b"


def test_missing_input_file_is_exit_2():
    p = run("scan", "--jsonl", "/nonexistent/in.jsonl")
    assert p.returncode == 2 and b"cannot read" in p.stderr
    p = run("scan", "/nonexistent/draft.txt")
    assert p.returncode == 2 and b"no such file" in p.stderr


def test_usage_errors_are_exit_2():
    assert run("scan", "--format", "xml", "x").returncode == 2
    assert run("frobnicate").returncode == 2


@pytest.mark.skipif(not (SHARED / "tools" / "contract_check.py").exists(), reason="shared contract checker absent")
def test_shared_contract_checker_passes():
    cmd = " ".join(scanner_cmd()) + " scan --jsonl {in} --out {out}"
    p = subprocess.run([sys.executable, str(SHARED / "tools" / "contract_check.py"), "--run", cmd],
                       capture_output=True, text=True, timeout=180)
    assert p.returncode == 0, p.stdout + p.stderr


def test_human_report_of_the_bundled_sample():
    p = run("scan", str(SAMPLE), "--color", "always")
    assert p.returncode == 1  # the sample draft contains blocking findings
    out = p.stdout.decode()
    assert "\x1b[" in out  # coloured highlights
    for expected in ("结论", "block", "台湾地区领导人", "138****", "依据", "密级"):
        assert expected in out, expected


def test_json_format_for_one_document():
    p = run("scan", str(SAMPLE), "--format", "json", "--id", "sample")
    doc = json.loads(p.stdout)
    text = SAMPLE.read_text(encoding="utf-8")
    assert doc["id"] == "sample" and doc["verdict"] == "block"
    for f in doc["findings"]:
        assert text[f["start"]:f["end"]] == f["text"]
    cats = {f["category"] for f in doc["findings"]}
    assert {"personal_data", "state_secret", "improper_wording"} <= cats


def test_gb18030_file_is_decoded(tmp_path):
    p_ = tmp_path / "gbk.txt"
    p_.write_bytes("台湾总统发表讲话，联系电话13812345678".encode("gb18030"))
    p = run("scan", str(p_), "--format", "json")
    doc = json.loads(p.stdout)
    assert p.returncode == 1 and {f["type"] for f in doc["findings"]} >= {"political_term", "mobile_phone"}


def test_binary_file_is_a_clear_error(tmp_path):
    p_ = tmp_path / "bin.txt"
    p_.write_bytes(bytes(range(256)) * 4)
    p = run("scan", str(p_))
    assert p.returncode == 2
    assert b"Traceback" not in p.stderr and b"UTF-8" in p.stderr


def test_lexicon_lint_passes_on_bundled_and_fails_on_a_broken_file(tmp_path):
    p = run("lexicon", "lint")
    assert p.returncode == 0, p.stdout.decode()[-3000:]
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "manifest.toml").write_text(
        'version = "1"\n[[lexicon]]\nname = "b"\nfile = "b.tsv"\nexamples = "b.examples.tsv"\n'
        'category = "improper_wording"\nversion = "1"\nsource = "t"\nlicence = "CC0-1.0"\n', encoding="utf-8")
    (bad / "b.tsv").write_text(
        "id\tterm\ttype\tbasis\n"
        "b.one\t臺灣總統\tpolitical_term\tx\n"      # traditional: normalises to something else
        "b.two\t赌博\tprohibited_content\tx\n"
        "b.two\t口交\tprohibited_content\tx\n"      # duplicate id
        "b.five\t黄赌毒\tno_such_type\tx\n"         # unknown type
        "b.three\t吸毒\tprohibited_content\t\n"      # no basis
        "b.four\t色情\tprohibited_content\tx\n", encoding="utf-8")
    (bad / "b.examples.tsv").write_text("expect\trule\ttext\nhit\tb.four\t没有这个词\n", encoding="utf-8")
    p = run("lexicon", "lint", str(bad))
    out = p.stdout.decode()
    assert p.returncode == 1
    for needle in ("normalises to", "unknown type", "duplicate id", "no basis"):
        assert needle in out, needle
    (bad / "b.tsv").write_text("id\tterm\ttype\tbasis\nb.four\t色情\tprohibited_content\tx\n", encoding="utf-8")
    p = run("lexicon", "lint", str(bad))
    assert p.returncode == 1 and "expected b.four to hit" in p.stdout.decode()


def test_lexicon_info_lists_files_and_versions():
    p = run("lexicon", "info")
    info = json.loads(p.stdout)
    assert info["lexicon_version"] and info["terms"] > 100
    assert {f["name"] for f in info["lexicons"]} >= {"xinhua_style", "internal_markers", "prohibited_content"}


def test_published_date_of_one_draft(tmp_path):
    """--published: an outdated name in a draft published before its change is history; a bad
    date or --published with --jsonl is a usage error (exit 2), before any work."""
    draft = tmp_path / "mep.txt"
    draft.write_text("环境保护部近日印发通知，要求各地加强大气污染防治。", encoding="utf-8")
    now = run("scan", str(draft), "--format", "json")
    assert now.returncode == 0 and json.loads(now.stdout)["verdict"] == "review"
    old = run("scan", str(draft), "--format", "json", "--published", "2015年6月1日")
    assert old.returncode == 0 and json.loads(old.stdout)["findings"] == []
    bad = run("scan", str(draft), "--published", "soon")
    assert bad.returncode == 2 and b"published 'soon' is not a date" in bad.stderr and not bad.stdout
    both = run("scan", "--jsonl", str(draft), "--published", "2015")
    assert both.returncode == 2 and b"--published is for one draft" in both.stderr
