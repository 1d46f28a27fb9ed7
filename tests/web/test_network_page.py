"""The network page for a lecture (issue 18): it opens on a digit, keeps the pad in presentation mode
with maps three times larger, draws flatten as maps laid end to end, labels the bias, shows softmax
beside sigmoid, and a URL's map index opens only what it names."""

from __future__ import annotations

import math
import re

import pytest

from .test_network import draw, open_page, prediction

pytestmark = pytest.mark.browser

MODEL = "mnist_cnn"
A_FIVE = 21  # a held-out 5 the network gets right, with a 3 as runner-up (also what the page opens on)


def model_detail(page, live_server) -> dict:
    return page.request.get(f"{live_server}/api/models/{MODEL}").json()


def forward(page, live_server, digit) -> dict:
    """Every layer's output for a digit, by name, as the API gives it."""
    answer = page.request.post(f"{live_server}/api/models/{MODEL}/forward", data={"input": digit}).json()
    return {layer["name"]: layer["output"] for layer in answer["layers"]}


def reading(value: float) -> str:
    """A number as the page writes it (static/js/core/format.js): two decimals from 1 on, three
    significant digits below, no trailing zeros, a true minus sign."""
    text = f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) >= 1 else f"{value:.3g}"
    return text.replace("-", "\u2212")


def percent(text: str) -> float:
    return float(text.removesuffix("%"))


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z))


# ---- 1. it opens on a held-out digit -------------------------------------------------------------

def test_the_page_opens_on_a_held_out_digit_already_flowing(page, live_server):
    samples = model_detail(page, live_server)["samples"]
    page.goto(f"{live_server}/network")
    page.get_by_test_id("prediction").wait_for()
    sample = int(page.locator("select[name=sample]").input_value())
    assert prediction(page) == f"It is a {samples[sample]['label']}"
    assert f"sample={sample}" in page.url  # the link reopens the same digit
    assert page.locator(".network .column").count() == 10
    assert page.get_by_test_id("heads-sum").is_visible()
    # The pad shows the digit the network reads (dark ink on white), ready to be drawn over.
    dark = page.evaluate("""() => {
        const pad = document.querySelector('[data-testid=pad]');
        const pixels = pad.getContext('2d').getImageData(0, 0, pad.width, pad.height).data;
        let dark = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 128) dark++;
        return dark;
    }""")
    assert dark > 2000
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])  # the first stroke starts a new drawing
    page.wait_for_function("document.querySelector('[data-testid=prediction]')?.textContent === 'It is a 1'")
    assert "sample=" not in page.url and page.console_errors == []


def test_clearing_the_pad_empties_the_page_until_a_digit_comes(page, live_server):
    open_page(page, live_server)
    page.get_by_test_id("prediction").wait_for()
    page.get_by_role("button", name="Undo").click()  # nothing of the user's to undo: the digit stays
    assert page.get_by_test_id("prediction").is_visible()
    page.get_by_role("button", name="Clear").click()
    assert page.locator("#prediction .empty").inner_text() == "Draw a digit to start."
    assert page.locator(".network .column").count() == 0


# ---- 2. presentation mode: the pad stays, the maps three times larger -----------------------------

MAPS = ("map-input-0", "map-conv1-0", "map-relu1-7", "map-pool1-0", "map-conv2-0", "map-relu2-15", "map-pool2-0")


def map_widths(page) -> dict[str, float]:
    return {name: page.get_by_test_id(name).locator("canvas").bounding_box()["width"] for name in MAPS}


def test_presentation_keeps_the_pad_and_draws_the_maps_three_times_larger(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server)
    page.get_by_test_id("prediction").wait_for()
    before = map_widths(page)
    page.keyboard.press("p")
    assert "present=1" in page.url and page.locator(".controls").is_hidden()
    after = map_widths(page)
    for name in MAPS:
        assert after[name] >= 3 * before[name] - 0.01, (name, before[name], after[name])
    pad = page.get_by_test_id("pad")
    assert pad.is_visible() and pad.bounding_box()["width"] >= 200
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])
    page.wait_for_function("document.querySelector('[data-testid=prediction]')?.textContent === 'It is a 1'")
    assert page.console_errors == []


def test_in_presentation_at_1080p_the_pad_and_every_layer_fit_one_screen(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server, "?present=1")
    page.get_by_test_id("heads-sum").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    boxes = [column.bounding_box() for column in page.locator(".flow .column").all()]
    assert len(boxes) == 11  # the pad and ten layers
    for box in boxes:
        assert box["x"] >= 0 and box["x"] + box["width"] <= 1920
        assert box["y"] >= 0 and box["y"] + box["height"] <= 1080


def test_in_presentation_at_720p_nothing_runs_off_the_side(page, live_server):
    open_page(page, live_server, "?present=1&sample=3")
    page.get_by_test_id("heads-sum").wait_for()
    assert page.get_by_test_id("pad").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # the dense layer's scores (−26.25 for a clear 0) each on one line, not broken after their third digit
    lines = page.evaluate("""() => [...document.querySelectorAll('.bar-value')].map((value) => {
      const text = document.createRange();
      text.selectNodeContents(value);
      return text.getClientRects().length; })""")
    assert lines and max(lines) == 1


# ---- 3. flatten: 16×7×7 → 784, feeding dense, clickable ------------------------------------------

FLATTEN_LINE = re.compile(r"pool2\[(\d+), (\d+), (\d+)\] = (\S+)\s+→\s+flatten\[(\d+)·(\d+) \+ (\d+)·(\d+) \+ (\d+)\]"
                          r" = flatten\[(\d+)\] = (\S+)")


def flatten_line(page) -> dict:
    text = page.get_by_test_id("flatten-equation").inner_text()
    found = FLATTEN_LINE.fullmatch(text.strip())
    assert found, text
    c, r, col, left, c2, size, r2, width, col2, position, right = found.groups()
    assert (c, r, col) == (c2, r2, col2)
    return {"map": int(c), "row": int(r), "col": int(col), "size": int(size), "width": int(width),
            "position": int(position), "left": left, "right": right}


def test_flatten_is_drawn_as_its_maps_laid_end_to_end_feeding_dense(page, live_server):
    shapes = {layer["name"]: layer["shape"] for layer in model_detail(page, live_server)["layers"]}
    open_page(page, live_server, "?sample=0")
    page.get_by_test_id("prediction").wait_for()
    flatten = page.locator("section.column.flatten")
    maps = "×".join(map(str, shapes["pool2"]))
    assert flatten.locator(".column-shape").inner_text().replace("\u00a0", " ") == f"{maps} → {shapes['flatten'][0]}"
    dense = page.locator("section.column.dense .column-shape").inner_text().replace("\u00a0", " ")
    assert dense == f"{shapes['flatten'][0]} → {shapes['dense'][0]}"
    assert flatten.locator("[data-testid^=map-flatten-]").count() == shapes["pool2"][0]
    # The segments run in map order, top to bottom, right before the dense column.
    tops = [flatten.get_by_test_id(f"map-flatten-{c}").bounding_box()["y"] for c in range(shapes["pool2"][0])]
    assert tops == sorted(tops)
    assert flatten.bounding_box()["x"] < page.locator("section.column.dense").bounding_box()["x"]


def test_a_flatten_segment_shows_which_cell_goes_where(page, live_server):
    samples = model_detail(page, live_server)["samples"]
    outputs = forward(page, live_server, samples[0]["input"])
    open_page(page, live_server, "?sample=0")
    page.get_by_test_id("map-flatten-2").click()
    assert page.locator("#detail-title").inner_text() == "Inside flatten: map 3 of pool2"
    line = flatten_line(page)
    assert (line["map"], line["size"], line["width"]) == (2, 49, 7)
    assert line["position"] == 2 * 49 + line["row"] * 7 + line["col"]
    value = outputs["pool2"][2][line["row"]][line["col"]]
    assert outputs["flatten"][line["position"]] == value  # flatten moves the number, computes nothing
    assert line["left"] == line["right"] == reading(value)
    assert "map=7%2C2" in page.url
    # → steps to the next cell of the map, which lands at the next position
    page.keyboard.press("Home")
    assert flatten_line(page)["position"] == 98
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('[data-testid=flatten-equation]').textContent.includes('flatten[99]')")
    # a click on the whole vector picks that position: its map and its cell
    strip = page.locator(".flat-whole-strip canvas")
    strip.scroll_into_view_if_needed()
    left, top, width, height = strip.evaluate("""(canvas) => {
        const box = canvas.getBoundingClientRect();
        return [box.left + canvas.clientLeft, box.top + canvas.clientTop, canvas.clientWidth, canvas.clientHeight];
    }""")
    page.mouse.click(math.ceil(left + 500 * width / 784), top + height / 2)  # the first whole pixel of position 500
    # cell 10 of map 10: step 11 / 49, as the label and the URL count
    page.wait_for_function("location.search.includes('map=7%2C10') && location.search.includes('step=11')")
    line = flatten_line(page)
    assert (line["map"], line["row"], line["col"], line["position"]) == (10, 1, 3, 500)
    assert page.get_by_test_id("map-flatten-10").get_attribute("aria-pressed") == "true"
    assert page.console_errors == []


# ---- 4. the bias, labelled with its value --------------------------------------------------------

@pytest.mark.parametrize("lang, word", [("en", "bias"), ("ko", "편향")])
def test_the_bias_is_labelled_with_its_value_in_the_dense_and_conv_arithmetic(page, live_server, lang, word):
    layers = {layer["name"]: layer for layer in model_detail(page, live_server)["layers"]}
    dense_bias, conv_bias = layers["dense"]["bias"][0], layers["conv2"]["bias"][0]
    assert reading(dense_bias) == "\u22120.0138"  # the shipped model's logit bias for the 0
    open_page(page, live_server, f"?sample=0&map=8,0&lang={lang}")
    equation = page.get_by_test_id("equation")
    equation.locator(".bias").wait_for()
    assert f" + {word} {reading(dense_bias)} = " in equation.inner_text()
    page.get_by_test_id("map-conv2-0").click()
    equation.locator(".eq-line.total").wait_for()
    assert f" + {word} {reading(conv_bias)} = " in equation.locator(".eq-line.total").inner_text()


# ---- 5. softmax beside sigmoid -------------------------------------------------------------------

def test_softmax_and_sigmoid_side_by_side_one_sums_to_1_the_other_need_not(page, live_server):
    samples = model_detail(page, live_server)["samples"]
    outputs = forward(page, live_server, samples[A_FIVE]["input"])
    logits, probabilities = outputs["dense"], outputs["softmax"]
    open_page(page, live_server, f"?sample={A_FIVE}")
    rows = page.get_by_test_id("heads").locator("li")
    rows.first.wait_for()
    assert rows.count() == 10
    for k in range(10):
        softmax, squashed = rows.nth(k).locator(".bar-value").all_inner_texts()
        assert abs(percent(softmax) - 100 * probabilities[k]) <= 0.051
        assert abs(percent(squashed) - 100 * sigmoid(logits[k])) <= 0.051
        fills = rows.nth(k).locator(".bar-fill")
        assert fills.nth(0).bounding_box()["x"] < fills.nth(1).bounding_box()["x"]  # softmax, then sigmoid
    total_softmax, total_sigmoid = page.get_by_test_id("heads-sum").locator(".sum-value").all_inner_texts()
    assert total_softmax == "100.0%"
    assert abs(percent(total_sigmoid) - 100 * sum(map(sigmoid, logits))) <= 0.051
    assert percent(total_sigmoid) > 150  # independent: this 5 is also quite possibly a 3
    rows.nth(3).click()
    assert page.locator("#detail-title").inner_text() == "The output for the 3: softmax beside sigmoid"
    table = page.get_by_test_id("heads-table")
    assert table.locator("tr").count() == 12  # head, ten classes, Σ
    assert table.locator("tr.current th").inner_text() == "3"
    equation = page.get_by_test_id("equation").inner_text()
    z = reading(logits[3])
    assert f"p(3) = e^{z} / Σ e^z = {100 * probabilities[3]:.2f}%" in equation
    assert f"σ({z}) = 1 / (1 + e^−{z}) = {100 * sigmoid(logits[3]):.2f}%" in equation
    assert "σ(z₁ − z₂)" in page.locator("#detail-body").inner_text()  # why a sigmoid per class
    assert page.console_errors == []


def test_softmax_and_sigmoid_in_korean(page, live_server):
    open_page(page, live_server, f"?sample={A_FIVE}&map=9,5&lang=ko")
    page.get_by_test_id("heads-table").wait_for()
    heads = page.get_by_test_id("heads").locator(".head-name").all_inner_texts()
    assert heads == ["소프트맥스", "시그모이드"]
    assert page.locator("#detail-title").inner_text() == "5의 출력: 소프트맥스와 시그모이드"
    assert "서로 독립" in page.locator("#detail-body").inner_text()


# ---- 6. the defect: map=7,0 is flatten's first map, not a softmax table ---------------------------

def test_map_7_0_opens_flatten_and_not_a_softmax_table(page, live_server):
    open_page(page, live_server, "?sample=0&map=7,0")
    page.get_by_test_id("flatten-equation").wait_for()
    assert page.locator("#detail-title").inner_text() == "Inside flatten: map 1 of pool2"
    assert page.locator("#detail table").count() == 0
    assert "%" not in page.get_by_test_id("equation").inner_text()
    assert page.locator("[data-player=position]").inner_text().endswith("/ 49")  # the cells of one 7×7 map
    assert page.get_by_test_id("map-flatten-0").get_attribute("aria-pressed") == "true"
    assert flatten_line(page)["position"] < 49
    assert page.console_errors == []


@pytest.mark.parametrize("query", ["map=7,16", "map=0,0", "map=10,0", "map=9,10", "map=4,-1", "map=x"])
def test_a_map_index_that_names_nothing_opens_nothing(page, live_server, query):
    open_page(page, live_server, f"?sample=0&{query}")
    page.get_by_test_id("map-flatten-0").wait_for()
    page.wait_for_timeout(200)
    assert page.locator("#detail").is_hidden()
    assert "map=" not in page.url
    assert page.console_errors == []


# ---- on a phone ----------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["map=4,0", "map=7,3", "map=9,3"])
def test_on_a_phone_a_detail_fits_without_scrolling_sideways(page, live_server, query):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, live_server, f"?sample=0&{query}")
    page.get_by_test_id("equation").locator(".eq-line").first.wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
