"""What one worker holds while it serves: the settings, the Scanner in service, the store, the
metrics, the extraction workers and the scan pool. Routes get it as a dependency (:data:`Svc`)."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from scanner import Scanner, ScannerConfig
from scanner.files.isolate import Extractor

from .metrics import Metrics
from .settings import ServiceSettings, load_config_file
from .store import Store

if TYPE_CHECKING:
    from .scanning import ScanPool

__all__ = ["ServiceState", "get_state", "Svc"]


@dataclass
class ServiceState:
    config: ScannerConfig
    settings: ServiceSettings
    config_path: Path | None = None
    scanner: Scanner | None = None
    store: Store | None = None
    metrics: Metrics = field(default_factory=Metrics)
    generation: str | None = None
    loaded_at: str | None = None
    reload_lock: asyncio.Lock | None = None
    extractor: Extractor | None = None          # file extraction in a worker process (time + memory caps)
    upload_slots: asyncio.Semaphore | None = None  # files read at once by this worker
    pool: "ScanPool | None" = None                # scans run here, off the event loop (service/scanning.py)

    def fresh_config(self) -> ScannerConfig:
        """The scanner config to reload with: the config file read again, if there is one."""
        if self.config_path is not None:
            cfg, _ = load_config_file(self.config_path)
            return cfg
        return self.config


async def get_state(request: Request) -> ServiceState:
    return request.app.state.svc


Svc = Annotated[ServiceState, Depends(get_state)]
