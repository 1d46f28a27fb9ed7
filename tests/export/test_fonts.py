"""Text comes from the server's fonts. Without a Korean one, Korean labels fall back to English and the
response says so; without any TrueType font, Pillow's built-in font draws ASCII for the signs it lacks."""

import xml.etree.ElementTree as ET

import pytest

from app.web.export.fonts import FontSet, find_files, server_fonts

from .helpers import differ, image

HEADER = "x-convscope-font-fallback"


@pytest.fixture
def fonts_without(client):
    """Serve with the server's fonts minus some roles (none at all: every role)."""
    def use(*roles: str, everything: bool = False) -> None:
        files = {} if everything else {r: p for r, p in server_fonts().files.items() if r not in roles}
        client.app.dependency_overrides[server_fonts] = lambda: FontSet(files)

    yield use
    client.app.dependency_overrides.clear()


def test_korean_without_a_korean_font_is_english_and_says_so(client, fonts_without):
    fonts_without("korean-bold")
    korean = client.get("/convolution.png?lang=ko&scale=1")
    english = client.get("/convolution.png?lang=en&scale=1")
    assert korean.status_code == 200
    assert "ko" in korean.headers[HEADER] and "English" in korean.headers[HEADER]
    assert HEADER not in english.headers
    assert not differ(image(korean.content), image(english.content))


@pytest.mark.skipif(not server_fonts().korean, reason="this machine has no Korean font to draw with")
def test_korean_with_a_korean_font_is_korean(client):
    korean = client.get("/convolution.png?lang=ko&scale=1")
    assert HEADER not in korean.headers
    assert differ(image(korean.content), image(client.get("/convolution.png?scale=1").content))
    svg = ET.fromstring(client.get("/convolution.svg?lang=ko&step=3").content)
    assert "4단계 중 3단계" in ["".join(text.itertext()) for text in svg.iter("{http://www.w3.org/2000/svg}text")]


def test_without_any_font_the_built_in_one_draws_ascii_and_says_so(client, fonts_without):
    fonts_without(everything=True)
    for extension in ("png", "gif"):
        response = client.get(f"/convolution.{extension}?scale=1")
        assert response.status_code == 200 and "built-in" in response.headers[HEADER]
    svg = ET.fromstring(client.get("/convolution.svg").content)
    lines = ["".join(text.itertext()) for text in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "(1x1) + (2x1) + (4x0) + (5x2) = 13" in lines


def test_fonts_are_found_by_file_name_in_the_directories_given(tmp_path):
    assert find_files((str(tmp_path),)) == {}
    (tmp_path / "truetype" / "noto").mkdir(parents=True)
    (tmp_path / "truetype" / "noto" / "NotoSansMono-Regular.ttf").touch()
    (tmp_path / "LiberationMono-Regular.ttf").touch()  # Noto comes first in the list, wherever it lies
    assert find_files((str(tmp_path),)) == {"mono": str(tmp_path / "truetype" / "noto" / "NotoSansMono-Regular.ttf")}


def test_the_built_in_font_gets_ascii_for_the_signs_it_lacks():
    assert FontSet({}).printable("mono", "(2×−1) Σ", 12) == "(2x-1) sum "


def test_a_stand_in_the_font_lacks_too_is_stood_in_for_in_turn():
    builtin = FontSet({})
    assert builtin.printable("mono", "(f∗g) (f⋆g)", 12) == "(f*g) (f*g)"  # ⋆ → ☆, which it lacks too → *
    assert builtin.draws("mono", "(f⋆g)", 12) and not builtin.draws("mono", "넓이", 12)


def test_korean_words_in_a_plot_are_drawn_in_the_korean_font(client):
    svg = ET.fromstring(client.get("/signal.svg?lang=ko&xc=1&step=31").content)
    texts = {"".join(text.itertext()): text.get("font-family") for text in svg.iter("{http://www.w3.org/2000/svg}text")}
    area = next(words for words in texts if words.startswith("넓이"))
    assert "Nanum" in texts[area] or "Noto Sans KR" in texts[area]  # not the monospace font, which has no Hangul
