"""Text extraction shared by the service's upload and the archive re-scan."""
import io
import zipfile

import pytest

from scanner import InputError
from scanner.extract import extract_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def make_docx(paragraphs):
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}'
                                        "</w:body></w:document>")
    return buf.getvalue()


def test_docx_paragraphs():
    doc = extract_bytes(make_docx(["机密★10年", "台湾总统发表讲话"]), "draft.docx")
    assert doc.text == "机密★10年\n台湾总统发表讲话\n"
    i = doc.text.index("台湾")
    assert doc.path_at(i) == "w:p[2]"


def test_html_visible_text_and_element_paths():
    html = ("<html><head><title>标题</title><style>.x{}</style></head><body><div id='js_content'>"
            "<p>第一段</p><p>联系电话<span>13812345678</span></p><script>var a='台湾总统'</script></div></body></html>")
    doc = extract_bytes(html.encode(), "a.html")
    assert "台湾总统" not in doc.text and doc.title == "标题"
    i = doc.text.index("138")
    assert doc.text[i:i + 11] == "13812345678"
    assert doc.path_at(i) == "html>body>div#js_content>p[2]>span"


def test_html_entities_are_decoded():
    doc = extract_bytes("<p>A&amp;B &lt;script&gt;</p>".encode(), "x.htm")
    assert doc.text.strip() == "A&B <script>"


@pytest.mark.parametrize("data,name,msg", [(b"PK\x03\x04garbage", "bad.docx", "corrupt"),
                                           (b"not a zip", "bad.docx", "corrupt"),
                                           (b"x", "a.pdf", "unsupported")])
def test_bad_files_are_input_errors(data, name, msg):
    with pytest.raises(InputError, match=msg):
        extract_bytes(data, name)


def test_docx_without_document_xml():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.txt", "x")
    with pytest.raises(InputError, match="not a Word document"):
        extract_bytes(buf.getvalue(), "x.docx")
