"""ASGI middleware: refuse request bodies over a size cap before reading them into memory,
and bodies that do not arrive within a deadline (a client that sends its headers and then
trickles the body, or none, would otherwise hold a request slot for ever)."""

from __future__ import annotations

import asyncio
import json


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


class BodySizeGuard:
    def __init__(self, app, max_body: int, body_timeout: float = 30.0):
        self.app = app
        self.max_body = max_body
        self.body_timeout = body_timeout

    async def _reject(self, send, status: int, message: str):
        body = json.dumps({"error": message, "status": status}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        too_large = f"request body larger than {self.max_body} bytes"
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            return await self._reject(send, 413, too_large)
        seen = 0
        started = False
        # no body announced (a GET): nothing to wait for, no deadline
        complete = (length is None or length == b"0") and b"transfer-encoding" not in headers
        deadline = asyncio.get_running_loop().time() + self.body_timeout

        async def counted_receive():
            nonlocal seen, complete
            if complete:  # after the body only the disconnect comes, whenever it comes
                return await receive()
            try:
                msg = await asyncio.wait_for(receive(), max(0.0, deadline - asyncio.get_running_loop().time()))
            except asyncio.TimeoutError:
                raise BodyTooSlow() from None
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                complete = not msg.get("more_body", False)
                if seen > self.max_body:  # chunked bodies have no Content-Length
                    raise BodyTooLarge()
            return msg

        async def tracked_send(msg):
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except BodyTooLarge:
            if not started:
                await self._reject(send, 413, too_large)
        except BodyTooSlow:
            if not started:
                await self._reject(send, 408, f"request body not complete within {self.body_timeout:g} s")
