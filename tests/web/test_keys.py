"""The keys in Chromium: they work whatever has the focus (typing aside), a presenter remote's keys,
the blank screen, and the URL's step counted as the label counts it."""

import pytest

pytestmark = pytest.mark.browser

PLAY = '[data-player="play"]'
POSITION = '[data-player="position"]'


def open_convolution(page, live_server, query=""):
    page.goto(f"{live_server}/convolution{query}")
    page.locator("#equation .result").wait_for()
    return page


def position(page):
    return page.locator(POSITION).inner_text()


def result(page):
    return page.locator("#equation .result").inner_text()


def playing(page):
    return page.locator(PLAY).get_attribute("aria-label") == "Pause (Space)"


# ---- 1. the keys work whatever has the focus ---------------------------------------------------

def test_after_a_click_on_a_checkbox_space_plays_instead_of_ticking_it(page, live_server):
    open_convolution(page, live_server)
    coverage = page.get_by_label("Show coverage: how many windows use each input cell")
    coverage.click()
    assert coverage.is_checked()
    page.keyboard.press("Space")
    assert playing(page)
    page.keyboard.press("Space")
    assert not playing(page)
    assert coverage.is_checked()  # Space went to the player, not to the box


def test_after_a_click_on_a_radio_the_arrows_step_instead_of_moving_the_radio(page, live_server):
    open_convolution(page, live_server)
    xcorr = page.get_by_label("cross-correlation")
    xcorr.click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert position(page) == "step 3 / 4" and result(page) == "25"
    page.keyboard.press("ArrowLeft")
    assert position(page) == "step 2 / 4"
    assert xcorr.is_checked()
    assert "m=conv" not in page.url


def test_after_a_click_on_a_button_space_plays_and_does_not_press_it_again(page, live_server):
    open_convolution(page, live_server)
    page.get_by_role("button", name="Next step (→)").click()
    assert position(page) == "step 2 / 4"
    page.keyboard.press("Space")  # a second press of the button would show step 3
    assert playing(page)
    page.keyboard.press("Space")
    assert not playing(page) and position(page) == "step 2 / 4"


def test_on_a_select_or_a_slider_every_shortcut_is_the_explorers(page, live_server):
    open_convolution(page, live_server)
    page.locator('select[name="paddingMode"]').focus()
    page.keyboard.press("End")
    assert position(page) == "step 4 / 4"
    page.keyboard.press("Home")
    assert position(page) == "step 1 / 4"
    assert page.locator('select[name="paddingMode"]').input_value() == "zeros"
    speed = page.locator('[data-player="speed"]')
    speed.focus()
    page.keyboard.press("+")
    assert speed.input_value() == "3"
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert speed.input_value() == "1"
    page.keyboard.press("ArrowRight")  # the player steps; the slider stays
    assert position(page) == "step 2 / 4" and speed.input_value() == "1"
    page.keyboard.press("p")
    assert page.locator("body.present").count() == 1
    assert "present=1" in page.url
    page.keyboard.press("P")
    assert page.locator("body.present").count() == 0


def test_typing_in_a_field_types_and_esc_hands_the_keys_back(page, live_server):
    open_convolution(page, live_server)
    stride = page.get_by_label("Stride: rows")
    stride.click()
    page.keyboard.press("ArrowRight")  # moves the caret, not the player
    page.keyboard.press("p")
    assert page.locator("body.present").count() == 0 and position(page) == "step 1 / 4"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement === document.body")
    page.keyboard.press("ArrowRight")
    assert position(page) == "step 2 / 4"
    bias = page.get_by_label("Bias")
    bias.click()
    bias.fill("")
    page.keyboard.type("1.5")  # "." blanks the screen elsewhere; here it is a decimal point
    assert bias.input_value() == "1.5"
    assert page.locator("dialog.blank-screen").count() == 0


def test_a_control_reached_with_tab_keeps_its_own_keys(page, live_server):
    """So that the page still works from the keyboard alone: Tab to a box, Space ticks it."""
    open_convolution(page, live_server)
    page.get_by_label("convolution (kernel turned 180°)").focus()
    page.keyboard.press("Tab")
    coverage = page.get_by_label("Show coverage: how many windows use each input cell")
    assert page.evaluate("document.activeElement.name") == coverage.get_attribute("name")
    page.keyboard.press("Space")
    assert coverage.is_checked() and not playing(page)
    page.keyboard.press("p")  # not a key of the box: the explorer's
    assert page.locator("body.present").count() == 1


def test_f_after_a_click_on_a_checkbox_goes_full_screen(page, live_server):
    open_convolution(page, live_server)
    page.get_by_label("Show coverage: how many windows use each input cell").click()
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === document.documentElement")
    page.keyboard.press("F")
    page.wait_for_function("document.fullscreenElement === null")


# ---- 2. a presenter remote: Page keys step, B and . blank the screen -----------------------------

def test_page_down_and_page_up_step_as_the_arrows_do(page, live_server):
    open_convolution(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    assert position(page) == "step 3 / 4" and result(page) == "25"
    page.keyboard.press("PageUp")
    assert position(page) == "step 2 / 4" and result(page) == "17"


@pytest.mark.parametrize("key", ["b", "B", "."])
def test_b_or_period_blanks_the_screen_and_any_key_brings_it_back(page, live_server, key):
    open_convolution(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press(key)
    curtain = page.locator("dialog.blank-screen")
    assert curtain.is_visible()
    assert curtain.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(0, 0, 0)"
    box = curtain.bounding_box()
    assert (box["width"], box["height"]) == (1280, 720)
    assert curtain.get_attribute("aria-label") == "Blank screen: press any key to bring the page back"
    page.keyboard.press("Space")  # brings the page back, and does nothing else
    assert curtain.count() == 0
    assert not playing(page)
    page.keyboard.press("ArrowRight")
    assert position(page) == "step 2 / 4"


def test_a_click_also_brings_the_page_back(page, live_server):
    open_convolution(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("b")
    page.mouse.click(600, 300)
    assert page.locator("dialog.blank-screen").count() == 0


def test_the_help_lists_the_remote_and_lecture_keys(page, live_server):
    open_convolution(page, live_server, "?lang=ko")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("?")
    help_list = page.locator("#help")
    assert help_list.is_visible()
    text = help_list.inner_text()
    assert "PgDn" in text and "Shift" in text and "화면 가리기" in text and "강의의 다음 화면" in text
    page.keyboard.press("Escape")
    assert not help_list.is_visible()


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
            other.locator(f"#equation .result:text-is('{value}')").wait_for()
            assert other.locator(POSITION).inner_text() == label, query
    finally:
        other.close()
