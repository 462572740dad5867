"""Where compiled data is cached between processes (the jieba dictionary's double array, the
compiled lexicons): ``$GOVSCAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/govscan`` (``~/.cache/govscan``),
else a per-user folder in the system's temporary directory. A read-only home, a read-only install
directory or a full disk never make a scan fail: without a writable folder nothing is cached and
every start builds what it needs."""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

__all__ = ["cache_dir"]


def _candidates() -> list[Path]:
    env = os.environ.get("GOVSCAN_CACHE_DIR")
    if env:
        return [Path(env)]
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return [base / "govscan", Path(tempfile.gettempdir()) / f"govscan-cache-{uid}"]


def _writable(folder: Path) -> bool:
    """Whether ``folder`` exists or can be made, is ours and no one else can write in it (what is
    cached there is loaded with pickle: a folder another user can write to is never used)."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = folder.stat()
        if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
            return False
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return True
    except OSError:
        return False


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The first writable cache folder, or None when there is none."""
    for folder in _candidates():
        if _writable(folder):
            return folder
    return None
