"""A local notification sink: an HTTP endpoint on loopback that keeps what it is sent.

`monitor demo` points an apprise ``json://`` URL at it to show an alert arriving without any
outside service, and the tests use it as the real peer of apprise's JSON and webhook plugins. A
switch makes it answer errors for a while, as a channel that is down would; ``answer_delay``
makes it keep a message and answer only later, as a slow peer does.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    """One request as the sink saw it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int  # what the sink answered

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


class NotificationSink:
    """Records every POST; answers 200 (body ``ok``, as Slack does) unless told to fail."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.received: list[Received] = []
        self._failures: list[int] = []
        self.answer_delay = 0.0  # seconds between keeping a message and answering (a slow peer)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def fail_next(self, times: int, status: int = 500) -> None:
        """Answer the next ``times`` requests with ``status`` (and keep them in ``received``)."""
        with self._lock:
            self._failures.extend([status] * times)

    def delivered(self) -> list[Received]:
        """The requests that were answered with success."""
        with self._lock:
            return [r for r in self.received if r.status == 200]

    def start(self) -> NotificationSink:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with sink._lock:
                    status = sink._failures.pop(0) if sink._failures else 200
                    sink.received.append(
                        Received("POST", self.path, dict(self.headers.items()), body, status)
                    )
                sink._stopping.wait(sink.answer_delay)
                answer = b"ok" if status == 200 else b"error"
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self._httpd = ThreadingHTTPServer((self.host, self.port), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers waiting to answer
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def __enter__(self) -> NotificationSink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
