"""The transposed-convolution page in Chromium: every preset's output size against the rule and the API,
the scatter's final output against the API's, the direct view's window sum against the scatter's value
for the same cell, output_padding refused in one sentence, the URL, Korean, and the player keys."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from app.engine.conv_transpose import transposed_output_size

pytestmark = pytest.mark.browser

PRESETS = ["no_padding_no_strides", "arbitrary_padding", "half_padding", "full_padding", "no_padding_strides",
           "padding_strides", "padding_strides_odd", "checkerboard"]

OUTPUT_CELLS = """() => [...document.querySelectorAll('[data-testid=canvas-grid] tr')]
  .map((tr) => [...tr.querySelectorAll('td:not(.pad) .v')].map((v) => v.textContent)).filter((row) => row.length)"""


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/transposed{query}")
    page.locator("[data-testid=direct-equation] .result").wait_for()
    return page


def settings_in_url(page) -> dict:
    """The request the page's URL stands for, as POST /api/conv_transpose takes it."""
    query = {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}

    def matrix(text):
        return [[float(v) for v in row.split(",")] for row in text.split(";")]

    return {"input": matrix(query["in"]), "kernel": matrix(query["k"]), "stride": int(query["s"]),
            "padding": int(query["p"]), "output_padding": int(query["op"]), "dilation": int(query["d"])}


def shown(value: float) -> str:
    """A number as the page writes it: integers without a decimal point, a true minus sign."""
    return (str(int(value)) if value == int(value) else f"{value:.2f}").replace("-", "−")


def step_label(page) -> str:
    return page.locator("[data-player=position]").inner_text()


def direct_cell_and_sum(page) -> tuple[tuple[int, int], str]:
    """The output cell the direct view shows, and its window's sum."""
    equation = page.locator("[data-testid=direct-equation]")
    row, col = map(int, re.findall(r"\d+", equation.locator(".label").inner_text()))
    return (row, col), equation.locator(".result").inner_text()


def wait_for_steps(page, count):
    page.wait_for_function(f"document.querySelector('[data-player=position]').textContent.endsWith('/ {count}')")


def test_every_preset_matches_the_rule_the_api_and_the_direct_convolution(page, live_server):
    open_page(page, live_server)
    preset = page.get_by_role("combobox", name=re.compile("^Preset"))
    for name in PRESETS:
        preset.select_option(name)
        page.wait_for_function("new URLSearchParams(location.search).get('step') === null")
        sent = settings_in_url(page)
        (h, w), (kh, kw) = (len(sent["input"]), len(sent["input"][0])), (len(sent["kernel"]), len(sent["kernel"][0]))
        rule = [transposed_output_size(size, k, sent["stride"], sent["padding"], sent["output_padding"],
                                       sent["dilation"]) for size, k in ((h, kh), (w, kw))]
        answer = page.request.post(f"{live_server}/api/conv_transpose", data=sent).json()
        assert answer["shape"] == rule, name
        wait_for_steps(page, h * w)
        widths = ",".join([str(rule[1])] * rule[0])  # the new answer's output on screen, row by row
        page.wait_for_function(f"(({OUTPUT_CELLS})()).map((row) => row.length).join() === '{widths}'")
        page.locator("body").click(position={"x": 5, "y": 5})
        # partway: the direct view's window sum is the cell's final value, whatever the scatter has added so far
        page.keyboard.press("Home")
        for _ in range(min(2, h * w - 1)):
            page.keyboard.press("ArrowRight")
        assert step_label(page) == f"step {min(3, h * w)} / {h * w}", name
        (row, col), total = direct_cell_and_sum(page)
        assert total == shown(answer["output"][row][col]), name
        # at the end: every output cell finished, the scatter's output is the API's, cell by cell
        page.keyboard.press("End")
        assert step_label(page) == f"step {h * w} / {h * w}", name
        cells = page.evaluate(OUTPUT_CELLS)
        assert [len(cells), len(cells[0])] == rule, name
        assert cells == [[shown(v) for v in line] for line in answer["output"]], name
        (row, col), total = direct_cell_and_sum(page)
        assert total == cells[row][col], name
    assert page.console_errors == []
    assert page.offsite_requests == []


def test_output_padding_not_below_the_stride_or_dilation_is_said_in_one_sentence(page, live_server):
    open_page(page, live_server, "?in=1,2;3,4&k=1,1;1,1&s=2&p=0&op=0&d=1")
    problem = page.locator("#problem")
    refused = []
    page.on("request", lambda request: refused.append(request.url) if "/api/" in request.url else None)
    page.get_by_label("Output padding").fill("2")
    page.get_by_label("Output padding").press("Enter")
    problem.wait_for()
    text = problem.inner_text()
    assert "output padding 2 must be smaller than the stride (2) or the dilation (1)" in text
    assert text.count(". ") == 0 and text.endswith(".")  # one sentence
    assert refused == []  # the page said it instead of sending a request the API would refuse
    page.get_by_label("Output padding").fill("1")
    page.get_by_label("Output padding").press("Enter")
    problem.wait_for(state="hidden")
    assert page.console_errors == []


def test_a_link_reopens_the_same_view(page, live_server, browser):
    query = "?in=1,2,3;4,5,6;7,8,9&k=1,0;2,1&s=2&p=1&op=1&d=2&cov=1&step=5"
    open_page(page, live_server, query)
    wait_for_steps(page, 9)
    assert step_label(page) == "step 5 / 9"
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("ArrowRight")
    assert step_label(page) == "step 6 / 9"
    page.wait_for_function("new URLSearchParams(location.search).get('step') === '6'")
    link = page.url
    assert parse_qs(urlparse(link).query) == {key: [value] for key, value in (
        ("in", "1,2,3;4,5,6;7,8,9"), ("k", "1,0;2,1"), ("s", "2"), ("p", "1"), ("op", "1"), ("d", "2"), ("cov", "1"),
        ("step", "6"))}
    again = browser.new_context(viewport={"width": 1280, "height": 720}, bypass_csp=True).new_page()
    again.goto(link)
    again.locator("[data-testid=direct-equation] .result").wait_for()
    assert step_label(again) == "step 6 / 9"
    assert again.evaluate(OUTPUT_CELLS) == page.evaluate(OUTPUT_CELLS)
    assert again.locator("[data-testid=direct-equation]").inner_text() == \
        page.locator("[data-testid=direct-equation]").inner_text()
    assert again.locator("[data-testid=canvas-grid]").get_attribute("class") == "grid coverage"
    again.context.close()
    # dilation 2 and output_padding 1: the direct view's window still sums to the API's value for its cell
    answer = page.request.post(f"{live_server}/api/conv_transpose", data=settings_in_url(page)).json()
    (row, col), total = direct_cell_and_sum(page)
    assert total == shown(answer["output"][row][col])


def test_korean(page, live_server):
    open_page(page, live_server, "?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "전치 합성곱"
    assert "출력[" in page.locator("[data-testid=scatter-equation]").inner_text()
    assert "출력[" in page.locator("[data-testid=direct-equation]").inner_text()
    assert "완성" in page.locator("[data-testid=direct-caption]").inner_text()
    assert "전체 패딩" in page.get_by_role("combobox", name=re.compile("^예제")).inner_text()
    assert page.console_errors == []


PARTS = ["[data-testid=input-grid]", "[data-testid=kernel-grid]", "[data-testid=canvas-grid]",
         "[data-testid=stuffed-grid]", "[data-testid=turned-grid]", "[data-testid=scatter-equation]",
         "[data-testid=direct-equation]", "#formula", ".player"]


def test_presentation_mode_shows_every_preset_on_one_1280x720_screen(page, live_server):
    open_page(page, live_server, "?present=1")
    preset = page.locator("select[name=preset]")
    for name in PRESETS:
        # the select sits in the controls, which presentation mode hides: choose as the keyboard would
        preset.evaluate("(select, name) => { select.value = name; select.dispatchEvent(new Event('change', "
                        "{ bubbles: true })); }", name)
        page.wait_for_function("new URLSearchParams(location.search).get('step') === null")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)  # the cells take their size from the first drawing
        scroll = page.evaluate("[document.scrollingElement.scrollWidth - innerWidth, "
                               "document.scrollingElement.scrollHeight - innerHeight]")
        assert scroll[0] <= 0 and scroll[1] <= 0, name
        missing = page.evaluate("""(selectors) => selectors.filter((selector) => {
          const r = document.querySelector(selector).getBoundingClientRect();
          return r.width === 0 || r.left < -0.5 || r.top < -0.5
            || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
        })""", PARTS)
        assert missing == [], name
        cell = page.locator("[data-testid=canvas-grid] td").first.bounding_box()
        assert cell["height"] >= 32, name  # room for an 18 px number and its corner note, not a thumbnail
    assert page.console_errors == []


@pytest.mark.parametrize("query", ["s=2&p=1&op=1&cov=1", "s=3&p=0&op=2",
                                   "in=0.5,-1.25;2,3.75&k=0.25,-0.5,1;1,2,3;0,0,1&step=3"])
def test_a_presented_link_opens_on_one_1280x720_screen(page, live_server, query):
    # opened straight from a link (a lecture's slide): the first sizing estimates the kernels' captions;
    # where that leaves the page taller than the screen, the cells are sized again from what it measures
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, live_server, f"?{query}&present=1")
    page.wait_for_timeout(200)
    assert page.evaluate("document.scrollingElement.scrollHeight - innerHeight") <= 0
    missing = page.evaluate("""(selectors) => selectors.filter((selector) => {
      const r = document.querySelector(selector).getBoundingClientRect();
      return r.width === 0 || r.bottom > innerHeight + 0.5 || r.right > innerWidth + 0.5;
    })""", PARTS)
    assert missing == []
