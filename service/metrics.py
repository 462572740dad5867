"""Prometheus metrics of the service (``GET /metrics``).

- ``govscan_http_requests_total{method, route, status}``
- ``govscan_http_request_duration_seconds{method, route}`` (histogram)
- ``govscan_scans_total{verdict}``, ``govscan_scanned_characters_total``
- ``govscan_findings_total{category, severity}``
- ``govscan_lexicon_info{version}`` (1 for the version in service), ``govscan_lexicon_reloads_total{result}``
- ``govscan_scans_refused_total{reason}``: ``busy`` (429, the scan queue full), ``timeout`` (503, past
  the scan's time budget)
- ``govscan_scan_pool{state}``: scans ``running`` and ``waiting`` in the pool; ``govscan_store_queue``:
  scans handed to the store, not yet committed; ``govscan_store_spooled``: scans in the on-disk spool,
  waiting for the database; ``govscan_store_up`` (0 while the database is unavailable)

With several uvicorn workers, ``scanner serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before the
workers start, and every scrape aggregates all workers (prometheus_client's multiprocess mode).
Labels never carry draft text: routes are templates (``/v1/scans/{scan_id}``), not paths.
"""
from __future__ import annotations

import os
from typing import Iterable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram, generate_latest

try:  # the *_created series only add noise here
    from prometheus_client import disable_created_metrics

    disable_created_metrics()
except ImportError:  # pragma: no cover - older prometheus_client
    pass

__all__ = ["Metrics", "CONTENT_TYPE_LATEST"]

_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.multiprocess = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        r = self.registry
        self.requests = Counter("govscan_http_requests", "HTTP requests by route and status",
                                ("method", "route", "status"), registry=r)
        self.latency = Histogram("govscan_http_request_duration_seconds", "HTTP request latency",
                                 ("method", "route"), buckets=_BUCKETS, registry=r)
        self.scans = Counter("govscan_scans", "Documents scanned, by verdict", ("verdict",), registry=r)
        self.chars = Counter("govscan_scanned_characters", "Characters scanned", registry=r)
        self.findings = Counter("govscan_findings", "Findings reported, by category and severity",
                                ("category", "severity"), registry=r)
        self.lexicon = Gauge("govscan_lexicon_info", "Lexicon version in service (1 = serving)", ("version",),
                             registry=r, multiprocess_mode="liveall")
        self.reloads = Counter("govscan_lexicon_reloads", "Lexicon reloads, by result", ("result",), registry=r)
        self.scans_refused = Counter("govscan_scans_refused", "Scans refused: busy (429) or past their time "
                                     "budget (503)", ("reason",), registry=r)
        self.pool = Gauge("govscan_scan_pool", "Scans in the pool, by state", ("state",), registry=r,
                          multiprocess_mode="livesum")
        self.store_queue = Gauge("govscan_store_queue", "Scans handed to the store, not yet committed",
                                 registry=r, multiprocess_mode="livesum")
        self.spooled = Gauge("govscan_store_spooled", "Scans in the on-disk spool, waiting for the database",
                             registry=r, multiprocess_mode="livemax")
        self.store_up = Gauge("govscan_store_up", "1 while the database takes writes, else 0", registry=r,
                              multiprocess_mode="livemin")
        self._version: str | None = None
        # the labelled series a request touches, looked up once (``labels()`` builds its key and
        # takes a lock on every call); their keys are bounded: route templates, statuses, verdicts,
        # categories and severities
        self._request_series: dict[tuple[str, str, int], tuple] = {}
        self._scan_series: dict[str, object] = {}
        self._finding_series: dict[tuple[str, str], object] = {}

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        key = (method, route, status)
        series = self._request_series.get(key)
        if series is None:
            series = self._request_series[key] = (self.requests.labels(method, route, str(status)),
                                                  self.latency.labels(method, route))
        series[0].inc()
        series[1].observe(seconds)

    def observe_scan(self, verdict: str, chars: int, findings: Iterable[dict]) -> None:
        series = self._scan_series.get(verdict)
        if series is None:
            series = self._scan_series[verdict] = self.scans.labels(verdict)
        series.inc()
        self.chars.inc(chars)
        counts: dict[tuple[str, str], int] = {}
        for f in findings:
            key = (f["category"], f["severity"])
            counts[key] = counts.get(key, 0) + 1
        for key, n in counts.items():
            series = self._finding_series.get(key)
            if series is None:
                series = self._finding_series[key] = self.findings.labels(*key)
            series.inc(n)

    def set_lexicon_version(self, version: str) -> None:
        if self._version is not None and self._version != version:
            self.lexicon.labels(self._version).set(0)
        self.lexicon.labels(version).set(1)
        self._version = version

    def set_live(self, pool: dict | None, store: dict | None) -> None:
        """The gauges read at scrape time: the scan pool and the store of this worker."""
        if pool is not None:
            self.pool.labels("running").set(pool["running"])
            self.pool.labels("waiting").set(pool["waiting"])
        if store is not None:
            self.store_queue.set(store.get("queued", 0))
            self.spooled.set(store.get("spooled", 0))
            self.store_up.set(1 if store.get("database") == "ok" else 0)

    def render(self) -> bytes:
        if self.multiprocess:
            from prometheus_client import multiprocess

            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)
            return generate_latest(registry)
        return generate_latest(self.registry)
