"""Predict mode (Q) in Chromium: the current output cell is hidden until the student types its value,
which is checked allowing for rounding and scored; on convolution, pooling, activation and the
network's drill-down, and kept in the URL."""

import re

import pytest

pytestmark = pytest.mark.browser

ANSWER = '[data-testid="answer"] input'
STATUS = "#predict-status"
POSITION = '[data-player="position"]'


def open_page(page, url, ready="#equation .result"):
    page.goto(url)
    page.locator(ready).first.wait_for()
    return page


def cell(page, grid, row, col):
    return page.locator(f'[data-testid="{grid}"] tr').nth(row).locator("td").nth(col)


def veil(page, grid, row, col):
    """What covers a cell: the ::after's content and background (none when nothing does)."""
    return cell(page, grid, row, col).evaluate(
        "td => { const s = getComputedStyle(td, '::after'); return [s.content, s.backgroundColor]; }")


def answer(page, text):
    field = page.locator(ANSWER)
    field.fill(text)
    field.press("Enter")


def status(page):
    """The score, beside the player (hidden until the first try)."""
    return page.locator(STATUS).inner_text() if page.locator(STATUS).is_visible() else ""


def verdict(page):
    """What was wrong with the last try, beside the answer box."""
    return page.locator('[data-testid="answer"] .verdict').inner_text()


def opaque(colour):
    """rgb(...) is opaque; rgba(..., a) with a < 1 lets the number show through."""
    return colour.startswith("rgb(")


# ---- convolution -----------------------------------------------------------------------------------

def test_q_hides_the_current_cell_and_asks_for_it_where_the_equation_would_write_it(page, live_server):
    open_page(page, f"{live_server}/convolution")
    page.keyboard.press("q")
    assert "predict=1" in page.url
    assert page.locator("body.predicting").count() == 1
    assert page.locator('[data-action="predict"]').get_attribute("aria-pressed") == "true"
    # the cell being worked out shows "?", on an opaque ground: the 13 under it cannot be read
    content, background = veil(page, "output-0", 0, 0)
    assert content == '"?"' and opaque(background)
    # the cells not reached yet are hidden too, not faded
    for row, col in [(0, 1), (1, 0), (1, 1)]:
        content, background = veil(page, "output-0", row, col)
        assert content == '""' and opaque(background)
    # the value is nowhere on the page: not in the equation, the definition, the explanation or the legend
    assert page.locator("#equation .result").count() == 0
    assert "13" not in page.locator("#equation").inner_text()
    assert "13" not in page.locator("#definition").inner_text()
    assert "13" not in page.locator("#explain-step").inner_text()
    assert page.locator("#output-legend").evaluate("e => getComputedStyle(e).visibility") == "hidden"
    # the answer box has the keys: the student just types
    assert page.evaluate("document.activeElement.closest('[data-testid=answer]') !== null")


def test_answers_are_checked_scored_and_a_right_one_moves_on(page, live_server):
    open_page(page, f"{live_server}/convolution?predict=1", ready=ANSWER)
    page.locator(ANSWER).click()
    answer(page, "12")
    assert verdict(page) == "✗ Not 12" and status(page) == "Score 0/1"
    assert page.locator(ANSWER).get_attribute("aria-invalid") == "true"
    assert page.locator(POSITION).inner_text() == "step 1 / 4"
    page.keyboard.type("13")  # the wrong answer is selected: typing replaces it
    page.keyboard.press("Enter")
    assert status(page) == "Score 1/2"
    assert page.locator(POSITION).inner_text() == "step 2 / 4"
    assert verdict(page) == ""  # a new question, a clean box
    assert cell(page, "output-0", 0, 0).inner_text() == "13"
    assert veil(page, "output-0", 0, 0)[0] == "none"
    assert veil(page, "output-0", 0, 1)[0] == '"?"'
    # the next question has the keys at once
    page.keyboard.type("17")
    page.keyboard.press("Enter")
    assert page.locator(POSITION).inner_text() == "step 3 / 4" and status(page) == "Score 2/3"


def test_the_arrow_or_a_remote_shows_the_answer_first_then_moves_on(page, live_server):
    open_page(page, f"{live_server}/convolution?predict=1", ready=ANSWER)
    page.locator(ANSWER).click()
    page.keyboard.press("PageDown")  # a remote's key, even while the answer box has the focus
    assert page.locator("#equation .result").inner_text() == "13"
    assert cell(page, "output-0", 0, 0).inner_text() == "13" and veil(page, "output-0", 0, 0)[0] == "none"
    assert page.locator(POSITION).inner_text() == "step 1 / 4"
    page.keyboard.press("ArrowRight")
    assert page.locator(POSITION).inner_text() == "step 2 / 4"
    assert page.locator(ANSWER).count() == 1
    assert status(page) == ""  # a reveal is not a try


def test_predict_mode_comes_back_with_the_link_and_q_ends_it(page, live_server):
    open_page(page, f"{live_server}/convolution?predict=1&step=2", ready=ANSWER)
    assert page.locator("#equation .result").count() == 0
    page.keyboard.press("q")  # the box waits for a click when the page opens: Q is the explorer's
    assert "predict" not in page.url
    assert page.locator("body.predicting").count() == 0
    assert page.locator("#equation .result").inner_text() == "17"
    assert page.locator(STATUS).is_hidden()


def test_a_fraction_asks_for_a_decimal_and_the_sum_of_the_numbers_as_written_is_right_too(page, live_server):
    """Four cells of 1.006 under a kernel of ones: the value is 4.024 ("4.02"), but a student who adds
    the numbers as the page writes them (1.01) gets 4.04, which is right too."""
    query = "in=1.006,1.006;1.006,1.006&k=1,1;1,1&predict=1"
    open_page(page, f"{live_server}/convolution?{query}", ready=ANSWER)
    assert "(1.01×1)" in page.locator("#equation").inner_text()
    answer(page, "4")
    assert verdict(page) == "Close: give one decimal at least" and status(page) == ""  # not a try
    answer(page, "4.03")
    assert verdict(page) == "✗ Not 4.03"
    answer(page, "4.04")
    assert status(page) == "Score 1/2" and page.locator("#equation .result").inner_text() == "4.02"


# ---- pooling ---------------------------------------------------------------------------------------

def test_max_pooling_hides_the_winner_while_it_asks(page, live_server):
    open_page(page, f"{live_server}/pooling?predict=1", ready=ANSWER)
    assert page.locator("td.winner").count() == 0
    assert page.locator("#equation .winner").count() == 0
    assert page.locator('[data-testid="input-0"] .badge:text("max")').count() == 0
    answer(page, "6")
    assert status(page) == "Score 1/1"
    page.keyboard.press("Escape")
    page.keyboard.press("ArrowLeft")  # back to the answered step: the winner is shown again
    assert page.locator("#equation .winner").inner_text() == "6"


def test_average_pooling_takes_a_rounded_mean_and_asks_for_a_decimal(page, live_server):
    open_page(page, f"{live_server}/pooling?kind=avg&predict=1", ready=ANSWER)
    answer(page, "4")  # (1 + 3 + 5 + 6) ÷ 4 = 3.75
    assert verdict(page) == "Close: give one decimal at least"
    answer(page, "3.8")
    assert status(page) == "Score 1/1" and page.locator(POSITION).inner_text() == "step 2 / 4"
    assert cell(page, "output-0", 0, 0).inner_text() == "3.75"


# ---- activation ------------------------------------------------------------------------------------

def test_activation_asks_for_the_function_value_and_hides_it_on_the_curve(page, live_server):
    open_page(page, f"{live_server}/activation?predict=1", ready=ANSWER)
    assert page.locator("#value .result").count() == 0
    assert "?" in page.locator("#curve").text_content()
    assert veil(page, "map-after", 0, 0)[0] == '"?"'
    answer(page, "0")  # ReLU(−3)
    assert status(page) == "Score 1/1"
    assert page.locator(POSITION).inner_text() == "step 2 / 25"
    assert cell(page, "map-after", 0, 0).locator(".v").inner_text() == "0"


# ---- the network's drill-down ----------------------------------------------------------------------

def test_a_convolution_cell_of_the_network_is_asked_and_its_written_sum_is_right(page, live_server):
    open_page(page, f"{live_server}/network?map=1,0&predict=1", ready=ANSWER)
    assert page.locator('[data-testid="channel-0"] .partial').inner_text() == "?"
    # work it out as a student would: from the products and the bias as the equation writes them
    text = page.locator("#equation").inner_text().replace("\u2212", "-")
    products = re.findall(r"\((-?[\d.]+)×(-?[\d.]+)\)", text)
    bias = float(re.search(r"bias (-?[\d.]+)", text).group(1))
    assert len(products) == 9
    total = sum(float(a) * float(b) for a, b in products) + bias
    answer(page, f"{total:.2f}")
    assert status(page) == "Score 1/1", verdict(page)


def test_a_dense_layer_is_not_asked_since_most_of_its_terms_are_not_shown(page, live_server):
    open_page(page, f"{live_server}/network?map=8,3&predict=1")
    assert page.locator(ANSWER).count() == 0
    assert page.locator("body.predicting").count() == 1


def test_pages_without_predict_mode_have_no_q(page, live_server):
    open_page(page, f"{live_server}/signal?predict=1", ready='[data-player="play"]')
    assert page.locator('[data-action="predict"]').count() == 0
    page.keyboard.press("q")
    assert page.locator("body.predicting").count() == 0
