"""English and Korean strings for the pages: one JSON file per page plus common.json."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fastapi import Request

LANGUAGES = ("en", "ko")
STRINGS_DIR = Path(__file__).resolve().parent / "strings"


@lru_cache
def _load(name: str) -> dict[str, dict[str, str]]:
    return json.loads((STRINGS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def strings(page: str | None, lang: str) -> dict[str, str]:
    """common.json's strings plus the page's, in one language; page keys are prefixed 'page.'."""
    merged = dict(_load("common")[lang])
    if page:
        merged.update({f"page.{key}": value for key, value in _load(page)[lang].items()})
    return merged


def choose_language(request: Request) -> str:
    """?lang= wins, then the cookie set by the language switch, then the browser's Accept-Language."""
    for candidate in (request.query_params.get("lang"), request.cookies.get("lang")):
        if candidate in LANGUAGES:
            return candidate
    accepted = request.headers.get("accept-language", "").lower()
    return "ko" if accepted.startswith("ko") else "en"
