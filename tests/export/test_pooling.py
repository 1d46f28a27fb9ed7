"""/pooling's view as a file: one frame per step of the API's trace, the window, max pooling's winner and
its −∞ padding as the page shows them, the step's equation as the page's equation.js writes it."""

import xml.etree.ElementTree as ET

import pytest

from app.settings import Settings
from app.web.export import pooling
from app.web.export.labels import Labels
from app.web.export.numbers import fmt
from app.web.export.scene import Operator

from .helpers import differ, frames, image

SVG = "{http://www.w3.org/2000/svg}"
FORMATS = ("gif", "apng", "webp", "png", "svg")
# The page's default is the worked example: 4×4, max pooling with a 2×2 window (stride: the window's size).
DEFAULT_BODY = {"input": [[[1, 3, 2, 4], [5, 6, 1, 2], [7, 2, 9, 0], [1, 8, 3, 4]]], "kind": "max", "size": [2, 2]}
# The page's "overlapping windows" example (3×3, stride 2) with padding 1, in the page's query and as the API's request.
OVERLAP = [[1, 3, 2, 4, 0], [5, 6, 1, 2, 7], [7, 2, 4, 0, 3], [1, 8, 3, 4, 2], [0, 5, 2, 6, 1]]
PADDED_QUERY = "in=" + ";".join(",".join(map(str, row)) for row in OVERLAP) + "&size=3&stride=2&pad=1"
PADDED_BODY = {"input": [OVERLAP], "size": [3, 3], "stride": [2, 2], "padding": [1, 1]}
TWO_CHANNELS_QUERY = "in=1,2;3,4|5,6;7,8&kind=avg&size=1"
TWO_CHANNELS_BODY = {"input": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "kind": "avg", "size": [1, 1]}
VIEWS = [("", DEFAULT_BODY), (f"{PADDED_QUERY}&kind=max", {**PADDED_BODY, "kind": "max"}),
         (f"{PADDED_QUERY}&kind=avg", {**PADDED_BODY, "kind": "avg"}), (TWO_CHANNELS_QUERY, TWO_CHANNELS_BODY)]


def trace_of(client, body: dict) -> dict:
    response = client.post("/api/pool", json={**body, "trace": True})
    assert response.status_code == 200
    return response.json()["trace"]


def texts(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    assert root.find(f".//{SVG}image") is None  # text, not a picture of it
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def equation(trace: dict, step: int) -> str:
    """Step `step` as the page's equation.js writes it, from the API's trace (null: −∞ padding)."""
    terms = [fmt(float("-inf") if v is None else v) for row in trace["values"][step] for v in row]
    if trace.get("winner") is not None:
        return f"max({', '.join(terms)}) = {fmt(trace['value'][step])}"
    return f"({' + '.join(terms)}) ÷ {fmt(trace['count'])} = {fmt(trace['value'][step])}"


def story(query: str):
    fields = dict(part.split("=", 1) for part in query.split("&")) if query else {}
    return pooling.plan(fields, Settings()).story(Labels("pooling", "en"))


@pytest.mark.parametrize(("query", "body"), VIEWS)
@pytest.mark.parametrize("extension", ["gif", "apng", "webp"])
def test_an_animation_has_one_frame_per_step_and_the_first_differs_from_the_last(client, extension, query, body):
    response = client.get(f"/pooling.{extension}?scale=1&{query}")
    assert response.status_code == 200
    shown = frames(response.content)
    assert len(shown) == trace_of(client, body)["steps"]
    assert differ(shown[0], shown[-1])


def test_every_format_is_sized_by_scale(client):
    one = image(client.get("/pooling.png?scale=1").content).size
    for extension in FORMATS:
        response = client.get(f"/pooling.{extension}?scale=3")
        if extension == "svg":
            root = ET.fromstring(response.content)
            size = (int(root.get("width")), int(root.get("height")))
        else:
            size = image(response.content).size
        assert size == (one[0] * 3, one[1] * 3), extension


def test_the_default_view_s_first_step_reads_as_the_page_writes_it(client):
    lines = texts(client.get("/pooling.svg").content)
    assert equation(trace_of(client, DEFAULT_BODY), 0) in lines
    assert "max(1, 3, 5, 6) = 6" in lines  # the page's own comment on its first step
    assert "step 1 / 4" in lines


@pytest.mark.parametrize(("query", "body"), VIEWS[1:])
def test_every_step_s_svg_holds_the_api_s_arithmetic(client, query, body):
    trace = trace_of(client, body)
    for step in range(trace["steps"]):
        lines = texts(client.get(f"/pooling.svg?{query}&step={step + 1}").content)
        channel = f"channel {trace['cell'][step][0] + 1}: " if len(body["input"]) > 1 else ""
        assert channel + equation(trace, step) in lines


def test_max_pooling_pads_with_minus_infinity_and_average_pooling_with_zeros():
    for kind, padding in (("max", "−∞"), ("avg", "0")):
        inputs = story(f"{PADDED_QUERY}&kind={kind}").scene(0).columns[0][0]
        assert {cell.text for row in inputs.cells for cell in row if cell.kind in ("pad", "pad-window")} == {padding}
        assert inputs.label.startswith("Input (") and ("−∞" in inputs.label) == (kind == "max")


@pytest.mark.parametrize(("query", "body"), VIEWS)
def test_each_scene_frames_the_trace_s_window_and_marks_its_winner(client, query, body):
    trace, shown = trace_of(client, body), story(query)
    assert shown.steps == trace["steps"]
    for step in range(shown.steps):
        c, i, j = trace["cell"][step]
        scene = shown.scene(step)
        inputs, outputs = scene.columns
        rows, cols = trace["rows"][step], trace["cols"][step]
        assert [grid.window for grid in inputs] == [(rows[0], cols[0], rows[-1], cols[-1]) if g == c else None
                                                    for g in range(len(inputs))]
        marked = [(g, r, q) for g, grid in enumerate(inputs) for r, row in enumerate(grid.cells)
                  for q, cell in enumerate(row) if cell.marked]
        assert marked == ([(c, *trace["winner"][step])] if trace.get("winner") else [])
        current = [(g, r, q) for g, grid in enumerate(outputs) for r, row in enumerate(grid.cells)
                   for q, cell in enumerate(row) if cell.kind == "current"]
        assert current == [(c, i, j)]
        assert sum(cell.kind == "done" for grid in outputs for row in grid.cells for cell in row) == step


def test_the_winner_is_the_first_largest_value_of_its_window():
    """A loop from the definition: max pooling's winner is the window's first maximum in row-major order."""
    shown = story(PADDED_QUERY)
    for step in range(shown.steps):
        window = [cell for row in shown.scene(step).columns[0][0].cells for cell in row
                  if cell.kind in ("window", "pad-window")]
        values = [float(cell.text.replace("−∞", "-inf")) for cell in window]
        first_largest = values.index(max(values))
        assert [cell.marked for cell in window] == [k == first_largest for k in range(len(window))]
        assert window[first_largest].badge == "max"


def test_the_arrow_names_the_pooling_and_its_window_as_the_page_does():
    assert story("").scene(0).operators[0] == Operator("→", "max", ("2×2 window", "stride 2×2"))
    assert story(f"{PADDED_QUERY}&kind=avg").scene(0).operators[0] == Operator("→", "average",
                                                                               ("3×3 window", "stride 2×2"))


def test_korean_labels_and_caption(client):
    response = client.get("/pooling.svg?lang=ko&step=2")
    if "x-convscope-font-fallback" in response.headers:
        pytest.skip("this machine has no Korean font to draw with")
    lines = texts(response.content)
    assert "4단계 중 2단계" in lines and "최대" in lines


def test_a_file_is_named_for_slides(client):
    assert client.get("/pooling.png?step=2").headers["content-disposition"] == 'inline; filename="pooling-step-2.png"'
    assert client.get("/pooling.webp?scale=1").headers["content-disposition"] == 'inline; filename="pooling.webp"'
