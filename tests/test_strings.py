"""Every page string exists in English and Korean, and every key a template uses exists."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STRINGS = sorted((ROOT / "app/web/strings").glob("*.json"))


@pytest.mark.parametrize("path", STRINGS, ids=lambda p: p.stem)
def test_english_and_korean_have_the_same_keys_and_no_empty_text(path):
    strings = json.loads(path.read_text(encoding="utf-8"))
    assert set(strings) == {"en", "ko"}
    assert set(strings["en"]) == set(strings["ko"])
    assert all(text.strip() for lang in strings.values() for text in lang.values())


def test_korean_is_actually_korean():
    for path in STRINGS:
        ko = json.loads(path.read_text(encoding="utf-8"))["ko"]
        hangul = [text for text in ko.values() if re.search("[가-힣]", text)]
        assert len(hangul) >= len(ko) * 0.6, path.stem


def test_every_key_a_template_uses_exists():
    common = json.loads((ROOT / "app/web/strings/common.json").read_text())["en"]
    for template in (ROOT / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        page = template.stem if (ROOT / f"app/web/strings/{template.stem}.json").exists() else None
        own = json.loads((ROOT / f"app/web/strings/{page}.json").read_text())["en"] if page else {}
        for key in re.findall(r"t\['([\w.]+)'\]", text):
            if key.startswith("page."):
                if page:  # explorer.html and base.html use page keys of whichever page extends them
                    assert key[5:] in own, f"{template.name}: {key}"
            else:
                assert key in common, f"{template.name}: {key}"
