"""Runs the app on uvicorn, on a socket bound before the server starts (so port 0 works and
a busy port is a clear error), with a request-head time limit uvicorn lacks.

uvicorn waits forever for a request line or header block that never completes (one
connection each, with no limit): ``HeadTimeoutH11`` closes such a connection after
``header_timeout_s``, with 408 when part of a request had arrived. A body that never arrives
in full is the guard's (``guard.Guard``: 408).
"""

from __future__ import annotations

import asyncio
import copy
import logging
import socket
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from copydesk.serve.options import ServeOptions

TIMEOUT_RESPONSE = (
    b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"connection: close\r\ncontent-length: 42\r\n\r\nthe request head did not arrive in time.\r\n"
)


class HeadTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol with a time limit on each request's head."""

    header_timeout_s = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._head_bytes = False
        self._arm()

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_timeout)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self._head_bytes = self._head_bytes or bool(data)
            self._arm()  # still waiting for this request's head: the clock started earlier
        else:
            self._head_bytes = False
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._head_bytes = False

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _head_timeout(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # a response is being written; uvicorn's own keep-alive logic takes over
        if self._head_bytes:
            self.transport.write(TIMEOUT_RESPONSE)
        self.transport.close()


def log_config() -> dict[str, Any]:
    """uvicorn's logging plus copydesk's own logger, all on stderr: uvicorn writes its access
    log to stdout by default, which is for data."""
    config: dict[str, Any] = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["handlers"]["access"]["stream"] = "ext://sys.stderr"
    config["loggers"]["copydesk"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0 picks a free one).

    Raises:
        OSError: the address cannot be bound.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def serve(options: ServeOptions, sock: socket.socket) -> None:
    """Serves until interrupted (Ctrl-C or SIGTERM stop it cleanly, workers included)."""
    from copydesk.serve.app import create_app

    protocol = type("HeadTimeoutH11", (HeadTimeoutH11,), {"header_timeout_s": options.header_timeout_s})
    config = uvicorn.Config(
        create_app(options),
        http=protocol,
        ws="none",
        lifespan="on",
        server_header=False,
        access_log=True,
        log_config=log_config(),
        timeout_keep_alive=5,
        timeout_graceful_shutdown=10,
        proxy_headers=False,
    )
    logging.getLogger("copydesk.serve").info("serving on %s", sock.getsockname())
    uvicorn.Server(config).run(sockets=[sock])
