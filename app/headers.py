"""Security headers on every response, and CORS on /api/* (pure ASGI middleware).

The pages run no inline script or style and load nothing from elsewhere, so the policy can be
strict: everything from this origin; images also from data: (Swagger UI's icons) and blob: (an
uploaded picture). Frames: only the sites CONVSCOPE_FRAME_ANCESTORS names, since lecturers embed
pages in course sites. The API is stateless and uses no cookies, so any origin may call it from
a browser, without credentials (CONVSCOPE_CORS_ORIGINS narrows that).
"""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import Settings

API_PREFIX = "/api/"


def content_security_policy(frame_ancestors: str) -> str:
    return "; ".join([
        "default-src 'self'", "img-src 'self' data: blob:", "object-src 'none'", "base-uri 'none'",
        "form-action 'self'", f"frame-ancestors {frame_ancestors}",
    ])


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        origins = [origin.strip() for origin in settings.cors_origins.split(",") if origin.strip()]
        self.api = CORSMiddleware(app, allow_origins=origins, allow_methods=["GET", "POST"],
                                  allow_headers=["content-type"], allow_credentials=False, max_age=600)
        self.headers = [
            (b"content-security-policy", content_security_policy(settings.frame_ancestors).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        # CORS concerns only browsers' cross-origin requests, which always carry Origin: tools'
        # requests skip the CORS layer's header parsing.
        cross_origin = scope["path"].startswith(API_PREFIX) and any(name == b"origin" for name, _ in scope["headers"])
        await (self.api if cross_origin else self.app)(scope, receive, send_with_headers)
