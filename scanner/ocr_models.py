"""The PP-OCRv6 tiny detection and recognition models, from the ``faster-paddle`` wheel.

faster-paddle (MIT; PyPI) bundles PaddleOCR's PP-OCRv6 tiny models (Apache-2.0) and their
character list inside its compiled extension (``faster_paddle/faster_paddle.abi3.so``), as plain
ONNX bytes and a JSON array. Its own pipeline gives only line boxes; the scanner needs the
recogniser's character positions (spaces from gaps, a finding's own box), so the models are
taken out of the installed extension and run in RapidOCR 3's pipeline like the other engines
(scanner/ocr.py). Nothing is downloaded and faster-paddle itself is never imported.

How they are found, without relying on offsets that change between releases: every place in
the extension where an ONNX ``ModelProto`` can start (``ir_version`` then a string field) is
walked as protobuf (top-level fields in the order ONNX writes them, lengths inside the file);
what parses to a model with a graph and an opset is loaded by ONNX Runtime, and its output shape
says what it is: a detector (``[n, 1, h, w]``) or a recogniser (``[n, t, classes]``). The
smallest of each kind is the tiny one (the wheel also carries the small ones). The character list
is the JSON array of ``classes - 2`` strings (blank and space are RapidOCR's own). A wheel where
this finds nothing is an engine that cannot start (pictures are listed ``not_read`` with that
reason), never a download.

The three files are written once to ``<cache folder>/ocr-models/<wheel's file hash>/`` (a
temporary folder for the process when no cache folder is writable) and read from there after.
"""
from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

__all__ = ["tiny_models", "find_models"]

_lock = threading.Lock()
_found: tuple[Path, Path, Path] | None = None
# ModelProto fields → wire type (0 varint, 2 length-delimited); repeated ones may follow themselves
_FIELDS = {1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 21: 2, 25: 2}
_REPEATED = {8, 14, 20, 21}
_START = re.compile(rb"\x08[\x03-\x0c]\x12")  # ir_version 3..12, then producer_name
_MIN_MODEL = 100_000


def _varint(b: bytes, i: int) -> tuple[int, int]:
    v = shift = 0
    while True:
        if i >= len(b) or shift > 63:
            raise ValueError("truncated varint")
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return v, i


def _model_end(b: bytes, start: int) -> int | None:
    """Where the ONNX ModelProto starting at ``start`` ends, or None when it is not one."""
    i, last, seen = start, 0, set()
    while i < len(b):
        try:
            key, j = _varint(b, i)
            field, wire = key >> 3, key & 7
            if _FIELDS.get(field) != wire or field < last or (field == last and field not in _REPEATED):
                break
            if wire == 0:
                _, j = _varint(b, j)
            else:
                n, j = _varint(b, j)
                j += n
                if j > len(b):
                    break
        except ValueError:
            break
        seen.add(field)
        last, i = field, j
    return i if {1, 7, 8} <= seen and i - start >= _MIN_MODEL else None


def find_models(blob: bytes) -> tuple[bytes, bytes, list[str]]:
    """The tiny detector, the tiny recogniser and its character list in ``blob`` (the extension's
    bytes). Raises RuntimeError when they are not there."""
    import onnxruntime as ort

    dets: list[bytes] = []
    recs: list[tuple[bytes, int]] = []
    pos = 0
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 4
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_DISABLE_ALL  # only the shapes are read
    for m in _START.finditer(blob):
        if m.start() < pos:
            continue
        end = _model_end(blob, m.start())
        if end is None:
            continue
        data = blob[m.start():end]
        pos = end
        try:
            out = ort.InferenceSession(data, opts, providers=["CPUExecutionProvider"]).get_outputs()[0].shape
        except Exception:  # noqa: BLE001 - bytes that parse as protobuf but are no model
            continue
        if len(out) == 4 and out[1] == 1:
            dets.append(data)
        elif len(out) == 3 and isinstance(out[2], int):
            recs.append((data, out[2]))
    if not dets or not recs:
        raise RuntimeError("no PP-OCRv6 detection and recognition models found in faster-paddle's extension")
    det = min(dets, key=len)
    rec, classes = min(recs, key=lambda r: len(r[0]))
    dec = json.JSONDecoder()
    for m in re.finditer(rb'\["', blob):
        try:
            keys, _ = dec.raw_decode(blob[m.start():m.start() + 4 * classes * 8].decode("utf-8", "ignore"))
        except ValueError:
            continue
        if isinstance(keys, list) and len(keys) == classes - 2 and all(isinstance(k, str) and len(k) == 1 for k in keys):
            return det, rec, keys
    raise RuntimeError(f"no character list of {classes - 2} characters found in faster-paddle's extension")


def _extension() -> tuple[Path, str]:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("faster-paddle")
    except PackageNotFoundError:
        raise ImportError("faster-paddle is not installed (pip install faster-paddle)") from None
    for f in dist.files or ():
        if f.name.startswith("faster_paddle") and f.suffix in (".so", ".pyd"):
            path = Path(dist.locate_file(f))
            stamp = f.hash.value if f.hash else f"{path.stat().st_size}-{int(path.stat().st_mtime)}"
            return path, f"{dist.version}-{re.sub(r'[^A-Za-z0-9]', '', stamp)[:16]}"
    raise ImportError("faster-paddle's compiled extension is missing")


def _folder(stamp: str) -> Path:
    from .cache import cache_dir

    base = cache_dir()
    if base is not None:
        return base / "ocr-models" / f"faster-paddle-{stamp}"
    return _folder_tmp()


def tiny_models() -> tuple[Path, Path, Path]:
    """Paths of the tiny detector, recogniser and character list (one per line), taken out of the
    installed faster-paddle wheel once and kept. ImportError when faster-paddle is not installed;
    RuntimeError when its extension holds no such models."""
    global _found
    with _lock:
        if _found is not None and all(p.exists() for p in _found):
            return _found
        so, stamp = _extension()
        folder = _folder(stamp)
        paths = (folder / "det.onnx", folder / "rec.onnx", folder / "keys.txt")
        if not all(p.exists() for p in paths):
            d, r, k = find_models(so.read_bytes())
            contents = (d, r, ("\n".join(k) + "\n").encode("utf-8"))

            def write(folder: Path) -> tuple[Path, Path, Path]:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                out = (folder / "det.onnx", folder / "rec.onnx", folder / "keys.txt")
                for path, data in zip(out, contents):
                    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
                    tmp.write_bytes(data)
                    os.replace(tmp, path)
                return out

            try:
                paths = write(folder)
            except OSError:  # the cache folder turned read-only or full: a private one for this process
                paths = write(_folder_tmp())
        _found = paths
        return _found


def _folder_tmp() -> Path:
    tmp = Path(tempfile.mkdtemp(prefix="govscan-ocr-models-"))
    atexit.register(shutil.rmtree, tmp, True)
    return tmp
