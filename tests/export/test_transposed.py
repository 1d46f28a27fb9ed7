"""The /transposed page's scatter as a file: a frame per input cell, the output canvas filling in until
it holds the API's output, and each finished cell's sum written term by term."""

import xml.etree.ElementTree as ET

import pytest

from app.settings import Settings
from app.web.export import transposed
from app.web.export.labels import Labels
from app.web.export.numbers import fmt

from .helpers import differ, frames, image

# The guide's "padding, strides, odd, transposed": 3×3 in, 3×3 kernel, stride 2, padding 1, output padding 1
QUERY = "in=1,2,3;4,5,6;7,8,9&k=1,2,0;0,1,2;2,0,1&s=2&p=1&op=1"
BODY = {"input": [[1, 2, 3], [4, 5, 6], [7, 8, 9]], "kernel": [[1, 2, 0], [0, 1, 2], [2, 0, 1]], "stride": 2,
        "padding": 1, "output_padding": 1}


def story(query: str = QUERY):
    fields = dict(part.split("=", 1) for part in query.split("&"))
    return transposed.plan(fields, Settings()).story(Labels("transposed", "en"))


def api_output(client) -> list[list[float]]:
    response = client.post("/api/conv_transpose", json=BODY)
    assert response.status_code == 200
    return response.json()["output"]


@pytest.mark.parametrize("extension", ["gif", "apng", "webp"])
def test_an_animation_has_a_frame_per_input_cell(client, extension):
    response = client.get(f"/transposed.{extension}?{QUERY}&scale=1")
    assert response.status_code == 200
    shown = frames(response.content)
    assert len(shown) == 9 and differ(shown[0], shown[-1])
    two = image(client.get(f"/transposed.png?{QUERY}&scale=2").content)
    assert (shown[0].width * 2, shown[0].height * 2) == two.size


def test_the_canvas_ends_as_the_api_s_output_and_the_border_is_cropped(client):
    shown, expected = story(), api_output(client)
    canvas = shown.scene(shown.steps - 1).columns[2][0]
    inside = [[cell for cell in row if cell.kind not in ("pad", "pad-window")] for row in canvas.cells]
    inside = [row for row in inside if row]
    assert [[cell.text for cell in row] for row in inside] == [[fmt(v) for v in row] for row in expected]
    assert (len(canvas.cells), len(canvas.cells[0])) == (7, 7)  # (3 − 1)·2 + 3 rows land; 6×6 are kept


def test_each_step_s_sum_is_the_cell_it_finishes_term_by_term(client):
    shown, expected = story(QUERY + "&view=scatter"), api_output(client)  # the scatter's line alone
    finished = 0
    for step in range(shown.steps):
        (line,) = shown.scene(step).equation
        r, c = (int(v) for v in line.label.removeprefix("output[").removesuffix("]").split(", "))
        terms = [term.strip("()").split("\u00d7") for (term,) in line.groups]
        assert fmt(sum(float(a) * float(b) for a, b in terms)) == line.result
        if line.final:
            finished += 1
            assert line.result == fmt(expected[r][c])
    assert finished == shown.steps  # with this stride every input cell finishes a cell


def test_the_svg_holds_the_step_s_sum_as_text(client):
    response = client.get(f"/transposed.svg?{QUERY}&step=1")
    assert response.status_code == 200
    text = " ".join(t for t in ET.fromstring(response.content).itertext())
    assert "output[0, 0]" in text and "(1\u00d71)" in text  # x(0, 0) = 1 lands on output[0, 0] with K(1, 1) = 1


@pytest.mark.parametrize(("query", "field"), [
    ("op=2&s=2", "op"),  # output padding must be smaller than the stride or the dilation
    ("in=1,2|3,4", "in"),  # one channel
    ("k=1,x", "k"),
    ("s=two", "s"),
])
def test_a_malformed_query_is_a_422_naming_its_field(client, query, field):
    response = client.get(f"/transposed.png?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["query", field]
