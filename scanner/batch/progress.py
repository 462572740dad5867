"""The re-scan's progress bar on standard error (rich, loaded only when shown): bytes of the source
done, records and records/s, MB/s, time elapsed and left. Advanced at every commit (runner.py)."""
from __future__ import annotations

__all__ = ["RescanProgress"]


class RescanProgress:
    """Counts the records committed; draws the bar only when ``enabled``."""

    def __init__(self, enabled: bool, total: int | None, done_bytes: int, done_records: int, label: str):
        self.enabled = enabled
        self.records = done_records
        self._p = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            ProgressColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.text import Text

        class Records(ProgressColumn):
            def render(self, task) -> Text:
                n = task.fields.get("records", 0)
                new = n - task.fields.get("start_records", 0)
                rate = new / task.elapsed if task.elapsed else 0
                return Text(f"{n:,} rec · {rate:,.0f} rec/s", style="progress.data.speed")

        self._p = Progress(TextColumn("[bold]{task.description}"), BarColumn(), TaskProgressColumn(),
                           Records(), DownloadColumn(), TransferSpeedColumn(), TimeElapsedColumn(),
                           TextColumn("left"), TimeRemainingColumn(),
                           console=Console(stderr=True), transient=False, refresh_per_second=4)
        self._p.start()
        self._task = self._p.add_task(label, total=total, completed=done_bytes, records=done_records,
                                      start_records=done_records)

    def advance(self, nbytes: int, nrecords: int) -> None:
        self.records += nrecords
        if self._p is not None:
            self._p.update(self._task, advance=nbytes, records=self.records)

    def close(self) -> None:
        if self._p is not None:
            self._p.stop()
            self._p = None

