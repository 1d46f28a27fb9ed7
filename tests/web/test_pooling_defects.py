"""Pooling page defects, fixed: a shift brings zeros in, the Example menu keeps its pick, and average
numbers sit inside their cells."""

from urllib.parse import unquote

import pytest

pytestmark = pytest.mark.browser

# The worked example (max pooling 2×2, stride 2):
#   1 3 2 4
#   5 6 1 2
#   7 2 9 0
#   1 8 3 4


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/pooling{query}")
    page.locator("#equation .result").wait_for()
    return page


def input_rows(page):
    cells = page.locator("[data-testid=input-0] td input")
    values = [float(v) for v in cells.evaluate_all("inputs => inputs.map((input) => input.value)")]
    width = round(len(values) ** 0.5)
    return [values[r * width:(r + 1) * width] for r in range(width)]


def outputs(page):
    return page.locator("[data-testid=output-0] td").all_inner_texts()


def wait_for_outputs(page, expected):
    page.wait_for_function(
        "expected => [...document.querySelectorAll('[data-testid=output-0] td')].map((td) => td.innerText)"
        ".join() === expected", arg=",".join(expected))


def test_shifting_brings_zeros_in_and_drops_what_leaves_the_edge(page, live_server):
    open_page(page, live_server)
    page.get_by_role("button", name="Shift the input one column right →").click()
    wait_for_outputs(page, ["5", "6", "7", "9"])
    assert input_rows(page) == [[0, 1, 3, 2], [0, 5, 6, 1], [0, 7, 2, 9], [0, 1, 8, 3]]
    page.get_by_role("button", name="Shift the input one row down ↓").click()
    wait_for_outputs(page, ["1", "3", "7", "9"])
    assert input_rows(page) == [[0, 0, 0, 0], [0, 1, 3, 2], [0, 5, 6, 1], [0, 7, 2, 9]]
    assert "in=0,0,0,0;0,1,3,2;0,5,6,1;0,7,2,9&" in unquote(page.url)


def test_the_example_menu_shows_the_pick_until_the_input_is_edited(page, live_server, browser):
    open_page(page, live_server)
    menu = page.get_by_label("Example")
    assert menu.input_value() == "worked"  # the page opens on the worked example
    menu.select_option("overlap")  # 5×5, 3×3 windows: max(1, 3, 2, 5, 6, 1, 7, 2, 4) = 7 first
    page.wait_for_function("document.querySelectorAll('[data-testid=input-0] td').length === 25")
    assert menu.input_value() == "overlap"
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")  # stepping is no edit
    page.keyboard.press("Home")
    assert menu.input_value() == "overlap"
    assert page.locator("#equation .result").inner_text() == "7"
    other = browser.new_page()  # a link to the example names it too
    try:
        other.goto(page.url)
        other.locator("#equation .result").wait_for()
        assert other.get_by_label("Example").input_value() == "overlap"
    finally:
        other.close()
    page.get_by_label("input row 0 column 0").fill("8")
    page.wait_for_function("document.querySelector('#equation .result').textContent === '8'")
    assert menu.input_value() == ""


def test_a_shift_or_a_setting_ends_the_example_and_setting_it_back_restores_it(page, live_server):
    open_page(page, live_server)
    menu = page.get_by_label("Example")
    menu.select_option("feature")
    page.wait_for_function("document.querySelectorAll('[data-testid=output-0] td').length === 9")
    page.get_by_label("average: sum ÷ count").check()
    assert menu.input_value() == ""
    page.get_by_label("max: keep the largest").check()
    assert menu.input_value() == "feature"
    page.get_by_role("button", name="Shift the input one column right →").click()
    assert menu.input_value() == ""


def test_random_numbers_stay_named_and_the_button_draws_new_ones(page, live_server):
    open_page(page, live_server)
    menu = page.get_by_label("Example")
    reroll = page.get_by_role("button", name="New random numbers")
    assert reroll.is_hidden()
    menu.select_option("random")
    assert menu.input_value() == "random" and reroll.is_visible()
    drawn = set()
    for _ in range(4):  # 16 cells of 0…9: four draws are all the same once in 10^48
        reroll.click()
        page.wait_for_load_state("networkidle")
        drawn.add(str(input_rows(page)))
        assert menu.input_value() == "random"
    assert len(drawn) > 1
    page.get_by_label("input row 0 column 0").fill("3")
    assert menu.input_value() == "" and reroll.is_hidden()


def test_korean_names_the_button_that_draws_new_numbers(page, live_server):
    open_page(page, live_server, "?lang=ko")
    page.get_by_label("예제").select_option("random")
    assert page.get_by_role("button", name="새 무작위 숫자 뽑기").is_visible()


def margins(page, testid):
    """For every cell of a grid: its text and the room between the text and the cell's left and right
    borders, as fractions of the cell's width (an input's text measured in the input's own font)."""
    return page.evaluate("""testid => [...document.querySelectorAll(`[data-testid=${testid}] td`)].map((td) => {
        const cell = td.getBoundingClientRect();
        const input = td.querySelector('input');
        if (input) {
            const context = document.createElement('canvas').getContext('2d');
            context.font = getComputedStyle(input).font;
            const room = (cell.width - context.measureText(input.value).width) / 2 / cell.width;
            return [input.value, room, room];
        }
        const text = td.querySelector('.v').getBoundingClientRect();
        return [td.innerText, (text.left - cell.left) / cell.width, (cell.right - text.right) / cell.width];
    })""", testid)


@pytest.mark.parametrize("width, height, present", [(1280, 720, False), (1920, 1080, True)])
def test_average_numbers_sit_inside_their_cells(page, live_server, width, height, present):
    page.set_viewport_size({"width": width, "height": height})
    # 3×3 windows with zero padding: 15 ÷ 9 = 1.67, 29 ÷ 9 = 3.22, …
    open_page(page, live_server, "?kind=avg&size=3,3&stride=2,2&pad=1,1" + ("&present=1" if present else ""))
    cells = margins(page, "output-0")
    assert [text for text, _, _ in cells] == ["1.67", "2", "3.22", "3.89"]
    for text, left, right in cells:
        assert left > 0.1 and right > 0.1, (text, left, right)
    page.get_by_label("input row 0 column 0").fill("0.125")
    page.wait_for_function("document.querySelector('[data-testid=output-0] td').innerText === '1.57'")
    for text, left, right in margins(page, "input-0") + margins(page, "output-0"):
        assert left > 0.1 and right > 0.1, (text, left, right)
