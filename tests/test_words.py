"""jieba's dictionary through jieba-fast-dat (scanner/words.py) answers as jieba does: the same
word frequencies and the same dictionary segmentation (HMM off) on real official texts, and the
cache folder may be read-only or missing without a scan failing."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scanner import words
from tests.conftest import official_texts


@pytest.fixture(scope="module")
def jieba_dt():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    return jieba.dt


def test_frequencies_are_jiebas(jieba_dt):
    sample = list(jieba_dt.FREQ.items())[::97]  # words and their prefixes (frequency 0)
    sample += [("张伟", 0), ("不是一个词啊", None), ("", None), ("台湾地区", None)]
    for w, _ in sample:
        assert words.word_freq(w) == jieba_dt.FREQ.get(w, 0), w


def test_segmentation_is_jiebas_on_official_texts(jieba_dt):
    texts = [t for _, t in official_texts()[::50]]
    n = 0
    for t in texts:
        for i in range(0, min(len(t), 3000), 37):  # windows as the matcher cuts them
            w = t[i:i + 24]
            assert list(words.cut(w)) == list(jieba_dt.cut(w, HMM=False)), w
            n += 1
    assert n > 1000


def test_an_unwritable_cache_folder_does_not_stop_a_scan():
    # a folder under /dev/null cannot be made, even by root (chmod would not stop root)
    env = dict(os.environ, GOVSCAN_CACHE_DIR="/dev/null/govscan")
    code = ("from scanner import Scanner; from scanner.cache import cache_dir; "
            "r = Scanner().scan('台湾总统'); print(r.verdict, cache_dir())")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["block", "None"]
