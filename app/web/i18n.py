"""English and Korean strings for the pages: one JSON file per page plus common.json."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from fastapi import Request, Response

from ..paths import STATIC_DIR

LANGUAGES = ("en", "ko")
LANGUAGE_COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: a lecturer's choice outlives a term
STRINGS_DIR = Path(__file__).resolve().parent / "strings"
SCRIPTS_DIR = STATIC_DIR / "js"


@lru_cache
def _load(name: str) -> dict[str, dict[str, str]]:
    return json.loads((STRINGS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def strings(page: str | None, lang: str) -> dict[str, str]:
    """common.json's strings plus the page's, in one language; page keys are prefixed 'page.'."""
    merged = dict(_load("common")[lang])
    if page:
        merged.update({f"page.{key}": value for key, value in _load(page)[lang].items()})
    return merged


@lru_cache
def _keys_in_scripts() -> tuple[frozenset[str], tuple[str, ...]]:
    """The string keys the browser's scripts can ask for: quoted keys ("page.why.same"), and the
    fixed starts of keys built at run time (`page.fn.${name}`)."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SCRIPTS_DIR.rglob("*.js")))
    literals = frozenset(re.findall(r'"([a-z]\w*(?:\.\w+)+)"', source))
    prefixes = tuple(sorted(set(re.findall(r"`([a-z]\w*(?:\.\w+)*\.)\$\{", source))))
    return literals, prefixes


def for_scripts(text: dict[str, str]) -> dict[str, str]:
    """Only the strings a script can use: the page embeds these, and the template renders the rest."""
    literals, prefixes = _keys_in_scripts()
    return {key: value for key, value in text.items() if key in literals or key.startswith(prefixes)}


def choose_language(request: Request) -> str:
    """?lang= wins, then the cookie set by the language switch, then the browser's Accept-Language."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    accepted = request.headers.get("accept-language", "").lower()
    return "ko" if accepted.startswith("ko") else "en"


def remember_language(request: Request, response: Response) -> None:
    """A page opened with ?lang= sets the cookie, so the pages opened after it (a typed address, a
    bookmark without ?lang=) come in the same language."""
    chosen = request.query_params.get("lang")
    if chosen in LANGUAGES and request.cookies.get(LANGUAGE_COOKIE) != chosen:
        response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=COOKIE_MAX_AGE, path="/", samesite="lax", httponly=True)
