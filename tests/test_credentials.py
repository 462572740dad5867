"""The credential detector: account + password pairs, private IPv4, 内网 addresses, connection
strings and keys are blocked; help texts, masked values and public addresses are not."""
import pytest

from scanner import Scanner
from scanner.config import ALL_DETECTORS
from scanner.detectors import BUILTIN_DETECTORS, CredentialDetector


@pytest.fixture(scope="module")
def det():
    return Scanner(detectors=["credential"], bundled_lexicons=False)


def creds(s, text):
    return [(f.rule, f.text) for f in s.scan(text).findings if f.type == "credential"]


def test_registered():
    assert "credential" in ALL_DETECTORS
    assert BUILTIN_DETECTORS["credential"] is CredentialDetector
    from scanner.config import ScannerConfig

    assert "credential" in ScannerConfig().detectors  # on by default


@pytest.mark.parametrize("text, span", [
    ("系统账号：admin 密码：Abc@12345", "账号：admin 密码：Abc@12345"),
    ("用户名: zhangsan，口令: Zs123456", "用户名: zhangsan，口令: Zs123456"),
    ("OA系统账号/密码：admin/admin888，请妥善保管。", "账号/密码：admin/admin888"),
    ("账号密码：wangwu 123qwe", "账号密码：wangwu 123qwe"),
    ("username=root password=Root#2024", "username=root password=Root#2024"),
    ("管理员账号为sysadmin，密码为P@ssw0rd。", "管理员账号为sysadmin，密码为P@ssw0rd"),
    ("ＯＡ账号：ｔｅｓｔ０１　密码：ｔｅｓｔ０１２３", "账号：ｔｅｓｔ０１　密码：ｔｅｓｔ０１２３"),
])
def test_account_password_pairs_block(det, text, span):
    r = det.scan(text)
    assert r.verdict == "block"
    assert ("secret.credential.account_password", span) in creds(det, text)


@pytest.mark.parametrize("text", [
    "用户名为本人身份证号码，初始密码为123456，首次登录后请及时修改密码。",
    "登录账号为统一社会信用代码，密码为身份证后六位。",
    "请妥善保管账号密码，不要向他人泄露。",
    "账号：admin 密码：******",
    "账号：admin 密码：xxxxxx",
    "WiFi密码：12345678，欢迎游客使用。",
    "《中华人民共和国密码法》自2020年1月1日起施行。",
    "忘记密码？可通过手机验证码找回密码。",
    "护照号码 passport: E12345678",
])
def test_help_texts_and_placeholders_pass(det, text):
    assert creds(det, text) == []


@pytest.mark.parametrize("text, ip", [
    ("内部办公系统访问地址：http://192.168.1.20:8080/oa", "192.168.1.20:8080"),
    ("服务器IP为10.12.3.45，请勿外传。", "10.12.3.45"),
    ("数据库主机 172.16.8.9", "172.16.8.9"),
    ("网关 172.31.255.1", "172.31.255.1"),
])
def test_private_ipv4_blocks(det, text, ip):
    got = creds(det, text)
    assert any(rule in ("secret.credential.private_ip", "secret.credential.intranet_address") and ip in t
               for rule, t in got), got


@pytest.mark.parametrize("text", [
    "详见第10.1.2.3条的规定。",              # section numbers, no network word
    "公网地址为202.96.128.86。",             # a public address
    "172.32.1.1 不在私有地址段",
    "192.168.1.256 不是合法地址",
    "本地回环地址127.0.0.1",
    "版本号 v10.2.3.4 已发布",
    "增长10.5%，达到192.16万吨",
])
def test_public_or_non_addresses_pass(det, text):
    assert [r for r, _ in creds(det, text) if r == "secret.credential.private_ip"] == []


@pytest.mark.parametrize("text, addr", [
    ("内网地址：http://oa.xxzf.local/login", "http://oa.xxzf.local/login"),
    ("内网门户为portal.intra.xx.gov.cn", "portal.intra.xx.gov.cn"),
    ("政务内网IP：59.1.2.3", "59.1.2.3"),
])
def test_intranet_address_blocks(det, text, addr):
    got = creds(det, text)
    assert any(r == "secret.credential.intranet_address" and t.endswith(addr) for r, t in got), got


@pytest.mark.parametrize("text, addr", [
    ("http://oa.xxzf.local/login", "http://oa.xxzf.local/login"),          # a QR code holds only the URL
    ("扫码办理：https://approve.county.intranet:8443/flow?id=3", "https://approve.county.intranet:8443/flow?id=3"),
    ("https://nas.home.arpa/share", "https://nas.home.arpa/share"),
])
def test_url_on_an_internal_only_host_blocks(det, text, addr):
    got = creds(det, text)
    assert [(r, t) for r, t in got if r == "secret.credential.intranet_address"] == \
        [("secret.credential.intranet_address", addr)], got


@pytest.mark.parametrize("text", [
    "详见 http://www.lanzhou.gov.cn/art/2024/1/1.html",   # .lan inside a public name
    "https://www.gov.cn/zhengce/content.htm",
    "http://local.example.com/x",
])
def test_public_urls_pass(det, text):
    assert [r for r, _ in creds(det, text) if r == "secret.credential.intranet_address"] == []


@pytest.mark.parametrize("text", [
    "推进政务内网和政务外网建设，政务内网与互联网(www.gov.cn)物理隔离。",
    "全县政务内网已联通到乡镇。",
])
def test_intranet_words_alone_pass(det, text):
    assert [r for r, _ in creds(det, text) if r == "secret.credential.intranet_address"] == []


@pytest.mark.parametrize("text, rule", [
    ("jdbc:mysql://root:Mysql@123@10.0.0.5:3306/gov", "secret.credential.connection_string"),
    ("mongodb://admin:s3cretPass@db.example.com:27017", "secret.credential.connection_string"),
    ("Server=10.1.1.9;Database=oa;User Id=sa;Password=Sa123456;", "secret.credential.connection_string"),
    ("AccessKey ID：LTAI5tQwErTyUiOpAsDf12", "secret.credential.api_key"),
    ("aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "secret.credential.api_key"),
    ("token: ghp_0123456789abcdefghijklmnopqrstuvwxyz", "secret.credential.api_key"),
    ("app_secret=9f8e7d6c5b4a39281706f5e4d3c2b1a0", "secret.credential.api_key"),
    ("-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA", "secret.credential.private_key"),
])
def test_connection_strings_and_keys_block(det, text, rule):
    assert rule in [r for r, _ in creds(det, text)]
    assert det.scan(text).verdict == "block"


@pytest.mark.parametrize("text", [
    "访问 https://www.gov.cn/zhengce/ 查看政策原文。",
    "api_key=your_api_key_here",
    "请在配置文件中填写 access_key 和 secret_key。",
    "加强密钥管理，定期更换AccessKey。",
])
def test_urls_and_placeholders_pass(det, text):
    assert creds(det, text) == []


def test_offsets_map_to_the_original_text(det):
    text = "通知\u200b：系统账号：admin\u200b 密码：Abc@12345。"
    for f in det.scan(text).findings:
        assert text[f.start:f.end] == f.text


def test_official_texts_have_no_credentials():
    from conftest import official_texts

    s = Scanner(detectors=["credential"], bundled_lexicons=False)
    hits = [(i, f.text) for i, t in official_texts() for f in s.scan(t).findings]
    assert hits == []
