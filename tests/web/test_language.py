"""Language and presentation mode follow the reader from page to page; Korean reads and breaks as
Korean should; the network's layers and /docs speak the page's language."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

TOPBAR = "header.topbar"


def query(page) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlsplit(page.url).query).items()}


def bar_in_view(page) -> bool:
    return page.evaluate(f"document.querySelector('{TOPBAR}').getBoundingClientRect().bottom > 1")


def reveal_the_bar(page):
    """Presentation mode: the pointer at the top edge brings the navigation down."""
    page.mouse.move(640, 4)
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().top >= 0")


def nav_link(page, name):
    return page.get_by_role("navigation").get_by_role("link", name=name, exact=True)


# ---- 1. ?lang= and present=1 stick ------------------------------------------------------------------

def test_a_page_opened_with_lang_sets_the_cookie_so_the_next_address_is_in_that_language(page, live_server):
    page.goto(live_server + "/signal?lang=ko")
    cookie = next(c for c in page.context.cookies() if c["name"] == "lang")
    assert (cookie["value"], cookie["path"], cookie["httpOnly"]) == ("ko", "/", True)
    page.goto(live_server + "/convolution")  # typed without ?lang=
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", level=1).inner_text() == "합성곱"


def test_in_presentation_mode_the_bar_waits_above_the_stage_and_the_pointer_brings_it(page, live_server):
    page.goto(live_server + "/convolution?lang=ko&present=1")
    page.locator("#equation").wait_for()
    assert not bar_in_view(page)
    reveal_the_bar(page)
    nav_link(page, "풀링").click()
    page.wait_for_url("**/pooling?**")
    assert query(page)["lang"] == "ko" and query(page)["present"] == "1"
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "present" in page.locator("body").get_attribute("class")
    page.mouse.move(640, 400)  # away from the top edge: the bar goes back up
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().bottom <= 1")


def test_in_presentation_mode_the_keyboard_reaches_the_navigation(page, live_server):
    page.goto(live_server + "/pooling?present=1")
    page.locator("#equation .result").wait_for()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Signal":
            break
    assert page.evaluate("document.activeElement.closest('nav') !== null")
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    page.wait_for_url("**/signal?**")
    assert query(page)["present"] == "1"
    assert "present" in page.locator("body").get_attribute("class")


def test_links_follow_presentation_mode_as_p_turns_it_on_and_off(page, live_server):
    page.goto(live_server + "/activation?lang=ko")
    page.get_by_role("heading", level=1).wait_for()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")
    reveal_the_bar(page)
    nav_link(page, "합성곱").click()
    page.wait_for_url("**/convolution?**")
    assert query(page)["present"] == "1" and query(page)["lang"] == "ko"
    page.locator("#equation").wait_for()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")  # presentation mode off: the links stop asking for it
    nav_link(page, "신호").click()
    page.wait_for_url("**/signal?**")
    assert "present" not in query(page) and query(page)["lang"] == "ko"


def test_the_home_page_cards_and_brand_keep_the_language(page, live_server):
    page.goto(live_server + "/?lang=ko")
    page.locator(".explorer-cards a", has_text="신경망").click()
    page.wait_for_url("**/network?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "신경망"
    page.get_by_role("link", name="ConvScope", exact=True).click()
    page.wait_for_url(re.compile(r"/\?lang=ko$"))


def test_the_language_switch_keeps_the_view_and_presentation_mode(page, live_server):
    page.goto(live_server + "/pooling?size=3,3&present=1")
    page.locator("#equation .result").wait_for()
    before = query(page)
    reveal_the_bar(page)
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url("**lang=ko**")
    page.locator("#equation .result").wait_for()
    assert query(page) == {**before, "lang": "ko"}
    assert page.locator("h1").text_content() == "풀링"
    assert next(c["value"] for c in page.context.cookies() if c["name"] == "lang") == "ko"
