"""Patterns rewritten for speed find exactly what their plain formulations find.

Each rewrite (a leading character class instead of a look-ahead, a line feed instead of "(?m)^", a
pre-check that skips a pass) must change no match: compared here with the plain formulation on
hand-picked strings and on random strings over the characters the patterns care about.
"""
import random
import re

from scanner.detectors import names

_PLAIN_DIGIT_RUN = re.compile(r"(?:[0-9]{7}|[0-9]{3,4}[ -][0-9]{4}|(?:\+|00)86)")
_PLAIN_ROW = re.compile("(?m)^" + names._ROW_RE.pattern)


def _random_texts(alphabet: str, n: int = 3000, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return [''.join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40))) for _ in range(n)]


_DIGIT_CASES = ["0086 1390", "+86 139", "++86", "+8", "00086", "1234567", "123-4567", "1234 5678", "12 34567",
                "电话0551-1234567", "6217-9950-1234", "12345678901234", "0 086", "a1234-56789"]


def test_digit_run_finds_what_the_plain_pattern_finds():
    for t in _DIGIT_CASES + _random_texts("0123456789+- 86a电"):
        assert [m.span() for m in names._DIGIT_RUN_RE.finditer(t)] == \
               [m.span() for m in _PLAIN_DIGIT_RUN.finditer(t)], t


_ROW_CASES = ["张伟，男，汉族", "1. 张伟，男\n2、李娜，女，身份证", "\n\n王芳 电话 139", "  3) 赵强：住址某地\n(4)孙丽，45岁",
              "通知如下\n刘洋，男", "刘洋，男", "\n", "", "第一行\n  \t 陈静、家庭困难"]


def test_row_after_line_feed_finds_what_the_line_start_pattern_finds():
    for t in _ROW_CASES + _random_texts("张伟李娜，男女岁 \t\n1.、()：电话户"):
        fast = [(m.start("name") - 1, m.end("name") - 1) for m in names._ROW_AFTER_LF_RE.finditer("\n" + t)]
        assert fast == [m.span("name") for m in _PLAIN_ROW.finditer(t)], t
