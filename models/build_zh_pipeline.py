#!/usr/bin/env python3
"""Build the spaCy pipeline presidio needs for Chinese and save it under models/zh_jieba_lemma.

The pipeline is a blank ``zh`` language with the jieba segmenter
(``nlp.tokenizer.segmenter = "jieba"``) and one component, ``govscan_lemma``, that fills
``token.lemma_`` with the lower-cased token text. A blank pipeline leaves ``lemma_`` empty and
presidio's ``LemmaContextAwareEnhancer`` compares context words with lemmas, so without the
component no Chinese context word ever raises a score. No vectors, no trained weights: the saved
folder is a few kilobytes and is committed; nothing is downloaded, at build time or at run time.

The component is defined (and registered with spaCy) in ``scanner/presidio.py``; ``spacy.load``
of the saved folder therefore needs ``import scanner.presidio`` first (see models/README.md).

usage: python models/build_zh_pipeline.py [--out DIR] [--check]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
if (REPO / "scanner" / "__init__.py").is_file() and str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # run from a source checkout without installing

from scanner import __version__  # noqa: E402
from scanner.presidio import LEMMA_COMPONENT, MODEL_NAME, blank_zh_pipeline  # noqa: E402

DEFAULT_OUT = HERE / MODEL_NAME


def build(out: Path) -> Path:
    import jieba
    import spacy

    nlp = blank_zh_pipeline()
    nlp.meta.update({
        "name": MODEL_NAME.removeprefix("zh_"),
        "version": __version__,
        "description": ("Blank Chinese pipeline for presidio: jieba word segmentation and a "
                        f"'{LEMMA_COMPONENT}' component that sets lemma_ = lower-cased text. "
                        "Load after `import scanner.presidio` (registers the component). "
                        "Built by models/build_zh_pipeline.py."),
        "author": "govscan contributors",
        "license": "Apache-2.0",
        "url": "",
        "email": "",
        "requirements": [f"jieba>={jieba.__version__}"],
        "spacy_version": f">={spacy.about.__version__.rsplit('.', 1)[0]}.0,<4.0.0",
    })
    # Write into a temporary sibling, then swap, so a failed build never leaves half a model.
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        nlp.to_disk(tmp)
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return out


def check(path: Path) -> None:
    import spacy

    nlp = spacy.load(path)
    doc = nlp("联系人张三，手机号13812345678，Email：ZS@Example.com")
    assert nlp.pipe_names == [LEMMA_COMPONENT], nlp.pipe_names
    assert all(t.lemma_ == t.lower_ for t in doc), [(t.text, t.lemma_) for t in doc]
    assert doc.text == "联系人张三，手机号13812345678，Email：ZS@Example.com"
    print("tokens:", " | ".join(f"{t.text}/{t.lemma_}" for t in doc))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--check", action="store_true", help="load the saved pipeline and tokenise a sample")
    args = ap.parse_args(argv)
    out = build(args.out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"saved {out} ({size:,} bytes, {sum(1 for p in out.rglob('*') if p.is_file())} files)")
    if args.check:
        check(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
