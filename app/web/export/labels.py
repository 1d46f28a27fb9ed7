"""A page's words in one language, from the same string files the pages use (app/web/strings)."""

from __future__ import annotations

from ..i18n import strings


class Labels:
    def __init__(self, page: str, lang: str):
        self.lang = lang
        self._text = strings(page, lang)

    def __call__(self, key: str, **values: object) -> str:
        """The string for key with its {placeholders} filled, as the pages' t() does."""
        text = self._text[key]
        for name, value in values.items():
            text = text.replace(f"{{{name}}}", str(value))
        return text


def joined(*parts: str) -> str:
    """A grid's label of several parts: "Input · channel 2"."""
    return " \u00b7 ".join(parts)
