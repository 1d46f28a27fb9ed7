"""The pooling page in Chromium: the worked example, max and average, the winner, URL state, languages."""

import numpy as np
import pytest

from .pytorch_code import install_stand_in, result_of

pytestmark = pytest.mark.browser

# The worked example: max pooling 2×2, stride 2 over
#   1 3 | 2 4
#   5 6 | 1 2         6 4
#   ----+----   ->    8 9
#   7 2 | 9 0
#   1 8 | 3 4


def result(page):
    return page.locator("#equation .result").inner_text()


def equation(page):
    return page.locator("#equation").inner_text().replace("\n", "")


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/pooling{query}")
    page.locator("#equation .result").wait_for()
    return page


def focus_the_page(page):
    page.locator("body").click(position={"x": 5, "y": 300})


def test_opens_on_the_worked_example_with_no_error_and_nothing_off_the_machine(page, live_server):
    open_page(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "Pooling"
    assert equation(page) == "max(1, 3, 5, 6) = 6"
    outputs = page.locator("[data-testid=output-0] td").all_inner_texts()
    assert outputs == ["6", "4", "8", "9"]
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_keyboard_steps_through_6_4_8_9(page, live_server):
    open_page(page, live_server)
    focus_the_page(page)
    seen = [result(page)]
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        seen.append(result(page))
    assert seen == ["6", "4", "8", "9"]
    assert equation(page) == "max(9, 0, 3, 4) = 9"
    page.keyboard.press("Home")
    assert result(page) == "6"
    page.keyboard.press("End")
    assert result(page) == "9"
    page.keyboard.press("ArrowLeft")
    assert result(page) == "8"
    assert page.locator("#live").inner_text() == (
        "Step 3 of 4: output row 1, column 0 is the largest of 7, 2, 1, 8, which is 8, "
        "found at input row 3, column 1.")


def test_the_winner_is_marked_on_its_cell_and_in_the_equation(page, live_server):
    open_page(page, live_server)
    winner = page.locator("[data-testid=input-0] td.winner")
    assert winner.count() == 1
    assert (winner.get_attribute("data-r"), winner.get_attribute("data-c")) == ("1", "1")
    assert winner.locator("input").input_value() == "6"
    assert winner.locator(".badge").inner_text() == "max"
    assert page.locator("#equation .winner").inner_text() == "6"
    focus_the_page(page)
    page.keyboard.press("ArrowRight")  # window [[2, 4], [1, 2]]: 4 wins at row 0, column 3
    assert (winner.get_attribute("data-r"), winner.get_attribute("data-c")) == ("0", "3")
    assert page.locator("[data-testid=input-0] td.win").count() == 4


def test_average_pooling_shows_sum_divided_by_count(page, live_server):
    open_page(page, live_server)
    page.get_by_label("average: sum ÷ count").check()
    page.wait_for_function("document.querySelector('#equation .result')?.textContent === '3.75'")
    assert equation(page) == "(1 + 3 + 5 + 6) ÷ 4 = 3.75"
    assert page.locator("[data-testid=input-0] td.winner").count() == 0
    assert page.locator("[data-testid=output-0] td").all_inner_texts() == ["3.75", "2.25", "4.5", "4"]
    assert "adds them up (15)" in page.locator("#explain-step").inner_text()


def test_max_pooling_pads_with_minus_infinity(page, live_server):
    open_page(page, live_server, "?pad=1,1")
    assert equation(page) == "max(−∞, −∞, −∞, 1) = 1"
    assert page.locator("[data-testid=input-0] td.pad").first.inner_text() == "−∞"
    assert page.locator("#input-caption").inner_text() == "Input (padding = −∞, it never wins)"


def test_editing_an_input_cell_changes_the_output(page, live_server):
    open_page(page, live_server)
    page.get_by_label("input row 0 column 0").fill("10")
    page.wait_for_function("document.querySelector('#equation .result').textContent === '10'")
    assert equation(page) == "max(10, 3, 5, 6) = 10"
    assert page.locator("[data-testid=output-0] td").first.inner_text() == "10"


def test_tab_moves_to_the_next_input_cell(page, live_server):
    open_page(page, live_server)
    page.get_by_label("input row 0 column 3").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "input row 1 column 0"


def test_a_copied_url_restores_state_and_step(page, live_server, browser):
    open_page(page, live_server)
    page.get_by_label("average: sum ÷ count").check()
    page.get_by_label("same as the window").uncheck()
    page.get_by_label("Stride: columns").fill("1")
    page.get_by_label("Stride: columns").press("Tab")
    # 2×2 windows, stride (2, 1): a 2×3 output
    page.wait_for_function("document.querySelector('[data-player=position]').textContent === 'step 1 / 6'")
    focus_the_page(page)
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    assert equation(page) == "(2 + 9 + 8 + 3) ÷ 4 = 5.5"
    url = page.url
    other = browser.new_page()
    try:
        other.goto(url)
        other.wait_for_function("document.querySelector('#equation .result')?.textContent === '5.5'")
        assert other.locator("#equation").inner_text().replace("\n", "") == "(2 + 9 + 8 + 3) ÷ 4 = 5.5"
        assert other.locator('[data-player="position"]').inner_text() == "step 5 / 6"
        assert other.get_by_label("average: sum ÷ count").is_checked()
        assert other.get_by_label("Stride: columns").input_value() == "1"
    finally:
        other.close()


def test_impossible_padding_is_explained_in_words_before_asking_the_server(page, live_server):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "/api/pool" in r.url else None)
    page.goto(f"{live_server}/pooling?pad=2,1")
    problem = page.get_by_role("alert")
    problem.wait_for()
    assert problem.inner_text() == (
        "This combination does not fit: padding can be at most half the window. A 2×2 window allows padding "
        "up to 1 on the rows and 1 on the columns, but the padding is 2 and 1. A larger padding would make "
        "windows with nothing but padding in them.")
    assert requests == []


def test_impossible_padding_is_explained_in_korean(page, live_server):
    page.goto(f"{live_server}/pooling?lang=ko&size=3,3&pad=0,2")
    problem = page.get_by_role("alert")
    problem.wait_for()
    assert problem.inner_text().startswith("이 조합은 맞지 않습니다: 패딩은 창 크기의 절반까지만 쓸 수 있습니다.")


def test_a_window_larger_than_the_input_is_explained(page, live_server):
    page.goto(f"{live_server}/pooling?in=1,2;3,4&size=4,4")
    problem = page.get_by_role("alert")
    problem.wait_for()
    assert problem.inner_text() == ("This combination does not fit: the 4×4 window is larger than the padded input "
                                    "(2×2), so it has nowhere to sit. Make the window smaller, or the input larger.")


def test_fixing_the_padding_in_the_form_clears_the_problem(page, live_server):
    open_page(page, live_server)
    page.get_by_label("Padding: rows").fill("2")
    page.get_by_label("Padding: rows").press("Tab")
    page.get_by_role("alert").wait_for()
    page.get_by_label("Padding: rows").fill("1")
    page.get_by_label("Padding: rows").press("Tab")
    page.get_by_role("alert").wait_for(state="hidden")
    assert equation(page) == "max(−∞, −∞, 1, 3) = 3"


def test_korean_on_request(page, live_server):
    open_page(page, live_server, "?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "풀링"
    assert page.locator('[data-player="position"]').inner_text() == "4단계 중 1단계"
    assert page.locator("[data-testid=input-0] td.winner .badge").inner_text() == "최대"
    assert page.locator("#live").inner_text().startswith("4단계 중 1단계: 출력 0행 0열은")
    assert page.locator("html").get_attribute("lang") == "ko"


def test_hovering_an_output_cell_shows_its_window_and_clicking_jumps_there(page, live_server):
    open_page(page, live_server)
    output_cell = page.locator("[data-testid=output-0] td").nth(3)
    output_cell.hover()
    assert result(page) == "9"
    page.mouse.move(5, 700)
    assert result(page) == "6"
    output_cell.click()
    page.mouse.move(5, 700)
    assert result(page) == "9"
    assert page.locator('[data-player="position"]').inner_text() == "step 4 / 4"


def test_hovering_an_input_cell_marks_the_outputs_it_feeds(page, live_server):
    open_page(page, live_server, "?size=3,3&stride=1,1")
    page.get_by_label("input row 1 column 1").hover()
    assert page.locator("[data-testid=output-0] td.fed").count() == 4
    page.get_by_label("input row 0 column 0").hover()
    assert page.locator("[data-testid=output-0] td.fed").count() == 1


def test_shifting_inside_a_window_keeps_the_max_pooled_output(page, live_server):
    open_page(page, live_server)
    page.get_by_label("Example").select_option("feature")
    page.wait_for_function("document.querySelectorAll('[data-testid=output-0] td').length === 9")
    before = page.locator("[data-testid=output-0] td").all_inner_texts()
    page.get_by_role("button", name="Shift the input one column right →").click()
    page.wait_for_function("document.querySelector('[aria-label=\"input row 1 column 3\"]').value === '9'")
    assert page.locator("[data-testid=output-0] td").all_inner_texts() == before


def test_channels_pool_one_by_one(page, live_server):
    open_page(page, live_server)
    page.get_by_label("Channels").fill("2")
    page.get_by_label("Channels").press("Tab")
    page.wait_for_function("document.querySelector('[data-player=position]').textContent === 'step 1 / 8'")
    focus_the_page(page)
    page.keyboard.press("End")
    assert page.locator("[data-testid=output-1] td.win").count() == 1
    assert page.locator("[data-testid=input-0] td.win").count() == 0
    assert equation(page).startswith("channel 2: max(")


def test_the_size_formula_follows_the_settings(page, live_server):
    open_page(page, live_server, "?size=3,2&stride=1,2&pad=1,0")
    formula = page.locator("#formula math")
    # rows: ⌊(4 + 2·1 − 3) / 1⌋ + 1 = 4; columns: ⌊(4 + 2·0 − 2) / 2⌋ + 1 = 2
    assert formula.locator("mtr").nth(1).locator("mn").last.text_content() == "4"
    assert formula.locator("mtr").nth(2).locator("mn").last.text_content() == "2"
    assert page.locator("[data-testid=output-0] tr").count() == 4


def test_presentation_mode_hides_the_controls_and_keeps_the_player_on_screen(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server, "?pad=1,1")
    focus_the_page(page)
    page.keyboard.press("p")
    assert not page.locator(".controls").is_visible()
    assert "present=1" in page.url
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#equation')).fontSize)") >= 32
    bottom = page.evaluate("document.querySelector('.player').getBoundingClientRect().bottom")
    assert bottom <= 1080


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 720), (1920, 1080)])
def test_fits_without_horizontal_scrolling(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, live_server, "?pad=1,1")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


# Two channels, a window of 3×2, strides of 2 and 1 and padding of 1 row: every argument differs.
POOL_CASE = ("?in=1,9,2,8,3;7,4,6,5,0;2,2,8,1,4;5,3,0,9,6|0,1,0,2,0;3,0,4,0,5;1,1,1,1,1;6,0,7,0,8"
             "&size=3,2&stride=2,1&pad=1,0")


def _page_and_code(page, live_server, kind):
    """The page's own answer (output) for POOL_CASE and `kind`, and the code of its Copy as PyTorch panel."""
    with page.expect_response(lambda response: response.url.endswith("/api/pool")) as answer:
        open_page(page, live_server, f"{POOL_CASE}&kind={kind}")
    page.locator("details.pytorch summary").click()
    return np.array(answer.value.json()["output"]), page.locator("#pytorch-code").inner_text()


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_copy_as_pytorch_code_computes_the_page_output(page, live_server, monkeypatch, kind):
    output, code = _page_and_code(page, live_server, kind)
    install_stand_in(monkeypatch)
    y = result_of(code)
    np.testing.assert_allclose(y[0], output, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("kind", ["max", "avg"])
def test_copy_as_pytorch_code_runs_in_pytorch(page, live_server, kind):
    torch = pytest.importorskip("torch")  # an optional oracle, as in tests/engine/test_torch.py
    output, code = _page_and_code(page, live_server, kind)
    y = result_of(code)
    assert isinstance(y, torch.Tensor)
    np.testing.assert_allclose(y[0].double().numpy(), output, rtol=1e-6, atol=1e-5)
