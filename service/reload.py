"""Lexicons in service: build a Scanner, reload after lint, follow other workers' reloads."""
from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import replace
from pathlib import Path

from starlette.concurrency import run_in_threadpool

from scanner import Scanner, ScannerConfig
from scanner.errors import ScannerError

from . import record
from .state import ServiceState

__all__ = ["build_scanner", "lint_and_build", "warm_tagger", "watch_generation"]

log = logging.getLogger("govscan.service")


def build_scanner(cfg: ScannerConfig) -> Scanner:
    """The Scanner, with the pretrained person-name tagger warmed (:func:`warm_tagger`) and
    :meth:`Scanner.warm`: no request pays for what loads on first use."""
    sc = Scanner(cfg)
    warm_tagger(cfg)
    sc.warm()
    return sc


def warm_tagger(cfg: ScannerConfig) -> None:
    """Load the pretrained person-name tagger now when ``cfg`` scans personal data: ``Scanner()``
    leaves it to the first sentence that needs it (0.35 s), a service loads it at start-up instead.
    The model is the process's one; loading is locked (:mod:`scanner.person_model`)."""
    if "personal_data" in cfg.detectors:
        from scanner import person_model

        person_model.warm()


def lint_and_build(cfg: ScannerConfig) -> tuple[list[str], list[str], Scanner | None]:
    """``scanner lexicon lint`` on the folders a config loads (the files, then every examples file,
    on a scanner of those folders alone, as the CLI does), then the new Scanner: the lint's own
    scanner when the config asks for nothing else, so a reload builds once."""
    from scanner.lexicon import bundled_lexicon_dir, lint

    folders = ([bundled_lexicon_dir()] if cfg.bundled_lexicons else []) + [Path(d) for d in cfg.lexicon_dirs]
    plain = replace(cfg, bundled_lexicons=False, lexicon_dirs=tuple(map(str, folders)))
    built: dict[str, Scanner] = {}

    def factory(fs):
        neutral = ScannerConfig(bundled_lexicons=False, lexicon_dirs=tuple(map(str, fs)))
        built["scanner"] = sc = Scanner(neutral)
        built["same"] = neutral == plain
        return sc

    problems, warnings = lint(folders, scanner_factory=factory) if folders else ([], [])
    if problems:
        return problems, warnings, None
    new = built["scanner"] if built.get("same") else Scanner(cfg)
    return problems, warnings, new


async def watch_generation(st: ServiceState) -> None:
    """Other workers' reloads: when the stored lexicon generation changes, rebuild this worker's
    Scanner (in a thread, the old one serving meanwhile)."""
    interval = st.settings.reload_check_seconds
    while True:
        await asyncio.sleep(interval)
        try:
            gen = await run_in_threadpool(st.store.get_meta, "lexicon_generation")
            if gen is None or gen == st.generation:
                continue
            async with st.reload_lock:
                if gen == st.generation:
                    continue
                cfg = st.fresh_config()
                new = await run_in_threadpool(build_scanner, cfg)
                st.scanner, st.config, st.generation = new, cfg, gen
                st.loaded_at = record.now_iso()
                st.metrics.set_lexicon_version(new.lexicon_version)
                gc.freeze()
                log.info("reloaded lexicon_version=%s generation=%s (signalled by another worker)",
                         new.lexicon_version, gen)
        except asyncio.CancelledError:
            raise
        except ScannerError as e:
            log.error("lexicon reload signalled by another worker failed: %s; still serving %s",
                      type(e).__name__, st.scanner.lexicon_version if st.scanner else "-")
            st.generation = gen
        except Exception as e:  # keep watching
            log.error("generation watch: %s", type(e).__name__)
