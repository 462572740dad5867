"""Limits every extractor inherits: file size, zip directory checks (ratio, unpacked size, entry
count, nesting), XML without DTDs (no entity bombs), a time budget and the extracted-text size.

The zip checks read only the central directory, before any member is inflated: a 178 KB ``.docx``
whose ``document.xml`` inflates to 59 MB is refused in microseconds. Members are then read with a
hard cap on their inflated size (the directory can lie), so a forged size is caught too.
"""
from __future__ import annotations

import io
import time
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from typing import Any, Callable

from ..errors import InputError

__all__ = ["Limits", "FileError", "Context", "SafeZip", "PictureBudget"]


class FileError(InputError):
    """A file that cannot be read: corrupt, encrypted, unsupported, over a limit. ``code`` is a
    stable reason for programs (``corrupt``, ``encrypted``, ``unsupported``, ``too_large``,
    ``zip_bomb``, ``xml_bomb``, ``timeout``, ``needs_libreoffice`` …); the message is for people."""

    def __init__(self, message: str, code: str = "corrupt"):
        super().__init__(message)
        self.code = code

    def __reduce__(self):  # survive the trip back from the extraction worker process
        return (FileError, (str(self), self.code))


@dataclass(frozen=True, slots=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024       # the file as uploaded / read
    max_unpacked_bytes: int = 512 * 1024 * 1024  # all members of a zip container together (declared sizes)
    max_part_bytes: int = 128 * 1024 * 1024      # one member, inflated
    max_ratio: float = 100.0                     # inflated / compressed, for members over ratio_floor
    ratio_floor: int = 2 * 1024 * 1024
    max_entries: int = 20_000                    # members of one zip
    max_depth: int = 3                           # files inside files inside files
    max_chars: int = 20_000_000                  # extracted text
    max_pages: int = 5_000
    time_budget: float = 60.0                    # seconds per file, enforced in the worker (see isolate.py)
    max_memory_mb: int = 2048                    # address space of the extraction worker
    max_pictures: int = 200                      # pictures read (OCR) per file; the rest are listed not_read
    picture_seconds: float = 30.0                # OCR seconds per file; pictures past it are listed not_read

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Limits":
        names = {f.name for f in fields(cls)}
        unknown = sorted(set(d) - names)
        if unknown:
            raise ValueError(f"unknown file limit(s): {', '.join(unknown)}; known: {', '.join(sorted(names))}")
        return replace(cls(), **d)


class Context:
    """What an extractor gets besides the bytes: the limits, the clock, and a way to read the files
    inside the file (``recurse``)."""

    __slots__ = ("limits", "depth", "deadline", "_recurse", "pictures")

    def __init__(self, limits: Limits, recurse: Callable[..., Any], depth: int = 0, deadline: float | None = None,
                 pictures: "PictureBudget | None" = None):
        self.limits = limits
        self.depth = depth
        self.deadline = deadline if deadline is not None else time.monotonic() + limits.time_budget
        self._recurse = recurse
        #: shared by the files inside the file: the budget is per file as uploaded
        self.pictures = pictures if pictures is not None else PictureBudget(limits)

    def check_time(self, name: str) -> None:
        if time.monotonic() > self.deadline:
            raise FileError(f"{name}: reading took longer than the budget of {self.limits.time_budget:g} s",
                            "timeout")

    def check_chars(self, n: int, name: str) -> None:
        if n > self.limits.max_chars:
            raise FileError(f"{name}: more than {self.limits.max_chars} characters of text", "too_large")

    def recurse(self, data: bytes, name: str, builder, layer: str = "embedded", part: str | None = None) -> bool:
        """Extract a file found inside the file into ``builder`` (its segments get ``layer`` unless
        they are a more specific non-body layer, and parts prefixed ``part!``). Returns False (and
        lists the part as not read) for a format that has no extractor."""
        if self.depth + 1 > self.limits.max_depth:
            raise FileError(f"{name}: files nested more than {self.limits.max_depth} deep", "zip_bomb")
        return self._recurse(data, name, builder, layer, part or name, self)

    def open_zip(self, data: bytes, name: str) -> "SafeZip":
        return SafeZip(data, name, self)

    @staticmethod
    def check_xml(data: bytes, name: str) -> None:
        """Refuse XML with a DTD or entity declarations (what :meth:`parse_xml` refuses), for a part
        another parser reads."""
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
            raise FileError(f"{name}: XML with a DTD or entity declarations (refused: possible XML bomb)", "xml_bomb")

    def parse_xml(self, data: bytes, name: str, *, recover: bool = False):
        """Parse one XML part with lxml: no DTD, no entities, no network. A DTD is refused outright
        (OOXML, ODF and OFD never carry one; entity bombs always do)."""
        from lxml import etree

        self.check_xml(data, name)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                                 remove_comments=True, remove_pis=True, recover=recover)
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError as e:
            raise FileError(f"{name}: corrupt XML ({e})", "corrupt") from None
        if root is None:
            raise FileError(f"{name}: empty XML part", "corrupt")
        return root


class PictureBudget:
    """How many pictures a file may have read (OCR) and for how long (``Limits.max_pictures``,
    ``Limits.picture_seconds``); a picture past either is listed ``not_read`` with the reason,
    never skipped silently. A picture answered from the OCR cache costs no seconds."""

    __slots__ = ("limits", "count", "seconds")

    def __init__(self, limits: Limits):
        self.limits = limits
        self.count = 0
        self.seconds = 0.0

    def refuse(self, deadline: float) -> str | None:
        """Why the next picture may not be read, or None (and then it is counted)."""
        lim = self.limits
        if self.count >= lim.max_pictures:
            return f"not_read: over the budget of {lim.max_pictures} pictures per file"
        if self.seconds >= lim.picture_seconds:
            return f"not_read: over the budget of {lim.picture_seconds:g} s of picture reading per file"
        if deadline - time.monotonic() < min(5.0, lim.time_budget / 4):
            return f"not_read: the file's time budget of {lim.time_budget:g} s is nearly spent"
        self.count += 1
        return None

    def refused(self, part: str, what: str, b, ctx: Context, size: int = 0) -> bool:
        """Whether the budget refuses picture ``part`` (then listed ``not_read`` with the reason and
        said in a warning); else the file's time is checked and the picture counted."""
        why = self.refuse(ctx.deadline)
        if why is not None:
            b.add_part(part, "image", why, size)
            b.warn(f"{b.prefix}{part}: {what} {why}")
            return True
        ctx.check_time(part)
        return False

    @contextmanager
    def timed(self):
        """The seconds spent inside the ``with`` go on the budget (whatever the reading raised)."""
        t = time.monotonic()
        try:
            yield
        finally:
            self.seconds += time.monotonic() - t


class SafeZip:
    """A zip archive whose directory passed the limits; members are read with a cap on inflation."""

    def __init__(self, data: bytes, name: str, ctx: Context):
        self.name = name
        self.ctx = ctx
        self.data = data
        lim = ctx.limits
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as e:
            raise FileError(f"{name}: corrupt or truncated zip container ({e})", "corrupt") from None
        if len(infos) > lim.max_entries:
            raise FileError(f"{name}: {len(infos)} members, over the limit of {lim.max_entries}", "zip_bomb")
        total = 0
        for i in infos:
            if i.flag_bits & 0x1:
                raise FileError(f"{name}: the archive is encrypted (password-protected)", "encrypted")
            if i.file_size > lim.max_part_bytes:
                raise FileError(f"{name}: member {i.filename} inflates to {i.file_size} bytes, over the limit of "
                                f"{lim.max_part_bytes}", "zip_bomb")
            if i.file_size > lim.ratio_floor and i.file_size > lim.max_ratio * max(i.compress_size, 1):
                raise FileError(f"{name}: member {i.filename} inflates {i.file_size / max(i.compress_size, 1):.0f}×"
                                f" ({i.compress_size} → {i.file_size} bytes): refused as a zip bomb", "zip_bomb")
            total += i.file_size
        if total > lim.max_unpacked_bytes:
            raise FileError(f"{name}: members inflate to {total} bytes in all, over the limit of "
                            f"{lim.max_unpacked_bytes}", "zip_bomb")
        self.infos = {i.filename: i for i in infos}

    def names(self) -> list[str]:
        return list(self.infos)

    def has(self, member: str) -> bool:
        return member in self.infos

    def size(self, member: str) -> int:
        return self.infos[member].file_size

    def read(self, member: str) -> bytes:
        """The member's bytes; inflation stops one byte past the declared size (a lying directory
        is a zip bomb, not a memory blow-up)."""
        info = self.infos.get(member)
        if info is None:
            raise FileError(f"{self.name}: no member {member}", "corrupt")
        self.ctx.check_time(self.name)
        cap = info.file_size
        try:
            with self.zf.open(info) as fh:
                data = fh.read(cap + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
            raise FileError(f"{self.name}: cannot read member {member} ({e})", "corrupt") from None
        except RuntimeError as e:  # zipfile raises RuntimeError for encrypted members
            raise FileError(f"{self.name}: member {member} is encrypted ({e})", "encrypted") from None
        if len(data) > cap:
            raise FileError(f"{self.name}: member {member} inflates past its declared size", "zip_bomb")
        return data

    def xml(self, member: str, *, recover: bool = False):
        return self.ctx.parse_xml(self.read(member), f"{self.name}:{member}", recover=recover)
