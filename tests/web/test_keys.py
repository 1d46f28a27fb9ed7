"""The keys in Chromium, and the URL's step counted as the label counts it."""

import pytest

pytestmark = pytest.mark.browser

POSITION = '[data-player="position"]'


def open_convolution(page, live_server, query=""):
    page.goto(f"{live_server}/convolution{query}")
    page.locator("#equation .result").wait_for()
    return page


def position(page):
    return page.locator(POSITION).inner_text()


def result(page):
    return page.locator("#equation .result").inner_text()


# ---- 4. the URL's step is the step the label shows -----------------------------------------------

def test_the_urls_step_is_the_one_the_label_shows(page, live_server, browser):
    open_convolution(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert position(page) == "step 3 / 4"
    assert "step=3" in page.url
    page.keyboard.press("Home")
    assert "step=" not in page.url  # the first step needs no parameter
    other = browser.new_page()
    try:
        for query, label, value in [("?step=3", "step 3 / 4", "25"), ("?step=1", "step 1 / 4", "13"),
                                    ("?step=0", "step 1 / 4", "13"), ("?step=9", "step 4 / 4", "29")]:
            other.goto(f"{live_server}/convolution{query}")
            other.wait_for_function(f"document.querySelector('#equation .result')?.textContent === '{value}'")
            assert other.locator(POSITION).inner_text() == label, query
    finally:
        other.close()
