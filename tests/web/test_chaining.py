"""Chaining in Chromium: "Continue with this output" takes the convolution's output to ReLU and ReLU's
output to pooling, with the numbers the API returned, keeping the language and presentation mode."""

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

# The worked example with a bias of −20, so that ReLU has something to do:
#   [[1,2,3],[4,5,6],[7,8,9]] ⊙ [[1,1],[0,2]] − 20 = [[−7,−3],[5,9]]
#   ReLU                                           = [[0,0],[5,9]]
#   max pooling 2×2                                = [[9]]
WORKED = "in=1,2,3;4,5,6;7,8,9&k=1,1;0,2"

GRID = """(id) => [...document.querySelectorAll(`[data-testid="${id}"] tr`)].map((tr) =>
    [...tr.querySelectorAll("td:not(.pad)")].map((td) =>
        td.querySelector("input")?.value ?? td.querySelector(".v").textContent))"""


def wait_grid(page, testid, rows):
    """Until the grid shows these numbers (as the page writes them: − for minus)."""
    page.wait_for_function(f"(want) => JSON.stringify(({GRID})(want.id)) === JSON.stringify(want.rows)",
                           arg={"id": testid, "rows": [[str(v).replace("-", "−") for v in row] for row in rows]})


def query(page, *names):
    """These parameters of the page's URL (the page adds its own as it writes its state)."""
    params = parse_qs(urlparse(page.url).query)
    return {name: params[name][0] for name in names if name in params}


def test_the_worked_example_runs_conv_relu_pool_in_korean_presentation_mode(page, live_server):
    # a 1080p projector: below 800 px of height presentation mode leaves the button out (no room under the output)
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{live_server}/convolution?{WORKED}&b=-20&lang=ko&present=1")
    wait_grid(page, "output-0", [[-7, -3], [5, 9]])
    page.get_by_role("button", name="이 출력으로 계속하기 → ReLU").click()

    page.wait_for_url("**/activation?**")
    assert query(page, "f", "map", "lang", "present") == {"f": "relu", "map": "-7,-3;5,9", "lang": "ko", "present": "1"}
    wait_grid(page, "map-before", [[-7, -3], [5, 9]])
    wait_grid(page, "map-after", [[0, 0], [5, 9]])
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert page.evaluate("document.body.classList.contains('present')")
    page.get_by_role("button", name="이 출력으로 계속하기 → 풀링").click()

    page.wait_for_url("**/pooling?**")
    assert query(page, "in", "lang", "present") == {"in": "0,0;5,9", "lang": "ko", "present": "1"}
    wait_grid(page, "input-0", [[0, 0], [5, 9]])
    wait_grid(page, "output-0", [[9]])
    assert page.evaluate("document.documentElement.lang") == "ko"
    assert page.evaluate("document.body.classList.contains('present')")
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_relu_page_hands_on_what_its_function_returned(page, live_server):
    page.goto(f"{live_server}/activation?f=leaky_relu&a=0.1&map=-7,-3;5,9")
    wait_grid(page, "map-after", [[-0.7, -0.3], [5, 9]])
    page.get_by_role("button", name="Continue with this output → pooling").click()
    page.wait_for_url("**/pooling?**")
    # the API's floats, exactly; no language or presentation mode was chosen, so none is passed on
    assert query(page, "in", "lang", "present") == {"in": "-0.7000000000000001,-0.30000000000000004;5,9"}
    wait_grid(page, "output-0", [[9]])


def test_with_two_filters_the_button_carries_the_current_steps_filter_and_says_which(page, live_server):
    # filter 2 keeps each window's top-left cell: [[1,2],[4,5]]
    page.goto(f"{live_server}/convolution?{WORKED}/1,0;0,0")
    wait_grid(page, "output-1", [[1, 2], [4, 5]])
    button = page.locator("#continue")
    assert button.inner_text() == "Continue with filter 1’s output → ReLU"
    page.locator('[data-testid="output-1"] td').first.click()  # step 5: filter 2's first cell
    page.get_by_role("button", name="Continue with filter 2’s output → ReLU").click()
    page.wait_for_url("**/activation?**")
    wait_grid(page, "map-before", [[1, 2], [4, 5]])


def test_an_output_too_large_for_the_relu_page_disables_the_button_and_says_why(page, live_server):
    ones = ";".join([",".join(["1"] * 9)] * 9)
    page.goto(f"{live_server}/convolution?in={ones}&k=1")
    page.locator('[data-testid="output-0"] td').nth(80).wait_for()
    button = page.get_by_role("button", name="Continue with this output → ReLU")
    assert button.is_disabled()
    assert button.get_attribute("title") == "The ReLU page takes maps of up to 8×8 cells; this output is 9×9."


def test_settings_that_cannot_work_leave_nothing_to_carry(page, live_server):
    page.goto(f"{live_server}/convolution?{WORKED}")
    wait_grid(page, "output-0", [[13, 17], [25, 29]])
    page.locator("input[name=kH]").fill("5")
    page.locator("input[name=kH]").press("Enter")  # a 5-row kernel on a 3-row input
    page.locator("#problem").wait_for()
    button = page.get_by_role("button", name="Continue with this output → ReLU")
    assert button.is_disabled()
    assert button.get_attribute("title") == "The output no longer matches the settings: fix them first."


def test_a_projector_under_800_px_high_leaves_the_button_out_of_presentation_mode(page, live_server):
    page.goto(f"{live_server}/convolution?{WORKED}&b=-20&present=1")  # 1280×720
    wait_grid(page, "output-0", [[-7, -3], [5, 9]])
    assert page.locator("#continue").is_hidden()
    page.keyboard.press("p")  # out of presentation mode it is there
    assert page.locator("#continue").is_visible()
