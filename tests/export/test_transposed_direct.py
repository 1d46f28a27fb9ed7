"""The /transposed page's direct view as a file: the input with stride − 1 zeros between its cells and
D·(K − 1) − P around them, the kernel turned 180° and slid with stride 1, giving the API's output; and
the page's coverage map (cov=1), shaded by how many input cells add into each output cell."""

import math

import numpy as np
import pytest

from app.settings import Settings
from app.web.export import transposed
from app.web.export.drawing import Group, Rect, Text
from app.web.export.fonts import server_fonts
from app.web.export.labels import Labels
from app.web.export.layout import Layout
from app.web.export.numbers import fmt
from app.web.export.themes import THEMES, contrast

from .helpers import differ, frames, image

# (the page's query, the same as the API's request): the guide's padding-strides-odd; dilation; a padding
# past D·(K − 1), whose border cuts the stuffed input; a wide kernel with a stride of 3 and output padding.
CASES = [
    ("in=1,2,3;4,5,6;7,8,9&k=1,2,0;0,1,2;2,0,1&s=2&p=1&op=1",
     {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 2, 0], [0, 1, 2], [2, 0, 1]], "stride": 2,
      "padding": 1, "output_padding": 1}),
    ("in=1,-2;3,0.5&k=1,2;3,4&s=2&d=2",
     {"input": [[1, -2], [3, 0.5]], "kernel": [[1, 2], [3, 4]], "stride": 2, "dilation": 2}),
    ("in=1,2,3,4,5;5,4,3,2,1;1,0,1,0,1;2,2,2,2,2;3,1,4,1,5&k=1,-1;2,1&s=2&p=2",
     {"input": [[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], [1, 0, 1, 0, 1], [2, 2, 2, 2, 2], [3, 1, 4, 1, 5]],
      "kernel": [[1, -1], [2, 1]], "stride": 2, "padding": 2}),
    ("in=1,2;3,4;5,6&k=1,0,2&s=3&op=2",
     {"input": [[1, 2], [3, 4], [5, 6]], "kernel": [[1, 0, 2]], "stride": 3, "output_padding": 2}),
]
CHECKERBOARD = "in=1,1,1;1,1,1;1,1,1&k=1,1,1;1,1,1;1,1,1&s=2"  # the page's preset, as its URL writes it


def story(query: str):
    fields = dict(part.split("=", 1) for part in query.split("&"))
    return transposed.plan(fields, Settings()).story(Labels("transposed", "en"))


def api_output(client, body: dict) -> list[list[float]]:
    response = client.post("/api/conv_transpose", json=body)
    assert response.status_code == 200
    return response.json()["output"]


def definition(body: dict) -> tuple[np.ndarray, np.ndarray]:
    """The direct view's input and kernel, loop by loop from the definition: stride − 1 zeros between the
    input's cells, D·(K − 1) − P zeros around them (output padding more at the bottom and right; a negative
    border cuts instead), the kernel turned 180°."""
    x, k = body["input"], body["kernel"]
    s, p, op, d = (body.get(name, default) for name, default in
                   (("stride", 1), ("padding", 0), ("output_padding", 0), ("dilation", 1)))
    h, w, kh, kw = len(x), len(x[0]), len(k), len(k[0])
    inner = [[0.0] * ((w - 1) * s + 1) for _ in range((h - 1) * s + 1)]
    for i in range(h):
        for j in range(w):
            inner[i * s][j * s] = x[i][j]
    top, left = d * (kh - 1) - p, d * (kw - 1) - p
    bottom, right = top + op, left + op
    rows = len(inner) + top + bottom
    cols = len(inner[0]) + left + right
    stuffed = [[0.0] * cols for _ in range(rows)]
    for r in range(rows):
        for q in range(cols):
            a, b = r - top, q - left  # in the inner grid
            if 0 <= a < len(inner) and 0 <= b < len(inner[0]):
                stuffed[r][q] = inner[a][b]
    turned = [[k[kh - 1 - m][kw - 1 - n] for n in range(kw)] for m in range(kh)]
    return np.array(stuffed), np.array(turned)


def texts(grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.cells]


@pytest.mark.parametrize(("query", "body"), CASES)
def test_the_direct_view_fills_in_the_api_s_output(client, query, body):
    expected = api_output(client, body)
    shown = story(query + "&view=direct")
    assert shown.steps == len(expected) * len(expected[0])  # a frame per output cell
    last = shown.scene(shown.steps - 1)
    assert texts(last.columns[2][0]) == [[fmt(v) for v in row] for row in expected]
    for step in range(shown.steps):
        (line,) = shown.scene(step).equation
        r, c = divmod(step, len(expected[0]))
        assert line.label == f"output[{r}, {c}]" and line.result == fmt(expected[r][c])


@pytest.mark.parametrize(("query", "body"), CASES)
def test_the_stuffed_input_and_the_turned_kernel_follow_the_definition(client, query, body):
    stuffed, turned = definition(body)
    shown = story(query + "&view=direct")
    scene = shown.scene(0)
    assert texts(scene.columns[0][0]) == [[fmt(v) for v in row] for row in stuffed]
    assert texts(scene.columns[1][0]) == [[fmt(v) for v in row] for row in turned]
    # and the definition's own stride-1 sliding gives the API's numbers
    expected = np.array(api_output(client, body))
    kh, kw, d = *turned.shape, body.get("dilation", 1)
    for r in range(expected.shape[0]):
        for c in range(expected.shape[1]):
            total = sum(stuffed[r + m * d, c + n * d] * turned[m, n] for m in range(kh) for n in range(kw))
            assert total == pytest.approx(expected[r, c])


def test_each_direct_sum_writes_its_non_zero_products_and_counts_the_zeros():
    shown = story(CASES[0][0] + "&view=direct")
    for step in range(shown.steps):
        (line,) = shown.scene(step).equation
        terms = [term for group in line.groups for term in group]
        zeros = [t for t in terms if t.endswith("\u00d7 0")]
        products = [t.strip("()").split("\u00d7") for t in terms if t not in zeros]
        assert all(float(value) != 0 for value, _ in products)
        assert len(products) + sum(int(t.split()[0]) for t in zeros) == 9  # every cell of the 3×3 window
        assert fmt(sum(float(a) * float(b) for a, b in products)) == line.result


def test_both_views_show_the_cell_the_step_finishes(client):
    query, body = CASES[0]
    expected = api_output(client, body)
    shown = story(query)  # both, as the page
    for step in range(shown.steps):
        scene = shown.scene(step)
        assert len(scene.columns) == 4 and scene.operators[-1] == "\u2190"
        scatter, direct = scene.equation
        assert scatter.label.startswith("Scatter") and direct.label.startswith("As a convolution")
        (r, c), at = shown.focus(step)
        assert at == step  # with this stride every input cell finishes a cell
        assert direct.label.endswith(f"output[{r}, {c}]") and direct.result == fmt(expected[r][c])
        canvas = scene.columns[2][0]
        top, left, bottom, right = canvas.window
        assert (top, left) == (bottom, right) and canvas.cells[top][left].text == fmt(expected[r][c])


def coverage_from_definition(size: int, kernel: int, stride: int) -> list[list[int]]:
    out = (size - 1) * stride + kernel
    found = [[0] * out for _ in range(out)]
    for i in range(size):
        for j in range(size):
            for m in range(kernel):
                for n in range(kernel):
                    found[i * stride + m][j * stride + n] += 1
    return found


@pytest.mark.parametrize("view", ["both", "scatter", "direct"])
def test_the_checkerboard_s_coverage_counts_the_input_cells_reaching_each_output_cell(view):
    expected = coverage_from_definition(3, 3, 2)
    most = max(max(row) for row in expected)
    shown = story(f"{CHECKERBOARD}&cov=1&view={view}")
    seen: dict[tuple[int, int], str] = {}
    for step in range(shown.steps):
        for r, row in enumerate(shown.scene(step).columns[2][0].cells):  # the canvas, or the direct output
            for c, cell in enumerate(row):
                if cell.kind != "current":  # the corner holds the product being added
                    seen.setdefault((r, c), cell.badge)
                if cell.shade is not None:
                    assert cell.shade == math.ceil(4 * expected[r][c] / most)
    assert [[seen[(r, c)] for c in range(7)] for r in range(7)] == [[str(n) for n in row] for row in expected]
    assert {n for row in expected for n in row} == {1, 2, 4}


def test_coverage_changes_the_file(client):
    plain = image(client.get(f"/transposed.png?{CHECKERBOARD}&scale=1").content)
    shaded = image(client.get(f"/transposed.png?{CHECKERBOARD}&cov=1&scale=1").content)
    assert plain.size == shaded.size and differ(plain, shaded)


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_shaded_cells_read_in_every_theme(theme):
    """Every text on a shaded cell (its value, its count) at 4.5:1 or more against the shade."""
    shown = story(f"{CHECKERBOARD}&cov=1")
    scenes = [shown.scene(s) for s in range(shown.steps)]
    layout = Layout(scenes, THEMES[theme], server_fonts(), 1, "sans-bold")
    shades = {THEMES[theme].rgb[f"shade-{k}"] for k in range(5)}
    checked = 0
    for scene in scenes:
        for item in layout.draw(scene).items:
            if isinstance(item, Group) and isinstance(item.items[0], Rect) and item.items[0].fill in shades:
                for text in (t for t in item.items if isinstance(t, Text)):
                    assert contrast(text.fill, item.items[0].fill) >= 4.5
                    checked += 1
    assert checked > 49  # every output cell's count, and the values of the finished ones


def test_an_animation_of_the_direct_view_has_a_frame_per_output_cell(client):
    response = client.get(f"/transposed.gif?{CASES[0][0]}&view=direct&scale=1")
    assert response.status_code == 200
    assert len(frames(response.content)) == 36  # 6×6


@pytest.mark.parametrize(("query", "field"), [("view=sideways", "view"), ("cov=yes", "cov")])
def test_a_malformed_view_or_coverage_is_a_422_naming_its_field(client, query, field):
    response = client.get(f"/transposed.png?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["query", field]
