"""Connection limits uvicorn lacks: a deadline for request headers, and room for new clients.

uvicorn (h11) waits for a request's headers without end, and its ``limit_concurrency``
counts open *connections*: 200 clients that open a connection and never finish their
headers made it answer 503 to everyone, for as long as they liked. Here

- a connection must deliver a request's complete headers within ``header_timeout`` seconds
  of opening (or of the previous answer); otherwise it gets 408 and is closed. Trickling a
  byte at a time does not extend the deadline.
- beyond ``max_connections`` open connections, the oldest connection that is not being
  answered (waiting for headers, or idle between keep-alive requests) is closed to make room;
  only when every connection is being answered is the new one closed.
- how many requests run at once is limited by :class:`RequestLimit` (503 beyond it), which
  counts requests being answered, not connections.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.h11_impl import H11Protocol

_TIMEOUT = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"connection: close\r\ncontent-length: 44\r\n\r\nrequest headers not complete within timeout\n")


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = 10.0
    max_connections: int = 1000

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer = None
        self._arm()
        if len(self.connections) > self.max_connections:
            self._make_room()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _answering(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _arm(self) -> None:
        self._disarm()
        self.waiting_since = self.loop.time()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if getattr(self, "_header_timer", None) is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if not self._answering() and not self.transport.is_closing():
            self.transport.write(_TIMEOUT)
            self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a request's headers are complete: its answer has begun
            self._disarm()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request (handle_events)
        if not self._answering() and not self.transport.is_closing():
            self._arm()  # the next request's headers get the same deadline

    def _make_room(self) -> None:
        waiting = [c for c in self.connections
                   if isinstance(c, GuardedH11Protocol) and c is not self and not c._answering()
                   and not c.transport.is_closing()]
        victim = min(waiting, key=lambda c: c.waiting_since, default=self)
        victim._disarm()
        victim.transport.close()


def protocol(header_timeout: float, max_connections: int) -> type[GuardedH11Protocol]:
    """The protocol class for ``uvicorn.run(http=…)`` with these limits."""
    return type("MkgraphH11Protocol", (GuardedH11Protocol,),
                {"header_timeout": header_timeout, "max_connections": max_connections})


class RequestLimit:
    """ASGI middleware: at most ``limit`` requests answered at once; more get 503 at once."""

    def __init__(self, app, limit: int):
        self.app = app
        self.limit = limit
        self.active = 0

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.active >= self.limit:
            body = json.dumps({"error": f"more than {self.limit} requests at once; try again later",
                               "status": 503}).encode()
            await send({"type": "http.response.start", "status": 503,
                        "headers": [(b"content-type", b"application/json"), (b"retry-after", b"1"),
                                    (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        self.active += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.active -= 1
