"""Where the web assets are: inside the installed package, or at the top of a source checkout."""

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _asset_dir(name: str) -> Path:
    installed = _PACKAGE / name  # a wheel carries static/ and templates/ inside the package
    return installed if installed.is_dir() else _PACKAGE.parent / name


STATIC_DIR = _asset_dir("static")
TEMPLATES_DIR = _asset_dir("templates")
