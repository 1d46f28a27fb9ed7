"""The signal page's numbers view in Chromium: two short sequences flipped and slid cell by cell, each
product and the sum, y[n] filling in, numbers from the API (checked against numpy.convolve)."""

import json
from urllib.parse import unquote

import numpy as np
import pytest

pytestmark = pytest.mark.browser

# The default: x = [1, 2, 3], h = [0, 1, 0.5]; y = x ∗ h = [0, 1, 2.5, 4, 1.5]. With h flipped to
# [0.5, 1, 0] and slid along x padded by two zeros at each end:
#   k      −2  −1   0   1   2   3   4
#   x       0   0   1   2   3   0   0
#   n = 0: 0.5  1   0                    y[0] = 0×0.5 + 0×1 + 1×0 = 0
#   n = 1:     0.5  1   0                y[1] = 0×0.5 + 1×1 + 2×0 = 1
#   …
#   n = 4:                 0.5  1   0    y[4] = 3×0.5 + 0×1 + 0×0 = 1.5


def number(text):
    return float(text.replace("−", "-"))


def open_numbers(page, live_server, query=""):
    page.goto(f"{live_server}/signal?view=numbers{query}")
    page.locator("#sum-equation .result").wait_for()
    return page


def equation(page):
    """The equation's two rows, each as one line of text."""
    return [" ".join(row.split()) for row in page.locator("#sum-equation .eq-line").all_inner_texts()]


def outputs(page):
    return page.locator("[data-testid=seq-y] td:not(.pad)").all_inner_texts()


def position(page):
    return page.locator('[data-player="position"]').inner_text()


def focus_page(page):
    page.locator("#sum-formula").click()


def left_of(locator):
    return locator.bounding_box()["x"]


def test_the_default_sequences_open_at_n_0(page, live_server):
    open_numbers(page, live_server)
    assert position(page) == "step 1 / 5"
    assert equation(page) == ["y[0] = x[−2]·h[2] + x[−1]·h[1] + x[0]·h[0]", "= (0×0.5) + (0×1) + (1×0) = 0"]
    assert outputs(page) == ["0", "1", "2.5", "4", "1.5"]
    assert page.get_by_label("Input x[k]").input_value() == "1, 2, 3"
    assert page.get_by_label("Kernel h[k]").input_value() == "0, 1, 0.5"
    assert page.locator("#plots").is_hidden() and page.locator("#numbers-view").is_visible()
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_player_flips_and_slides_h_and_fills_y_step_by_step(page, live_server):
    open_numbers(page, live_server)
    x_cells = page.locator("[data-testid=seq-x] td")
    slider = page.locator("[data-testid=seq-slider] tr")
    # h is shown flipped, with its indices: h[2] h[1] h[0]
    assert slider.nth(0).locator("td .v").all_inner_texts() == ["0.5", "1", "0"]
    assert slider.nth(0).locator("td .badge").all_inner_texts() == ["h[2]", "h[1]", "h[0]"]
    focus_page(page)
    for n, (row, products, value) in enumerate([
        ("= (0×0.5) + (0×1) + (1×0) = 0", ["0", "0", "0"], "0"),
        ("= (0×0.5) + (1×1) + (2×0) = 1", ["0", "1", "0"], "1"),
        ("= (1×0.5) + (2×1) + (3×0) = 2.5", ["0.5", "2", "0"], "2.5"),
        ("= (2×0.5) + (3×1) + (0×0) = 4", ["1", "3", "0"], "4"),
        ("= (3×0.5) + (0×1) + (0×0) = 1.5", ["1.5", "0", "0"], "1.5"),
    ]):
        assert position(page) == f"step {n + 1} / 5"
        assert equation(page)[1] == row
        assert slider.nth(1).locator("td .v").all_inner_texts() == products
        # the window covers padded columns n … n + 2 of x, and the slid h stands right under it
        assert [int(td.get_attribute("data-c")) for td in x_cells.and_(page.locator(".win")).all()] == [n, n + 1, n + 2]
        page.wait_for_function(  # the slider glides (a short CSS transition) to its window
            "n => Math.abs(document.querySelector('[data-testid=seq-slider]').getBoundingClientRect().left"
            " - document.querySelectorAll('[data-testid=seq-x] td')[n].getBoundingClientRect().left) < 1.5", arg=n)
        # y is computed up to n: y[n] highlighted, the ones after it veiled
        y = page.locator("[data-testid=seq-y] td:not(.pad)")
        assert y.nth(n).get_attribute("class").split().count("win") == 1 and y.nth(n).inner_text() == value
        assert page.locator("[data-testid=seq-y] td.later").count() == 4 - n
        assert page.locator("#live").inner_text().endswith(f"= {value}")
        page.keyboard.press("ArrowRight")
    assert position(page) == "step 1 / 5"  # → after the last step wraps around, as on every page


def test_space_plays_the_steps_and_they_stay_in_the_link(page, live_server, browser):
    open_numbers(page, live_server)
    focus_page(page)
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('[data-player=position]').textContent === 'step 3 / 5'")
    page.keyboard.press("Space")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert "view=numbers" in page.url and "step=3" in page.url  # step 3 / 5, as the label counts
    other = browser.new_page()
    try:
        other.goto(page.url)
        other.locator("#sum-equation .result").wait_for()
        assert other.locator('[data-player="position"]').inner_text() == "step 3 / 5"
        assert other.locator("#sum-equation .result").inner_text() == "2.5"
    finally:
        other.close()


def capture_answers(page):
    """Every /api/convolve request body the page sends, with the answer it gets."""
    answers = []

    def keep(response):
        if response.url.endswith("/api/convolve"):
            answers.append((json.loads(response.request.post_data), response.json()))
    page.on("response", keep)
    return answers


@pytest.mark.parametrize("x, h", [
    ([1, 2, 3], [0, 1, 0.5]),
    ([4], [2]),
    ([1, -2, 3.5, 0, 2, 1], [0.25, -1, 2, 3, -0.5, 1]),
    ([2, 7, 1, 8], [1, -1]),
])
def test_the_numbers_come_from_the_api_and_equal_numpy_convolve(page, live_server, x, h):
    answers = capture_answers(page)
    query = f"&x={','.join(map(str, x))}&h={','.join(map(str, h))}"
    open_numbers(page, live_server, query)
    page.wait_for_load_state("networkidle")
    body, answer = answers[-1]
    assert body == {"input": [x], "kernel": [h], "padding": [0, len(h) - 1], "mode": "convolution", "trace": True}
    expected = np.convolve(x, h)
    np.testing.assert_allclose(answer["output"][0], expected, rtol=1e-6, atol=1e-9)
    # the page shows those numbers, to 2–3 significant decimals
    shown = [number(text) for text in outputs(page)]
    np.testing.assert_allclose(shown, expected, rtol=5e-3, atol=5e-3)
    assert len(shown) == len(x) + len(h) - 1


def test_typing_sequences_changes_y_and_the_link(page, live_server):
    open_numbers(page, live_server)
    x_field = page.get_by_label("Input x[k]")
    x_field.fill("2, \u22121")  # the page's own minus sign reads as a minus
    page.get_by_label("Kernel h[k]").fill("1 1 1")
    page.wait_for_function("document.querySelectorAll('[data-testid=seq-y] td:not(.pad)').length === 4")
    page.wait_for_load_state("networkidle")
    assert outputs(page) == ["2", "1", "1", "−1"]  # [2, −1] ∗ [1, 1, 1]
    assert "x=2,-1&h=1,1,1" in unquote(page.url)
    assert position(page) == "step 1 / 4"
    x_field.fill("1, a")
    assert x_field.get_attribute("aria-invalid") == "true"
    x_field.fill("1, 2, 3, 4, 5, 6, 7")  # seven numbers: one too many
    assert x_field.get_attribute("aria-invalid") == "true"
    assert outputs(page) == ["2", "1", "1", "−1"]  # nothing changed meanwhile
    x_field.press("Tab")  # leaving the field shows what is used
    assert x_field.input_value() == "2, -1" and x_field.get_attribute("aria-invalid") is None


def test_a_cell_of_x_can_be_typed_into(page, live_server):
    open_numbers(page, live_server)
    page.get_by_label("x[0]", exact=True).fill("5")
    page.wait_for_function("document.querySelector('[data-testid=seq-y] td:not(.pad)').nextElementSibling"
                           ".textContent === '5'")
    assert outputs(page) == ["0", "5", "4.5", "4", "1.5"]  # [5, 2, 3] ∗ [0, 1, 0.5]
    assert page.get_by_label("Input x[k]").input_value() == "5, 2, 3"
    assert "x=5,2,3" in unquote(page.url)


def test_swapping_x_and_h_keeps_y(page, live_server):
    open_numbers(page, live_server)
    page.get_by_role("button", name="Swap x and h").click()
    page.wait_for_function("new URL(location.href).searchParams.get('x') === '0,1,0.5'")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=seq-slider] tr").first.locator(".v").all_inner_texts() == ["3", "2", "1"]
    assert outputs(page) == ["0", "1", "2.5", "4", "1.5"]


def test_an_example_stays_named_until_a_sequence_changes(page, live_server):
    open_numbers(page, live_server)
    menu = page.locator('select[name="seq-example"]')
    assert menu.input_value() == "basic"
    menu.select_option(label="12 × 13 = 156: [1, 2] ∗ [1, 3]")
    page.wait_for_function("document.querySelectorAll('[data-testid=seq-y] td:not(.pad)').length === 3")
    page.wait_for_load_state("networkidle")
    assert outputs(page) == ["1", "5", "6"]
    assert menu.input_value() == "multiply"
    page.get_by_label("Kernel h[k]").fill("1, 4")
    assert menu.input_value() == ""


def test_hovering_y_shows_its_step_and_clicking_keeps_it(page, live_server):
    open_numbers(page, live_server)
    y3 = page.locator("[data-testid=seq-y] td:not(.pad)").nth(3)
    y3.hover()
    assert equation(page)[1] == "= (2×0.5) + (3×1) + (0×0) = 4"
    page.mouse.move(5, 5)
    assert equation(page)[1].endswith("= 0")
    y3.click()
    page.mouse.move(5, 5)
    assert position(page) == "step 4 / 5"


def test_hovering_a_term_points_at_its_two_cells(page, live_server):
    open_numbers(page, live_server, "&step=3")  # y[2]
    page.locator("#sum-equation .numbers .term").nth(1).hover()  # (2×1): x[1] and the h[1] under it
    focused = page.locator("[data-testid=seq-x] td.focus")
    assert focused.count() == 1 and focused.locator("input").input_value() == "2"
    assert page.locator("[data-testid=seq-slider] td.focus .v").all_inner_texts() == ["1", "2"]


def test_the_discrete_sum_stands_beside_the_integral(page, live_server):
    open_numbers(page, live_server)
    formula = page.locator("#sum-formula")
    assert formula.locator(".caption").all_inner_texts() == ["sequences: a sum over k", "functions: an integral over τ"]
    maths = formula.locator("math")
    assert " ".join(maths.nth(0).text_content().split()) == "y[n]=∑kx[k]·h[n−k]"
    assert "∫" in maths.nth(1).text_content() and "g(t−τ)" in maths.nth(1).text_content()


def test_switching_views_starts_each_at_its_first_step(page, live_server):
    page.goto(f"{live_server}/signal?step=27")
    page.locator("#value-conv").wait_for()
    page.get_by_label("numbers: a sum over k").check()
    page.locator("#sum-equation .result").wait_for()
    assert position(page) == "step 1 / 5"
    assert page.locator('[data-player="speed"]').input_value() == "2"  # one y[n] a second
    assert "view=numbers" in page.url and "step=" not in page.url
    assert page.get_by_role("button", name="Swap x and h").is_visible()
    page.get_by_label("functions: an integral over τ").check()
    page.locator("#value-conv").wait_for()
    assert position(page) == "step 1 / 51"
    assert page.locator("#numbers-view").is_hidden() and page.locator("#plots").is_visible()
    assert "view=" not in page.url


def test_korean_on_request(page, live_server):
    open_numbers(page, live_server, "&lang=ko&step=3")
    assert page.get_by_label("숫자: k에 대한 합").is_checked()
    assert page.get_by_role("button", name="x와 h 바꾸기").is_visible()
    assert page.locator("#sum-formula .caption").first.inner_text() == "수열: k에 대한 합"
    assert page.locator('[data-player="position"]').inner_text() == "5단계 중 3단계"
    assert page.locator("#explain-step").inner_text().startswith("지금 n = 2입니다.")
    assert page.console_errors == []


def test_presentation_mode_enlarges_the_cells_and_the_equation(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_numbers(page, live_server)
    size = "parseFloat(getComputedStyle(document.querySelector('#sum-equation .result')).fontSize)"
    cell = "document.querySelector('[data-testid=seq-x] td').getBoundingClientRect().width"
    before = (page.evaluate(size), page.evaluate(cell))
    focus_page(page)
    page.keyboard.press("p")
    after = (page.evaluate(size), page.evaluate(cell))
    assert after[0] >= 48 and after[0] > before[0] and after[1] > before[1]
    assert not page.locator(".controls").is_visible()
    assert "present=1" in page.url
    # the whole view and the player fit on the screen
    assert page.locator('[data-player="play"]').bounding_box()["y"] + 40 < 1080


def overflow(page, selector):
    return page.evaluate("s => (e => e.scrollWidth - e.clientWidth)(document.querySelector(s))", selector)


LONGEST = "&x=1,-2,3.5,0,2,1&h=0.25,-1,2,3,-0.5,1"  # 6 ∗ 6: x padded to 16 cells, y of 11


@pytest.mark.parametrize("width, height, query", [
    (390, 844, ""), (1280, 720, ""), (1920, 1080, ""), (1280, 720, LONGEST), (1920, 1080, LONGEST),
    (1280, 720, LONGEST + "&present=1"),
])
def test_fits_without_horizontal_scrolling(page, live_server, width, height, query):
    page.set_viewport_size({"width": width, "height": height})
    open_numbers(page, live_server, query)
    for selector in ["html", ".sequences", "#sum-equation"]:
        assert overflow(page, selector) <= 0, selector


def test_on_a_phone_the_longest_sequences_scroll_in_their_own_box(page, live_server):
    # 16 columns of readable numbers are wider than a phone: the cells keep the 12-px floor and their
    # box scrolls sideways, while the page itself does not; so does the sum of eleven terms.
    page.set_viewport_size({"width": 390, "height": 844})
    open_numbers(page, live_server, LONGEST)
    assert overflow(page, "html") <= 0
    assert overflow(page, ".sequences") > 0
    numbers = page.evaluate("""() => [...document.querySelectorAll('.sequences td')]
      .map((cell) => parseFloat(getComputedStyle(cell).fontSize))""")
    assert numbers and min(numbers) >= 12
    symbols = page.evaluate("""() => [...document.querySelectorAll('#sum-equation .symbols > *')]
      .map((part) => parseFloat(getComputedStyle(part).fontSize))""")
    assert symbols and min(symbols) >= 12


def test_the_numbers_view_runs_under_the_pages_policy(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # no CSP bypass here
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    try:
        response = page.goto(f"{live_server}/signal?view=numbers")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.locator("#sum-equation .result").wait_for()
        page.locator("#sum-formula").click()
        page.keyboard.press("ArrowRight")  # the slider moves: a style set from the script
        page.wait_for_load_state("networkidle")
        assert "translateX" in page.locator("#seq-slider").evaluate("e => e.style.transform")
    finally:
        context.close()
    assert problems == []
