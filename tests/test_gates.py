"""Gate words: one automaton pass answers every detector's "is this cue in the text" exactly as
a substring search would."""
from __future__ import annotations

import threading

from scanner.detectors import compositional, credentials, gates, marks, names, pii, sensitive


def _words():
    return set(pii._GATE_WORDS + pii._EMAIL_GATE + credentials._PW_GATE + credentials._IP_GATE
               + credentials._KEY_GATE + credentials._NET_GATE + credentials._CONN_GATE + marks._GATE
               + names._ADDR_PERSONAL + tuple(names._CUE_KINDS) + names._ROW_CUES + compositional._GATE_WORDS
               + tuple(compositional._SYMBOLS) + tuple(sensitive._gate_rows()))  # (the last registers them)


def test_the_sensitive_attributes_are_read_from_the_shared_pass():
    # the linker's attribute rows open on gate words of the one shared pass (no automaton of their own)
    text = "居民巫海峰系精神分裂症患者"
    rows = sensitive._gate_rows()
    opened = [w for _, _, w in gates.hits(text) if w in rows]
    assert opened, "an attribute gate word of the text is in the shared pass"
    assert [r.family for _, _, r in sensitive.attribute_hits(text)]


def test_present_is_every_registered_word_that_is_a_substring():
    texts = ["", "联系微信wx123，密码password1", "内网地址192.168.1.1，key=abc", "邮箱a@b.cn", "private key token",
             "passwd", "县政府召开常务会议"]
    for t in texts:
        assert gates.present(t) == {w for w in _words() if w in t}, t


def test_overlapping_and_nested_words_are_all_found():
    found = gates.present("password private key")
    assert {"password", "pass", "private key", "key"} <= found


def test_the_answer_is_per_text_even_for_equal_texts_in_turn():
    a = "密码123"
    b = "".join(["密码", "123"])  # equal, not the same object
    assert gates.present(a) == gates.present(b) == {"密码"}
    assert gates.present("没有") == frozenset()
    assert gates.any_of(a, credentials._PW_GATE) and not gates.any_of("没有", credentials._PW_GATE)


def test_threads_do_not_see_each_others_answer():
    errors = []

    def work(text, expect):
        for _ in range(2000):
            if gates.present(text) != expect:
                errors.append(text)
                return

    ts = [threading.Thread(target=work, args=("微信号abc", frozenset({"微信"}))),
          threading.Thread(target=work, args=("县政府", frozenset())),
          threading.Thread(target=work, args=("a@b.cn token", frozenset({"@", "token"})))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors


def test_hits_are_every_occurrence_with_its_position():
    t = "联系人张伟，联系电话：电话号码，微信wx"
    found = gates.hits(t)
    assert {(s, e, w) for s, e, w in found} == {(i, i + len(w), w) for w in _words()
                                                for i in range(len(t)) if t.startswith(w, i)}
    assert [e for _, e, _ in found] == sorted(e for _, e, _ in found)  # ordered by end
    ends = [(e, w) for _, e, w in found if e == t.index("联系电话") + 4]
    assert [w for _, w in ends] == ["联系电话", "电话"]  # longest first at the same end
    assert gates.hits("") == []


def test_words_registered_after_a_pass_are_found_in_the_same_text_object():
    t = "这是一段测试文字：甲乙丙丁戊己"
    assert "甲乙丙丁戊" not in gates.present(t)
    gates.register("甲乙丙丁戊")
    try:
        assert "甲乙丙丁戊" in gates.present(t)
    finally:
        del gates._WORDS["甲乙丙丁戊"]  # (the other tests see the registered words only)


def test_the_digit_run_gates_never_hide_a_run():
    """pii and names look for digit runs only when the text's ASCII characters hold one
    (gates.ascii_chars): a run in the text is a run there too, whatever stands around it."""
    import random

    rng = random.Random(5)
    pieces = ["1", "3", "8", "0", "-", " ", "(", ")", "x", "+", "86", "张", "年", "①", "\u3000", "，", "a"]
    for _ in range(3000):
        v = "".join(rng.choice(pieces) for _ in range(rng.randint(5, 40)))
        asc = gates.ascii_chars(v)
        assert asc == v.encode("ascii", "ignore")
        if pii._RUN_RE.search(v):
            assert pii._RUN_GATE.search(asc), v
        if names._DIGIT_RUN_RE.search(v):
            assert names._DIGIT_RUN_GATE.search(asc), v


def test_separated_runs_are_single_characters_between_separators():
    assert gates.separated_runs("修炼法，轮，功的人") == [(2, 6)]
    assert gates.separated_runs("高。考。试。题泄露") == [(0, 6)]
    assert gates.separated_runs("豪赌,博弈") == []  # (norm: full-width commas are ASCII there) no single character between two
    assert gates.separated_runs("中、美、日三国") == [(0, 4)]


def test_find_is_hits_of_another_text_without_replacing_the_cached_answer():
    v = "联系微信wx123"
    first = gates.hits(v)
    assert [h for h in gates.find("密码123") if h[2] == "密码"] == [(0, 2, "密码")]
    assert gates.hits(v) is first


def test_the_gate_words_come_in_the_same_order_whatever_the_hash_seed():
    """The gate automaton is cached under a key over its words in registration order: a word list
    registered from a set would change that order with the hash seed and rebuild the ~39,000-word
    automaton (~100 ms) in every process."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    code = ("import hashlib\nfrom scanner.detectors import gates, sensitive\nsensitive._gate_rows()\n"
            "print(len(gates._WORDS), hashlib.sha256('\\x00'.join(gates._WORDS).encode()).hexdigest())")
    out = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        p = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr
        out.add(p.stdout.strip())
    assert len(out) == 1, out
