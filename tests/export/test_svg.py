"""The SVG is text, not a picture of text: it parses, holds the step's equation, and draws no raster."""

import xml.etree.ElementTree as ET

from app.web.export.numbers import fmt

from .helpers import BANK_BODY, BANK_QUERY, image, trace_of

SVG = "{http://www.w3.org/2000/svg}"


def texts(content: bytes) -> list[str]:
    root = ET.fromstring(content)
    assert root.tag == f"{SVG}svg"
    assert root.find(f".//{SVG}image") is None  # nothing embedded
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


def test_the_worked_example_s_first_step_reads_as_the_design_writes_it(client):
    response = client.get("/convolution.svg")
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert "(1×1) + (2×1) + (4×0) + (5×2) = 13" in texts(response.content)


def test_every_step_s_svg_holds_its_value_from_the_api(client):
    trace = trace_of(client, BANK_BODY)
    for step in range(trace["steps"]):
        lines = texts(client.get(f"/convolution.svg?{BANK_QUERY}&step={step + 1}").content)
        total = next(line for line in lines if line.startswith("Σ channels: "))
        assert total.endswith(f" = {fmt(trace['value'][step])}")
        assert f"step {step + 1} / {trace['steps']}" in lines


def test_the_svg_is_as_large_as_the_png(client):
    root = ET.fromstring(client.get("/convolution.svg?scale=3").content)
    size = image(client.get("/convolution.png?scale=3").content).size
    assert (int(root.get("width")), int(root.get("height"))) == size
