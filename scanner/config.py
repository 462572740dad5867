"""Scanner configuration: which lexicons, which detectors, severity overrides.

A config is plain data, built from keyword arguments, a dict or a TOML file::

    # scanner.toml
    bundled_lexicons = true          # load the lexicons shipped with the package
    lexicon_dirs = ["/etc/govscan/county"]   # extra folders, each with a manifest.toml
    detectors = ["lexicon", "personal_data", "classification_mark", "credential", "compositional", "wording", "prohibited_model"]   # default: all
    disabled_rules = ["xinhua.laoban"]
    matcher = "daachorse"            # or "pyahocorasick"
    public_officials = ["张三"]       # office holders whose names are not private data

    [severity]                       # by rule id, type or category
    "pii.mobile_phone" = "block"
    banned_term = "info"
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .model import CATEGORY_OF, SEVERITIES, TYPES

__all__ = ["ScannerConfig", "ALL_DETECTORS", "KNOWN_DETECTORS"]

ALL_DETECTORS = ("lexicon", "personal_data", "classification_mark", "credential", "compositional", "wording", "prohibited_model")
#: Detectors that exist but are off by default: "person_name_nlp" tags names in free text with
#: jieba's part-of-speech model (~0.5 MB/s; benchmarks/NAMES.md).
KNOWN_DETECTORS = ALL_DETECTORS + ("person_name_nlp",)


#: Tables of one config file that belong to other layers than the library.
OTHER_LAYERS = ("service", "rescan")


def read_toml(path: str | Path) -> dict[str, Any]:
    """Read a TOML file; a missing or malformed file is a :class:`ConfigError`."""
    import tomllib  # (only when a file is read: a warm start reads none)

    p = Path(path)
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {p}") from None
    except IsADirectoryError:
        raise ConfigError(f"config path is a folder: {p}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: {e}") from None


@dataclass(frozen=True)
class ScannerConfig:
    bundled_lexicons: bool = True
    lexicon_dirs: tuple[str, ...] = ()
    detectors: tuple[str, ...] = ALL_DETECTORS
    severity: Mapping[str, str] = field(default_factory=dict)
    disabled_rules: frozenset[str] = frozenset()
    matcher: str = "daachorse"
    #: Names of public office holders (county leaders …): never reported as private persons' names.
    public_officials: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lexicon_dirs", tuple(str(d) for d in self.lexicon_dirs))
        object.__setattr__(self, "public_officials", tuple(self.public_officials))
        object.__setattr__(self, "detectors", tuple(self.detectors))
        object.__setattr__(self, "disabled_rules", frozenset(self.disabled_rules))
        object.__setattr__(self, "severity", dict(self.severity))
        unknown = [d for d in self.detectors if d not in KNOWN_DETECTORS]
        if unknown:
            raise ConfigError(f"unknown detector(s) {unknown}; known: {', '.join(KNOWN_DETECTORS)}")
        for key, sev in self.severity.items():
            if sev not in SEVERITIES:
                raise ConfigError(f"severity override {key!r} = {sev!r}: not one of {', '.join(SEVERITIES)}")
        if self.matcher not in ("daachorse", "pyahocorasick"):
            raise ConfigError(f"matcher must be 'daachorse' or 'pyahocorasick', not {self.matcher!r}")
        if not self.bundled_lexicons and not self.lexicon_dirs and "lexicon" in self.detectors:
            raise ConfigError("no lexicons: set bundled_lexicons = true or give lexicon_dirs")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, base: Path | None = None) -> "ScannerConfig":
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"unknown config key(s): {', '.join(unknown)}")
        kw = dict(data)
        if "lexicon_dirs" in kw:
            dirs = kw["lexicon_dirs"]
            if isinstance(dirs, str) or not all(isinstance(d, str) for d in dirs):
                raise ConfigError("lexicon_dirs must be a list of folder paths")
            kw["lexicon_dirs"] = tuple(str((base / d) if base and not Path(d).is_absolute() else d) for d in dirs)
        for key in ("detectors", "disabled_rules", "public_officials"):
            if key in kw and (isinstance(kw[key], str) or not all(isinstance(x, str) for x in kw[key])):
                raise ConfigError(f"{key} must be a list of strings")
        if "severity" in kw and not isinstance(kw["severity"], Mapping):
            raise ConfigError("severity must be a table of rule/type/category = severity")
        return cls(**kw)

    @classmethod
    def from_file(cls, path: str | Path) -> "ScannerConfig":
        """The scanner's keys of a TOML file: a ``[scanner]`` table, or the top level. Tables of
        the other layers in the same file (``[service]``, ``[rescan]``) are theirs."""
        p = Path(path)
        data = read_toml(p)
        part = data.get("scanner", {k: v for k, v in data.items() if k not in OTHER_LAYERS})
        return cls.from_dict(part, base=p.parent)

    def severity_for(self, rule: str, typ: str, default: str) -> str:
        """Override order: rule id, then type, then category."""
        s = self.severity
        if not s:
            return default
        return s.get(rule) or s.get(typ) or s.get(CATEGORY_OF.get(typ, ""), default)


assert set(CATEGORY_OF.values()) == set(TYPES)
