"""Extraction in a worker process that can be killed: the per-file time budget and a memory cap.

A parser can spin on a hostile PDF or balloon on a crafted archive; limits checked in Python
(``ctx.check_time``) cannot interrupt C code. So the CLI, the service and the re-scan extract
anything but plain text in a child process (``forkserver``: forked from a clean, single-threaded
server, safe to use from a threaded web server), with ``RLIMIT_AS`` set in the child and a wall
clock in the parent: past the budget the child is killed and the file is a ``timeout`` error.

    >>> ex = Extractor()            # build once, share; workers start on first use
    >>> doc = ex.extract(data, "notice.docx")
"""
from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import threading
from typing import Any

from . import extract
from .document import Document
from .limits import FileError, Limits

__all__ = ["Extractor", "INLINE_KINDS"]

#: suffixes read in-process: plain text cannot make a parser spin or balloon
INLINE_KINDS = frozenset({"txt"})


def _init_worker(max_memory_mb: int) -> None:
    try:
        import resource

        cap = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError):  # pragma: no cover - non-Linux
        pass
    # PDFium, lxml, olefile: imported once per worker, not per file
    for mod in ("lxml.etree", "pypdfium2"):
        try:
            __import__(mod)
        except ImportError:  # pragma: no cover
            pass


def _work(data: bytes, name: str, limits: Limits) -> Document:
    try:
        return extract(data, name, limits=limits)
    except MemoryError:
        raise FileError(f"{name}: reading it needs more than {limits.max_memory_mb} MB of memory", "too_large") \
            from None


class Extractor:
    """A small pool of extraction workers with a time and memory cap per file (thread-safe).

    ``workers=0`` extracts in the calling process (tests, or where processes are not allowed);
    the Python-level limits still apply, the hard time and memory caps do not."""

    def __init__(self, limits: Limits | None = None, *, workers: int = 1):
        self.limits = limits or Limits()
        self.workers = max(0, int(workers))
        self._pool: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _get_pool(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                ctx = multiprocessing.get_context(method)
                if method == "forkserver":
                    ctx.set_forkserver_preload(["scanner.files", "lxml.etree"])
                self._pool = cf.ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                                    initargs=(self.limits.max_memory_mb,))
            return self._pool

    def _reset(self, pool: cf.ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        procs = list(getattr(pool, "_processes", {}).values())
        for p in procs:
            try:
                p.kill()
            except Exception:  # pragma: no cover - already gone
                pass
        pool.shutdown(wait=False, cancel_futures=True)

    def extract(self, data: bytes, name: str, *, limits: Limits | None = None) -> Document:
        limits = limits or self.limits
        from . import sniff_suffix_inline

        if self.workers == 0 or sniff_suffix_inline(data, name):
            return extract(data, name, limits=limits)
        if len(data) > limits.max_file_bytes:
            raise FileError(f"{name}: {len(data)} bytes, over the limit of {limits.max_file_bytes}", "too_large")
        pool = self._get_pool()
        try:
            fut = pool.submit(_work, data, name, limits)
        except (cf.process.BrokenProcessPool, RuntimeError):
            self._reset(pool)
            pool = self._get_pool()
            fut = pool.submit(_work, data, name, limits)
        try:
            return fut.result(timeout=limits.time_budget * 1.1 + 0.5)
        except cf.TimeoutError:
            self._reset(pool)
            raise FileError(f"{name}: reading took longer than the budget of {limits.time_budget:g} s "
                            "(the worker was stopped)", "timeout") from None
        except cf.process.BrokenProcessPool:
            self._reset(pool)
            raise FileError(f"{name}: the reader stopped while reading this file (memory cap of "
                            f"{limits.max_memory_mb} MB or a parser crash)", "too_large") from None
        except FileError:
            raise
        except MemoryError:
            raise FileError(f"{name}: reading it needs more than {limits.max_memory_mb} MB of memory",
                            "too_large") from None
        except Exception as e:  # an extractor bug must not take the caller down; report it as unreadable
            raise FileError(f"{name}: cannot read ({type(e).__name__}: {e})", "corrupt") from None

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> "Extractor":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort at interpreter exit
        try:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
        except Exception:
            pass


def default_workers() -> int:
    return 1 if os.cpu_count() in (None, 1) else 2
