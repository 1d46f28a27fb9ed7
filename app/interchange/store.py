"""Imported models, kept by content: a file's name is the SHA-256 of its bytes.

The store is a directory: <name>.onnx (the bytes as uploaded) beside <name>.json (its summary, made
once at upload). Workers keep nothing of their own between requests but a small cache of parsed
graphs, so every worker and every machine that shares the directory serves the same models. The
least recently used models (by the files' modification time, touched on each use) are evicted
beyond a count or a total size.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

NAME = re.compile(r"[0-9a-f]{64}")  # a SHA-256 in hex: nothing else is ever a path in the store


def default_directory() -> Path:
    """A per-user cache directory: $XDG_CACHE_HOME/convscope/models, or ~/.cache/convscope/models."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "convscope" / "models"


class ModelStore:
    def __init__(self, directory: Path, *, max_models: int, max_bytes: int):
        self.directory, self.max_models, self.max_bytes = Path(directory), max_models, max_bytes

    @staticmethod
    def name_of(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def has(self, name: str) -> bool:
        return bool(NAME.fullmatch(name)) and self._path(name, "onnx").exists()

    def put(self, data: bytes, summary: dict) -> bool:
        """Keep a model and its summary; False when those bytes were kept already (then only touched)."""
        name = self.name_of(data)
        if self.has(name):
            self.touch(name)
            return False
        self.directory.mkdir(parents=True, exist_ok=True)
        self._write(self._path(name, "json"), json.dumps(summary).encode())
        self._write(self._path(name, "onnx"), data)  # last: a model is there once its bytes are
        self._evict(keep=name)
        return True

    def update(self, name: str, summary: dict) -> None:
        """Replace a stored model's summary (its labels, given after the upload)."""
        if self.has(name):
            self._write(self._path(name, "json"), json.dumps(summary).encode())

    def read(self, name: str) -> bytes | None:
        if not self.has(name):
            return None
        self.touch(name)
        return self._path(name, "onnx").read_bytes()

    def summary(self, name: str) -> dict | None:
        if not self.has(name):
            return None
        return json.loads(self._path(name, "json").read_text(encoding="utf-8"))

    def names(self) -> list[str]:
        """The stored models, the most recently used first."""
        found = [path for path in self.directory.glob("*.onnx") if NAME.fullmatch(path.stem)]
        return [path.stem for path in sorted(found, key=_used, reverse=True)]

    def _path(self, name: str, suffix: str) -> Path:
        return self.directory / f"{name}.{suffix}"

    def touch(self, name: str) -> None:
        """A use: the model moves to the back of the eviction queue."""
        try:
            os.utime(self._path(name, "onnx"))
        except FileNotFoundError:  # evicted by another worker meanwhile
            pass

    def _write(self, path: Path, data: bytes) -> None:
        """Whole or not at all: another worker never reads half a file."""
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".upload-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def _evict(self, keep: str) -> None:
        """The least recently used first, until both the count and the bytes are within bounds."""
        paths = sorted((p for p in self.directory.glob("*.onnx") if NAME.fullmatch(p.stem)), key=_used)
        sizes = {path: _size(path) for path in paths}
        total = sum(sizes.values())
        for path in paths:
            if len(sizes) <= self.max_models and total <= self.max_bytes:
                break
            if path.stem == keep:
                continue
            for suffix in ("onnx", "json"):
                self._path(path.stem, suffix).unlink(missing_ok=True)
            total -= sizes.pop(path)


def _used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0
