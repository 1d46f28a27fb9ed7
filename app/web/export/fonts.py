"""Fonts the server has: found once among the usual font directories, never downloaded or shipped.

Without a TrueType font, Pillow's built-in scalable font draws everything, with ASCII in place of
the signs it lacks (× − Σ …); without a Korean font, Korean labels are not drawn (the route answers
with English ones and says so in a header), so no text ever comes out as empty boxes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from PIL import ImageFont

Font = ImageFont.FreeTypeFont

# Each role's files, best first: DejaVu (most Linux servers), Noto, Liberation, then macOS and Windows.
FILES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "sans-bold": ("DejaVuSans-Bold.ttf", "NotoSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf",
                  "arialbd.ttf"),
    "mono": ("DejaVuSansMono.ttf", "NotoSansMono-Regular.ttf", "LiberationMono-Regular.ttf", "Menlo.ttc",
             "consola.ttf"),
    "mono-bold": ("DejaVuSansMono-Bold.ttf", "NotoSansMono-Bold.ttf", "LiberationMono-Bold.ttf", "consolab.ttf"),
    "korean-bold": ("NanumGothicBold.ttf", "NotoSansKR-Bold.otf", "NotoSansCJKkr-Bold.otf", "NotoSansCJK-Bold.ttc",
                    "malgunbd.ttf", "AppleSDGothicNeo.ttc"),
})
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts", "/Library/Fonts",
             "/System/Library/Fonts", "C:/Windows/Fonts")
# Signs the built-in font lacks, and what stands in for them.
# A stand-in the font lacks too is stood in for in turn (⋆ → ☆ in a Korean font, → * in the built-in one).
STAND_INS = MappingProxyType({"\u00d7": "x", "\u2212": "-", "\u00b7": "-", "\u03a3": "sum ", "\u221e": "inf",
                              "\u2299": "*", "\u2217": "*", "\u22c6": "\u2606", "\u2606": "*"})
NO_SUCH_CHARACTER = "\U0010fffd"  # a private-use code point no font draws: its glyph is the "missing" box


class FontSet:
    """role -> font file; a role without a file is drawn by the nearest role that has one, in the end by
    Pillow's built-in font."""

    def __init__(self, files: Mapping[str, str]):
        self.files = dict(files)

    @property
    def korean(self) -> bool:
        return "korean-bold" in self.files

    @property
    def truetype(self) -> bool:
        return bool({"sans-bold", "mono", "mono-bold"} & self.files.keys())

    def font(self, role: str, size: int) -> Font:
        for candidate in _fallbacks(role):
            if candidate in self.files:
                return _load(self.files[candidate], size)
        return _builtin(size)

    def printable(self, role: str, text: str, size: int) -> str:
        """text with every character the role's font lacks replaced by its stand-in."""
        font = self.font(role, size)
        return "".join(_stand_in(font, c) for c in text)

    def draws(self, role: str, text: str, size: int) -> bool:
        """Whether the role's font has every character of text, or a stand-in for it."""
        font = self.font(role, size)
        return not any(_missing(font, c) for c in self.printable(role, text, size) if not c.isspace())


def _stand_in(font: Font, character: str) -> str:
    while character in STAND_INS and _missing(font, character):
        character = STAND_INS[character]
    return character


def _fallbacks(role: str) -> tuple[str, ...]:
    return {"korean-bold": ("korean-bold", "sans-bold", "mono-bold"), "sans-bold": ("sans-bold", "mono-bold"),
            "mono-bold": ("mono-bold", "mono"), "mono": ("mono", "mono-bold")}[role]


@lru_cache(maxsize=64)
def _load(path: str, size: int) -> Font:
    return ImageFont.truetype(path, size)


@lru_cache(maxsize=16)
def _builtin(size: int) -> Font:
    return ImageFont.load_default(size=size)


@lru_cache(maxsize=1024)
def _missing(font: Font, character: str) -> bool:
    return _glyph(font, character) == _glyph(font, NO_SUCH_CHARACTER)


def _glyph(font: Font, character: str) -> tuple[tuple[int, int], bytes]:
    mask = font.getmask(character)
    return mask.size, bytes(mask)


def find_files(directories: tuple[str, ...] = FONT_DIRS) -> dict[str, str]:
    """role -> the best file for it found under the directories."""
    wanted = {name.lower() for names in FILES.values() for name in names}
    found: dict[str, str] = {}
    for directory in directories:
        for root, _, names in os.walk(Path(directory).expanduser()):
            for name in names:
                if name.lower() in wanted:
                    found.setdefault(name.lower(), str(Path(root) / name))
    files = {}
    for role, names in FILES.items():
        path = next((found[name.lower()] for name in names if name.lower() in found), None)
        if path is not None:
            files[role] = path
    return files


@lru_cache(maxsize=1)
def server_fonts() -> FontSet:
    """The fonts of this server, looked for once (a dependency: tests put their own in its place)."""
    return FontSet(find_files())
