"""Legacy binary formats (.doc/.xls/.ppt, WPS's .wps/.et/.dps, .rtf) through LibreOffice headless:
converted to .docx/.xlsx/.pptx in a private temporary profile, then read by the OOXML extractors,
so their layers (headers, comments, hidden sheets, notes …) are read the same way. LibreOffice
starts in about 1–3 s, so a legacy file costs that much more than its OOXML twin.

Without LibreOffice the file is an error naming the Debian packages to install, never a silent pass.
``GOVSCAN_SOFFICE`` names the program (default: ``soffice`` on PATH; an empty value disables it).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from .document import Builder
from .limits import Context, FileError

_PACKAGES = "libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui"
_TARGET_BY_SUFFIX = {".doc": "docx", ".wps": "docx", ".rtf": "docx", ".xls": "xlsx", ".et": "xlsx",
                     ".ppt": "pptx", ".dps": "pptx"}


def soffice() -> str | None:
    prog = os.environ.get("GOVSCAN_SOFFICE")
    if prog is not None:
        return shutil.which(prog) if prog else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _target(data: bytes, name: str) -> str:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        head = data[: 1 << 20]
        for marker, target in (("WordDocument", "docx"), ("Workbook", "xlsx"), ("Book", "xlsx"),
                               ("PowerPoint Document", "pptx")):
            if marker.encode("utf-16-le") in head:
                return target
    if data.lstrip()[:5] == b"{\\rtf":
        return "docx"
    return _TARGET_BY_SUFFIX.get(Path(name).suffix.lower(), "docx")


def convert(data: bytes, name: str, target: str, timeout: float) -> bytes:
    prog = soffice()
    if prog is None:
        raise FileError(f"{name}: reading {Path(name).suffix or 'this'} files needs LibreOffice (Debian: apt-get "
                        f"install {_PACKAGES})", "needs_libreoffice")
    with tempfile.TemporaryDirectory(prefix="govscan-lo-") as tmp:
        src = Path(tmp) / ("input" + (Path(name).suffix.lower() or ".doc"))
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [prog, "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation=file://{tmp}/profile",
               "--convert-to", target, "--outdir", str(out), str(src)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _, err = proc.communicate(timeout=max(timeout, 1.0))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise FileError(f"{name}: LibreOffice did not convert it within {timeout:.0f} s", "timeout") from None
        result = out / f"input.{target}"
        if proc.returncode != 0 or not result.exists():
            why = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
            raise FileError(f"{name}: LibreOffice cannot read it (corrupt or not a {Path(name).suffix} file: "
                            f"{why[0][:200]})", "corrupt")
        return result.read_bytes()


def extract_legacy(data: bytes, name: str, b: Builder, ctx: Context) -> None:
    from . import _entry, sniff

    target = _target(data, name)
    converted = convert(data, name, target, ctx.deadline - time.monotonic())
    kind, zf = sniff(converted, f"{Path(name).stem}.{target}", ctx)
    fn, wants_zip = _entry(kind)
    fn(zf if wants_zip else converted, name, b, ctx)
    b.metadata["converted_by"] = f"LibreOffice → .{target}"
