"""The reviewer page in a real browser: Debian's chromium (headless) driven by Playwright.

Skips with a message when /usr/bin/chromium or Playwright is missing (scripts/test installs both).
"""
from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from pathlib import Path

import httpx
import pytest

from conftest import CJK_FONT, FIXTURE_LEX, REPO, text_picture

CHROMIUM = os.environ.get("GOVSCAN_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium fonts-wqy-zenhei)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need Playwright (pip install playwright)")
pytest.importorskip("fastapi")
expect = sync_api.expect

from service.app import create_app  # noqa: E402
from service.testing import serve_in_thread  # noqa: E402

DRAFT = (REPO / "samples" / "draft.txt").read_text(encoding="utf-8")
SCREENSHOT_DIR = Path(os.environ.get("GOVSCAN_SCREENSHOTS", "/tmp"))
TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def server(scanner, tmp_path_factory):
    db = tmp_path_factory.mktemp("page") / "page.db"
    with serve_in_thread(create_app(scanner=scanner, db_url=f"sqlite:///{db}")) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN")
    ctx.set_default_timeout(TIMEOUT_MS)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    ctx.close()
    assert not [e for e in errors if "401" not in e], errors  # no script errors, no CSP violations


def scan_draft(page, server: str, text: str, doc_id: str | None = None, reviewer: str = "王审核") -> None:
    page.goto(server + "/review")
    page.fill("#reviewer", reviewer)
    page.dispatch_event("#reviewer", "change")
    if doc_id:
        page.fill("#doc-id", doc_id)
    page.fill("#draft-input", text)
    page.click("#scan-btn")
    page.wait_for_selector("#draft mark.hl")


def mark(page, text: str):
    return page.locator("#draft mark.hl", has_text=re.compile("^" + re.escape(text) + "$"))


def test_highlight_apply_dismiss_reload(page, server, scanner):
    scan_draft(page, server, DRAFT, doc_id="gongshi-2026-01")
    expected = scanner.scan(DRAFT).findings
    # the verdict, the legend and one highlight per finding (no overlaps in this draft)
    assert page.inner_text("#verdict") == "结论：阻断"
    legend = page.inner_text("#legend")
    for label in ("个人信息", "国家秘密/工作秘密", "商业秘密", "不当表述", "已忽略"):
        assert label in legend
    # every finding is highlighted exactly over its text (a span covered by two findings of
    # different categories is one <mark> listing both)
    spans = page.eval_on_selector_all("#draft mark.hl", """ms => {
        const g = {};
        for (const m of ms) for (const fp of m.dataset.fps.split(' ')) g[fp] = (g[fp] || '') + m.textContent;
        return Object.values(g); }""")
    assert sorted(spans) == sorted(f.text for f in expected)
    assert page.inner_text("#draft") == DRAFT.rstrip("\n") or page.inner_text("#draft") == DRAFT
    colours = {c: page.eval_on_selector(f"#draft mark.cat-{c}", "e => getComputedStyle(e).backgroundColor")
               for c in ("personal_data", "state_secret", "improper_wording")}
    assert colours == {"personal_data": "rgb(251, 211, 234)", "state_secret": "rgb(255, 211, 207)",
                       "improper_wording": "rgb(255, 240, 160)"}

    # hover: message, basis and suggestion
    mark(page, "台湾总统").hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "不得称台湾地区领导人为“总统”" in tip.inner_text() and "建议：台湾地区领导人" in tip.inner_text()

    # select the phone number: the detail panel, then apply its suggestion (re-scans)
    mark(page, "13812345678").click()
    assert page.inner_text("#d-suggestion") == "138****5678"
    assert "个人信息保护法" in page.inner_text("#d-basis")
    first_url = page.url
    page.click("#apply-btn")
    expect(page.locator("#draft-input")).to_have_value(re.compile(re.escape("138****5678")))
    expect(page).not_to_have_url(first_url)
    page.wait_for_selector("#draft mark.hl")
    assert mark(page, "13812345678").count() == 0
    assert "138****5678" in page.inner_text("#draft")
    assert re.search(r"/review/[0-9a-f]{32}$", page.url)

    # dismiss 两岸三地 as a false positive, with a reason
    mark(page, "两岸三地").click()
    page.click("#dismiss-btn")
    page.fill("#dismiss-reason", "转述境外媒体原话，已加引号说明")
    page.click("#dismiss-confirm")
    page.wait_for_selector("#draft mark.hl.dismissed")
    assert "dismissed" in mark(page, "两岸三地").get_attribute("class")
    assert "已忽略 1 处" in page.inner_text("#summary")
    page.screenshot(path=str(SCREENSHOT_DIR / "govscan-review.png"), full_page=True)

    # reload: the stored scan opens with the dismissal kept
    page.reload()
    page.wait_for_selector("#draft mark.hl.dismissed")
    assert "dismissed" in mark(page, "两岸三地").get_attribute("class")
    mark(page, "两岸三地").click()
    assert page.is_visible("#d-dismissed")
    assert page.inner_text("#d-dismiss-reason") == "转述境外媒体原话，已加引号说明"

    # edit the draft and scan again: same document, the dismissal follows the finding
    page.fill("#draft-input", "（修改稿）" + page.input_value("#draft-input"))
    page.click("#scan-btn")
    expect(page.locator("#draft")).to_have_text(re.compile("^（修改稿）"))
    page.wait_for_selector("#draft mark.hl.dismissed")
    assert "dismissed" in mark(page, "两岸三地").get_attribute("class")
    assert "dismissed" not in mark(page, "台湾总统").get_attribute("class")


def test_draft_with_html_and_script_shows_as_text(page, server):
    evil = ('<img src=x onerror="document.title=\'pwned\'"><script>document.title=\'pwned2\'</script>'
            '台湾总统<b>加粗</b><a href="javascript:alert(1)">链接</a>')
    scan_draft(page, server, evil)
    assert page.title().startswith("发布前审查")
    assert page.eval_on_selector("#draft", "e => e.textContent") == evil
    assert page.locator("#draft img, #draft script, #draft b, #draft a").count() == 0
    assert mark(page, "台湾总统").count() == 1
    mark(page, "台湾总统").click()
    assert page.inner_text("#d-text") == "台湾总统"


def test_astral_characters_do_not_shift_highlights(page, server):
    text = "😀𠀀👍🏽 据报道，台湾总统😀发表讲话，联系电话13812345678，𠮷野家"
    scan_draft(page, server, text)
    got = sorted(page.locator("#draft mark.hl").all_inner_texts())
    assert got == sorted(["台湾总统", "13812345678"])
    assert page.eval_on_selector("#draft", "e => e.textContent") == text


def test_finding_whose_text_has_astral_characters(browser, tmp_path):
    """A lexicon term with a character outside the BMP (𠮷): highlight, detail and apply."""
    from scanner import ScannerConfig

    lex = tmp_path / "lex"
    shutil.copytree(FIXTURE_LEX, lex)
    with open(lex / "wording.tsv", "a", encoding="utf-8") as f:
        f.write("t.astral\t𠮷野家\tbanned_term\t\t吉野家\t测试用例\t\t\t\n")
    app = create_app(ScannerConfig(bundled_lexicons=False, lexicon_dirs=(str(lex),)), db_url=f"sqlite:///{tmp_path}/a.db")
    with serve_in_thread(app) as url:
        ctx = browser.new_context()
        ctx.set_default_timeout(TIMEOUT_MS)
        pg = ctx.new_page()
        text = "😀👍🏽去𠮷野家吃饭😀，台湾总统讲话"
        scan_draft(pg, url, text)
        assert sorted(pg.locator("#draft mark.hl").all_inner_texts()) == sorted(["𠮷野家", "台湾总统"])
        mark(pg, "𠮷野家").click()
        assert pg.inner_text("#d-text") == "𠮷野家" and pg.inner_text("#d-suggestion") == "吉野家"
        pg.click("#apply-btn")
        expect(pg.locator("#draft-input")).to_have_value("😀👍🏽去吉野家吃饭😀，台湾总统讲话")
        expect(pg.locator("#draft mark.hl")).to_have_count(1)
        assert pg.inner_text("#draft mark.hl") == "台湾总统"
        ctx.close()


def test_signoff_and_printable_record(page, server):
    scan_draft(page, server, "台湾总统近日发表讲话。", doc_id="signoff-doc")
    mark(page, "台湾总统").click()
    page.click("#dismiss-btn")
    page.fill("#dismiss-reason", "引述原文")
    page.click("#dismiss-confirm")
    expect(page.locator("#verdict")).to_have_text("结论：通过")
    page.select_option("#conclusion", "approve")
    page.fill("#comment", "已核实，同意发布")
    page.click("#signoff-btn")
    page.wait_for_selector("#signoffs li.approve")
    assert "王审核：同意发布（已核实，同意发布）" in page.inner_text("#signoffs")
    with page.context.expect_page() as new_page:
        page.click("#export-html")
    record = new_page.value
    expect(record.locator("h1")).to_have_text("政务新媒体信息发布审核记录")
    body = record.inner_text("body")
    assert "政务新媒体信息发布审核记录" in body and "同意发布" in body and "引述原文" in body
    # the record's style is allowed by the page's policy (it is opened from a blob: URL)
    assert record.eval_on_selector("h1", "e => getComputedStyle(e).textAlign") == "center"


def test_upload_a_word_draft(page, server, tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>关于公示的通知</w:t></w:r>'
                   "</w:p><w:p><w:r><w:t>联系电话13812345678，本文件为内部资料。</w:t></w:r></w:p></w:body></w:document>")
    path = tmp_path / "通知.docx"
    path.write_bytes(buf.getvalue())
    page.goto(server + "/review")
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#draft mark.hl")
    assert page.input_value("#draft-input").startswith("关于公示的通知\n")
    assert sorted(page.locator("#draft mark.hl").all_inner_texts()) == ["13812345678", "内部资料"]
    assert page.input_value("#doc-id") == "通知.docx"


def test_token_is_asked_for_when_the_service_needs_one(browser, scanner, tmp_path):
    app = create_app(scanner=scanner, db_url=f"sqlite:///{tmp_path}/t.db", tokens=["page-token"])
    with serve_in_thread(app) as url:
        ctx = browser.new_context()
        ctx.set_default_timeout(TIMEOUT_MS)
        pg = ctx.new_page()
        pg.goto(url + "/review")
        pg.fill("#draft-input", "台湾总统发表讲话")
        pg.click("#scan-btn")
        pg.wait_for_selector("#token-box", state="visible")
        expect(pg.locator("#status")).to_contain_text("访问令牌")  # set just after the box shows
        pg.fill("#token", "page-token")
        pg.dispatch_event("#token", "change")
        pg.click("#scan-btn")
        pg.wait_for_selector("#draft mark.hl")
        assert pg.inner_text("#verdict") == "结论：阻断"
        ctx.close()


def test_reviewer_token_names_the_reviewer_on_the_page(browser, scanner, tmp_path):
    """With [service.reviewers], the reviewer's own token fills in the name (not editable), and
    the decision the page sends is recorded under that name."""
    from service.settings import ServiceSettings

    settings = ServiceSettings(tokens=("publisher-token",), reviewers={"wang-token": "王审核", "li-token": "李主任"},
                               approvers=("李主任",), db_url=f"sqlite:///{tmp_path}/r.db")
    with serve_in_thread(create_app(scanner=scanner, settings=settings)) as url:
        ctx = browser.new_context()
        ctx.set_default_timeout(TIMEOUT_MS)
        pg = ctx.new_page()
        pg.goto(url + "/review")
        pg.wait_for_selector("#token-box", state="visible")
        pg.fill("#token", "wang-token")
        pg.dispatch_event("#token", "change")
        expect(pg.locator("#reviewer")).to_have_value("王审核")
        assert pg.eval_on_selector("#reviewer", "e => e.readOnly") is True
        # 王审核 is not an approver (service.approvers): 同意发布 cannot be chosen
        assert pg.eval_on_selector('#conclusion option[value="approve"]', "e => e.disabled") is True
        pg.fill("#draft-input", "台湾总统近日发表讲话")
        pg.click("#scan-btn")
        pg.wait_for_selector("#draft mark.hl")
        mark(pg, "台湾总统").click()
        pg.click("#dismiss-btn")
        pg.fill("#dismiss-reason", "引用境外报道原文")
        pg.click("#dismiss-confirm")
        pg.wait_for_selector("#draft mark.hl.dismissed")
        scan_id = pg.url.rsplit("/", 1)[-1]
        ctx.close()
        rec = httpx.get(f"{url}/v1/scans/{scan_id}/review", headers={"Authorization": "Bearer wang-token"},
                        timeout=30).json()
        assert [(d["action"], d["reviewer"]) for d in rec["decisions"]] == [("dismiss", "王审核")]


def test_a_file_shows_each_finding_with_its_layer_and_place(page, server, tmp_path):
    """A Word notice made with python-docx: an internal marker in the header, a phone number in a
    comment by 王局长; the page lists both with their place, shows the pictures not read, and
    offers the annotated and cleaned copies for download."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "内部资料 注意保存"
    p = d.add_paragraph("关于2026年度低保对象的公示")
    d.add_comment(p.runs, text="联系人电话13812345678", author="王局长", initials="W")
    d.core_properties.author = "Administrator"
    path = tmp_path / "公示.docx"
    d.save(path)
    page.goto(server + "/review")
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#draft mark.hl")
    items = page.locator("#finding-list li")
    expect(items.filter(has_text="内部资料").locator(".where")).to_have_text(re.compile("页眉"))
    expect(items.filter(has_text="13812345678").locator(".where")).to_have_text(re.compile("批注（王局长）"))
    items.filter(has_text="13812345678").click()
    expect(page.locator("#d-where")).to_have_text(re.compile(r"批注（王局长）.*word/comments\.xml"))
    expect(page.locator("#file-summary")).to_contain_text("docx")
    saved = tmp_path / "annotated.docx"
    _download(page, "#annotate-btn", saved)
    assert zipfile.ZipFile(saved).read("word/comments.xml").count(b"govscan") >= 2
    _download(page, "#clean-btn", tmp_path / "cleaned.docx")
    expect(page.locator("#status")).to_contain_text("清理版")
    page.screenshot(path=str(SCREENSHOT_DIR / "govscan-review-file.png"), full_page=True)
    # a PDF is read and highlighted and cleaned (a new PDF of the pages as pictures), not annotated:
    # 清理版 is offered, 批注版 is not (it was, and answered 415)
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")
    pdf = tmp_path / "report.pdf"
    c = canvas.Canvas(str(pdf))
    c.drawString(72, 700, "Tel 13812345678")
    c.save()
    page.set_input_files("#file", str(pdf))
    expect(page.locator("#file-summary")).to_contain_text("pdf")
    _only_clean_offered(page)
    saved = tmp_path / "report.cleaned.pdf"
    assert _download(page, "#clean-btn", saved).suggested_filename == "report.已清理.pdf"
    expect(page.locator("#status")).to_contain_text("不含文字层")
    assert saved.read_bytes().startswith(b"%PDF-") and b"13812345678" not in saved.read_bytes()


def _text_picture(lines, size=24, width=820) -> bytes:
    if CJK_FONT is None:
        pytest.skip("no Chinese font (fonts-wqy-zenhei)")
    return text_picture(lines, size, "PNG", width)[0]


def _one_picture(page, server: str, path: Path, caption: str):
    """Open the page, upload ``path`` and wait for its highlights; the one picture figure, with
    ``caption`` in its caption."""
    page.goto(server + "/review")
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#draft mark.hl")
    fig = page.locator("#pictures figure")
    expect(fig).to_have_count(1)
    expect(fig.locator("figcaption")).to_contain_text(caption)
    return fig


def _only_clean_offered(page) -> None:
    """A file that clean writes and annotate does not (a PDF, an .odt, a picture): the page offers
    清理版 only (both were offered for a PDF, and annotate answered 415)."""
    expect(page.locator("#annotate-btn")).to_be_disabled()
    expect(page.locator("#clean-btn")).to_be_enabled()


def _download(page, button: str, path: Path):
    """Click ``button`` and save the download at ``path``; the download."""
    with page.expect_download() as dl:
        page.click(button)
    dl.value.save_as(path)
    return dl.value


def _boxes_inside(page, fig) -> list[dict]:
    img = fig.locator("img").bounding_box()
    boxes = [b.bounding_box() for b in fig.locator(".pic-box").all()]
    for b in boxes:  # every box lies on the picture
        assert img["x"] - 1 <= b["x"] and b["x"] + b["width"] <= img["x"] + img["width"] + 1
        assert img["y"] - 1 <= b["y"] and b["y"] + b["height"] <= img["y"] + img["height"] + 1
    return boxes


def test_a_picture_shows_its_findings_boxed_by_category(page, server, tmp_path):
    """A screenshot of a 公示 with a secret mark and an ID number: the page shows the picture with
    a box over each finding, coloured by category; clicking a box selects its finding."""
    pytest.importorskip("rapidocr")
    path = tmp_path / "公示截图.png"
    path.write_bytes(_text_picture(["内部资料\u3000注意保存", "张伟，身份证号：11010519491231002X"]))
    fig = _one_picture(page, server, path, "公示截图.png")
    expect(fig.locator(".pic-box.cat-state_secret").first).to_be_visible()
    expect(fig.locator(".pic-box.cat-personal_data").first).to_be_visible()
    boxes = _boxes_inside(page, fig)
    marker = fig.locator(".pic-box.cat-state_secret").first.bounding_box()
    id_box = fig.locator(".pic-box[title*='11010519491231002X']").bounding_box()
    assert marker["y"] + marker["height"] <= id_box["y"] + 2  # the mark's line is above the ID's
    assert len(boxes) >= 3
    border = fig.locator(".pic-box.cat-personal_data").first.evaluate("e => getComputedStyle(e).borderTopColor")
    assert border == "rgb(176, 38, 122)"  # --pd, the personal-data colour of the legend
    fig.locator(".pic-box[title*='11010519491231002X']").click()
    expect(page.locator("#d-type")).to_contain_text("身份证")
    expect(page.locator("#d-where")).to_contain_text("图片 公示截图.png")
    expect(page.locator("#file-summary")).to_contain_text("图片：已识别 1 张")
    page.screenshot(path=str(SCREENSHOT_DIR / "govscan-review-picture.png"), full_page=True)


def test_a_picture_inside_a_word_file_is_shown_with_its_boxes(page, server, tmp_path):
    pytest.importorskip("rapidocr")
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("关于低保对象的公示（见附图）")
    d.add_picture(io.BytesIO(_text_picture(["机密★1年", "联系电话13812345678"], width=500)))
    path = tmp_path / "附图.docx"
    d.save(path)
    page.goto(server + "/review")
    page.set_input_files("#file", str(path))
    page.wait_for_selector("#draft mark.hl")
    fig = page.locator("#pictures figure")
    expect(fig).to_have_count(1)
    expect(fig.locator("figcaption")).to_contain_text("word/media/image1.png")
    expect(fig.locator(".pic-box.cat-personal_data").first).to_be_visible()
    expect(fig.locator(".pic-box.cat-state_secret").first).to_be_visible()
    _boxes_inside(page, fig)
    items = page.locator("#finding-list li")
    expect(items.filter(has_text="13812345678").locator(".where")).to_have_text(re.compile("图片 word/media/image1.png"))


def test_an_odt_picture_is_boxed_and_the_cleaned_copy_masks_it(page, server, tmp_path):
    """An OpenDocument text with a screenshot in Pictures/: the page draws the picture's boxes and
    offers the cleaned copy (annotate is for Word, Excel, PowerPoint and PDF only); the downloaded
    copy has the ID number's box painted black in the picture."""
    pytest.importorskip("rapidocr")
    from PIL import Image

    png = _text_picture(["张伟，身份证号：11010519491231002X"], width=640)
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
               'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"><office:body><office:text>'
               '<text:p>关于低保对象的公示（见附图）</text:p><text:p><draw:frame draw:name="图像1"><draw:image '
               'xlink:href="Pictures/1.png"/></draw:frame></text:p></office:text></office:body>'
               '</office:document-content>')
    path = tmp_path / "附图.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("Pictures/1.png", png)
    fig = _one_picture(page, server, path, "Pictures/1.png")
    expect(fig.locator(".pic-box[title*='11010519491231002X']")).to_be_visible()
    _boxes_inside(page, fig)
    _only_clean_offered(page)
    saved = tmp_path / "cleaned.odt"
    _download(page, "#clean-btn", saved)
    z = zipfile.ZipFile(saved)
    assert z.namelist()[0] == "mimetype"
    before = Image.open(io.BytesIO(png)).convert("L")
    after = Image.open(io.BytesIO(z.read("Pictures/1.png"))).convert("L")
    assert after.size == before.size
    # the ID number's half of the line is black, its start (张伟) is not
    dark = lambda img, box: sum(v < 40 for v in img.crop(box).tobytes()) / ((box[2] - box[0]) * (box[3] - box[1]))  # noqa: E731
    x0 = 30 + 8 * 24  # after 张伟，身份证号： (eight characters of 24 px)
    assert dark(after, (x0 + 10, 26, x0 + 200, 40)) > 0.9 > dark(before, (x0 + 10, 26, x0 + 200, 40))
    assert dark(after, (30 + 3 * 24, 26, 30 + 7 * 24, 40)) < 0.5  # 身份证号 (张伟 is masked too: a name)
