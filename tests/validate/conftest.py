"""A real HTTP server on 127.0.0.1, started per test, serving canned routes."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from podfeed.validate import cdata


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (for timeout tests)


@dataclass
class Server:
    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, str]]

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def _answer(self, with_body: bool) -> None:
        self.server.requests.append((self.command, self.path))
        route = self.server.routes.get(self.path)
        if route is None:
            route = Route(404, b"not found")
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        self.end_headers()
        if with_body:
            # The client may stop reading at its size limit.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

    def do_GET(self) -> None:
        self._answer(True)

    def do_HEAD(self) -> None:
        self._answer(False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    requests: list[tuple[str, str]]


@pytest.fixture
def http_server() -> Iterator[Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.routes = {}
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield Server(f"http://{host!s}:{port}", server.routes, server.requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def cut_every_payload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows cut every CDATA payload, however short (tests of the cut itself)."""
    monkeypatch.setattr(cdata, "MIN_PAYLOAD", 1)
