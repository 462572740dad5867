"""The on-disk spool: scans the database cannot take right now, kept durably until it can.

A scan the service answers with a ``scan_id`` is either committed to the database or appended
here and ``fsync``'d **before** the answer is sent (docs/SERVICE.md: what 200 means). Each
process writes its own append-only file (``<time>-<pid>-<random>.spool``, mode 0600) and holds an
exclusive ``flock`` on it while it lives; a record is a frame ``length · crc32 · orjson row``.

Replay (at start-up and whenever the database is back) takes the files in name order (the time
they were started), skips the ones another live process holds, inserts their rows idempotently
(``ON CONFLICT (scan_id) DO NOTHING``: a row spooled twice or already stored is stored once) and
deletes a file once every row of it is in the database. A torn last frame (the process died in
the middle of a write, before its ``fsync`` returned, so before any answer) ends a file's replay.
"""
from __future__ import annotations

import fcntl
import os
import struct
import time
import uuid
import zlib
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson

__all__ = ["Spool"]

_HEAD = struct.Struct("<II")  # payload length, crc32
_CHUNK = 500  # rows per insert while replaying


class Spool:
    """Not thread-safe: the store's writer thread is its only user."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._fd: int | None = None
        self._path: Path | None = None
        self.pending = self._count_existing()

    # ------------------------------------------------------------------ writing
    def append(self, rows: list[dict[str, Any]]) -> None:
        """Write ``rows`` and fsync them; raises OSError (disk full, read-only, gone) when it cannot."""
        if self._fd is None:
            self._open()
        data = b"".join(self._frame(r) for r in rows)
        view = memoryview(data)
        while view:
            n = os.write(self._fd, view)
            view = view[n:]
        os.fsync(self._fd)
        self.pending += len(rows)

    @staticmethod
    def _frame(row: dict[str, Any]) -> bytes:
        payload = orjson.dumps(row)
        return _HEAD.pack(len(payload), zlib.crc32(payload)) + payload

    def _open(self) -> None:
        name = f"{time.time_ns():020d}-{os.getpid()}-{uuid.uuid4().hex[:8]}.spool"
        path = self.folder / name
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_EXCL, 0o600)  # read back by replay
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            dirfd = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(dirfd)  # the new file's name is durable too
            finally:
                os.close(dirfd)
        except OSError:
            os.close(fd)
            raise
        self._fd, self._path = fd, path

    def close(self) -> None:
        """Stop writing the current file (it stays for replay while it holds rows)."""
        if self._fd is not None:
            os.close(self._fd)  # releases the flock
            self._fd = None
            if self._path is not None and self._path.stat().st_size == 0:
                self._path.unlink(missing_ok=True)
            self._path = None

    def tidy(self) -> None:
        """Close, and remove the folder when nothing is left in it (made again at the next start)."""
        self.close()
        try:
            self.folder.rmdir()
        except OSError:
            pass

    # ------------------------------------------------------------------ replaying
    def replay(self, insert: Callable[[list[dict[str, Any]]], None]) -> int:
        """Insert every row of every file no live process holds, our own included, in order;
        returns how many. ``insert`` raising (the database went away again) stops the replay;
        files not replayed wholly stay, and our own stays open for appending (a retry during a
        long outage must not start a new file each time)."""
        done = 0
        for path in sorted(self.folder.glob("*.spool")):
            if path == self._path:  # ours: only this thread appends to it, no lock to take
                rows = list(self._read(self._fd))
                self._insert(insert, rows)
                self.close()
                path.unlink(missing_ok=True)
                done += len(rows)
                continue
            try:
                fd = os.open(path, os.O_RDWR)
            except FileNotFoundError:
                continue  # another worker replayed it meanwhile
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # a live worker is writing it
                rows = list(self._read(fd))
                self._insert(insert, rows)
                path.unlink(missing_ok=True)
                done += len(rows)
            finally:
                os.close(fd)
        self.pending = self._count_existing()
        return done

    @staticmethod
    def _insert(insert: Callable[[list[dict[str, Any]]], None], rows: list[dict[str, Any]]) -> None:
        for i in range(0, len(rows), _CHUNK):
            insert(rows[i:i + _CHUNK])

    @staticmethod
    def _read(fd: int) -> Iterator[dict[str, Any]]:
        data = os.pread(fd, os.fstat(fd).st_size, 0)  # from the start, whatever the fd's offset
        pos = 0
        while pos + _HEAD.size <= len(data):
            size, crc = _HEAD.unpack_from(data, pos)
            payload = data[pos + _HEAD.size:pos + _HEAD.size + size]
            if len(payload) < size or zlib.crc32(payload) != crc:
                return  # torn tail: never acknowledged
            yield orjson.loads(payload)
            pos += _HEAD.size + size

    def _count_existing(self) -> int:
        n = 0
        for path in self.folder.glob("*.spool"):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            pos = 0
            while pos + _HEAD.size <= len(data):
                size, _ = _HEAD.unpack_from(data, pos)
                if pos + _HEAD.size + size > len(data):
                    break
                n += 1
                pos += _HEAD.size + size
        return n
