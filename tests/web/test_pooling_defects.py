"""Pooling page defects, fixed: a shift brings zeros in."""

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
