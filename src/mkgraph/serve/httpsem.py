"""ASGI middleware for the HTTP rules every answer follows, whatever route made it.

- HEAD is answered wherever GET is: the request is run as a GET and the body dropped, so
  status and headers (Content-Type, Content-Length, Vary, Link …) are those of the GET.
- ``Vary: Accept`` on every answer whose form can depend on Accept (RDF or HTML, results,
  error pages): everything but the static files and the downloads.
- A 405 carries ``Allow`` (and HEAD beside GET).
- HTML pages carry a Content-Security-Policy: scripts, styles and images from this server
  only, no plugins, no framing, forms only to this server.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
NOT_NEGOTIATED = ("/static/", "/download/")


def _add_token(headers: MutableHeaders, name: str, token: str) -> None:
    have = [t.strip() for t in headers.get(name, "").split(",") if t.strip()]
    if token.lower() not in (t.lower() for t in have):
        headers[name] = ", ".join([*have, token])


class HttpSemantics:
    def __init__(self, app, csp: str = CSP):
        self.app = app
        self.csp = csp

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        head = scope["method"] == "HEAD"
        if head:
            scope = dict(scope, method="GET")  # a copy: the server still knows it was HEAD
        negotiated = not scope["path"].startswith(NOT_NEGOTIATED)

        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if negotiated:
                    _add_token(headers, "Vary", "Accept")
                if message["status"] == 405:
                    allow = headers.get("Allow") or "GET"
                    headers["Allow"] = allow
                    if "GET" in allow and "HEAD" not in allow:
                        _add_token(headers, "Allow", "HEAD")
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = self.csp
                    headers["X-Content-Type-Options"] = "nosniff"
            elif message["type"] == "http.response.body" and head:
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, wrapped)
