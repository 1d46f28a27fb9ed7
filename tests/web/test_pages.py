"""Pages load in Chromium with no console error and no request off the machine."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_loads_offline_and_clean(page, live_server):
    page.goto(live_server + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "See what a convolutional network does"
    assert page.locator(".sum").inner_text() == "(1×1) + (2×1) + (4×0) + (5×2) = 13"
    page.get_by_role("link", name="interactive API docs").click()
    page.wait_for_url("**/docs")
    page.get_by_text("/api/convolve").first.wait_for()
    assert page.console_errors == []
    assert page.offsite_requests == []


def test_docs_try_it_out_runs_the_seed_example(page, live_server):
    page.goto(live_server + "/docs")
    page.get_by_text("/api/convolve").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.locator(".responses-wrapper .live-responses-table").wait_for()
    body = page.locator(".live-responses-table .response-col_description pre").first.inner_text()
    assert '"output"' in body and "13" in body and "29" in body
    assert page.offsite_requests == []


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 720), (1920, 1080)])
def test_home_page_fits_without_horizontal_scrolling(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0


def test_home_page_links_every_explorer_with_a_line_each(page, live_server):
    page.goto(live_server + "/")
    cards = page.locator(".explorer-cards a")
    hrefs = [cards.nth(i).get_attribute("href").removeprefix(live_server) for i in range(cards.count())]
    assert hrefs == ["/convolution", "/transposed", "/pooling", "/activation", "/signal", "/network"]
    assert all(len(cards.nth(i).locator("span").inner_text()) > 30 for i in range(cards.count()))


def test_home_page_in_korean(page, live_server):
    page.goto(live_server + "/?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "합성곱 신경망이 하는 일을 눈으로 보세요"
    assert page.get_by_role("link", name="대화형 API 문서").is_visible()


def _dotted_keys() -> set[str]:
    """Every dotted string key, as a script would ask for it (page files' keys start with "page.")."""
    import json
    from pathlib import Path

    keys = set()
    for path in (Path(__file__).resolve().parents[2] / "app/web/strings").glob("*.json"):
        own = json.loads(path.read_text(encoding="utf-8"))["en"]
        keys |= set(own) if path.stem == "common" else {f"page.{key}" for key in own}
    return {key for key in keys if "." in key}


# Pages embed only the strings their scripts ask for (found by scanning the scripts): a key the
# scan missed would show through as the key itself. Steps and hover fill in the step texts.
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("path", ["/convolution", "/transposed", "/pooling", "/activation", "/signal", "/network"])
def test_no_string_key_shows_through_as_text(page, live_server, path, lang):
    import re

    page.goto(f"{live_server}{path}?lang={lang}")
    page.wait_for_load_state("networkidle")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")
    page.wait_for_load_state("networkidle")
    shown = page.evaluate("""() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title]')]
      .map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)].join('\\n')""")
    leaked = {key for key in _dotted_keys() if re.search(rf"(?<![\w.]){re.escape(key)}(?![\w.])", shown)}
    assert leaked == set()
    assert page.console_errors == []


@pytest.mark.parametrize("path", ["/convolution", "/transposed", "/pooling", "/activation", "/signal", "/network"])
def test_the_speed_slider_starts_where_the_player_does(page, live_server, path):
    page.goto(f"{live_server}{path}")
    page.wait_for_load_state("networkidle")
    speed = page.locator('[data-player="speed"]')
    # The template's value (what shows before the scripts run) against the one the player has set.
    assert speed.get_attribute("value") == speed.input_value()
    assert page.console_errors == []
