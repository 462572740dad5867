"""Run the real service on a free loopback port, for tests and benchmarks.

    with serve_in_thread(create_app(scanner=s, db_url=...)) as url: httpx.get(url + "/v1/health")
    with serve_in_subprocess(["--config", "govscan.toml"], log_path=...) as server: ...

Both start a real uvicorn on 127.0.0.1 and wait (bounded) until ``/v1/health`` answers.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

__all__ = ["free_port", "serve_in_thread", "serve_in_subprocess", "Server"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, deadline: float, alive=lambda: True) -> None:
    import httpx

    last = None
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"server at {url} exited before it was ready")
        try:
            if httpx.get(url + "/v1/health", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError as e:
            last = e
        time.sleep(0.05)
    raise TimeoutError(f"server at {url} not ready in time ({last})")


@contextlib.contextmanager
def serve_in_thread(app, *, timeout: float = 60.0, log_level: str = "warning") -> Iterator[str]:
    """Serve ``app`` with uvicorn in a background thread; yields the base URL."""
    import uvicorn

    port = free_port()
    from .protocol import GuardedHttpToolsProtocol

    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level=log_level, access_log=False,
                            lifespan="on", timeout_graceful_shutdown=5, http=GuardedHttpToolsProtocol)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, time.monotonic() + timeout, alive=thread.is_alive)
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)


@dataclass
class Server:
    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


@contextlib.contextmanager
def serve_in_subprocess(args: Sequence[str] = (), *, log_path: str | Path, env: dict | None = None,
                        timeout: float = 90.0, cwd: str | Path | None = None) -> Iterator[Server]:
    """Run ``scanner serve ARGS --port <free>`` in a child process; stdout+stderr go to ``log_path``."""
    port = free_port()
    log_path = Path(log_path)
    cmd = [sys.executable, "-m", "scanner.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    full_env = {**os.environ, **(env or {})}
    repo = str(Path(__file__).resolve().parent.parent)
    full_env["PYTHONPATH"] = repo + (os.pathsep + full_env["PYTHONPATH"] if full_env.get("PYTHONPATH") else "")
    with open(log_path, "wb") as logf:
        proc = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, env=full_env, cwd=cwd,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_healthy(url, time.monotonic() + timeout, alive=lambda: proc.poll() is None)
        except Exception as e:
            raise RuntimeError(f"{e}\n--- server log ---\n{log_path.read_text(errors='replace')[-4000:]}") from None
        yield Server(url, proc, log_path)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
