"""Static files with versioned URLs: /static/<fingerprint>/css/base.css is cached for a year.

The fingerprint is a hash of every file under static/, so any change gives every asset a new URL
and browsers never run a stale script beside a new page. Scripts import each other by relative
paths, so a module loaded from a versioned URL pulls its imports from the same version. Plain
/static/... URLs still work and are revalidated on every use.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

YEAR = 365 * 24 * 3600
_FINGERPRINT_LENGTH = 12
_LOOKS_VERSIONED = re.compile(rf"[0-9a-f]{{{_FINGERPRINT_LENGTH}}}")


@lru_cache
def fingerprint(directory: Path) -> str:
    """The first hex digits of a SHA-256 over every file's path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(path.relative_to(directory).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:_FINGERPRINT_LENGTH]


class VersionedStaticFiles(StaticFiles):
    """StaticFiles (which refuses paths that leave the directory) plus the cache rules above."""

    def __init__(self, directory: Path):
        super().__init__(directory=directory)
        self.version = fingerprint(Path(directory))

    async def get_response(self, path: str, scope: Scope) -> Response:
        first, _, rest = path.partition("/")
        current = first == self.version
        if rest and (current or _LOOKS_VERSIONED.fullmatch(first)):
            path = rest  # an older version's URL gets today's file, revalidated, never cached for long
        response = await super().get_response(path, scope)
        if response.status_code in (200, 304):
            response.headers["cache-control"] = f"public, max-age={YEAR}, immutable" if current else "no-cache"
        return response


@jinja2.pass_context
def asset(context: jinja2.runtime.Context, path: str) -> str:
    """The versioned URL of a file under static/: {{ asset('css/base.css') }}."""
    request = context["request"]
    version = request.app.state.static_version
    return request.url_for("static", path=f"{version}/{path}").path  # root-relative: right behind any proxy
