"""/activation's view as a file: one frame per cell of the feature map (the page's player's steps), the
value line of each step as the page writes it, against the API's own output."""

import xml.etree.ElementTree as ET

import pytest

from app.web.export.numbers import fmt

from .helpers import differ, frames, image

SVG = "{http://www.w3.org/2000/svg}"
# The page's default: ReLU over its 5×5 example map (state.js EXAMPLE_MAP).
EXAMPLE_MAP = [[-3, 1, 0.5, -1, 2], [2.5, -0.5, -2, 1.5, 0], [-1.5, 3, -2.5, 0, 1], [0.5, -1, 2, -3, 1.5],
               [1, -2, -0.5, 2.5, -1.5]]
SMALL_QUERY = "map=-2,0.5,3;1,-1,0&f=leaky_relu&a=0.2"
SMALL_BODY = {"input": [[-2, 0.5, 3], [1, -1, 0]], "function": "leaky_relu", "alpha": 0.2}


def output_of(client, body: dict) -> list[list[float]]:
    response = client.post("/api/activate", json=body)
    assert response.status_code == 200
    return response.json()["output"]


def texts(content: bytes) -> list[str]:
    return ["".join(element.itertext()) for element in ET.fromstring(content).iter(f"{SVG}text")]


@pytest.mark.parametrize("extension", ["gif", "apng", "webp"])
def test_an_animation_has_one_frame_per_cell_and_the_first_differs_from_the_last(client, extension):
    shown = frames(client.get(f"/activation.{extension}?scale=1&{SMALL_QUERY}").content)
    assert len(shown) == 6
    assert differ(shown[0], shown[-1])
    assert len(frames(client.get(f"/activation.{extension}?scale=1").content)) == len(EXAMPLE_MAP) * len(EXAMPLE_MAP[0])


def test_every_format_is_sized_by_scale(client):
    one = image(client.get("/activation.png?scale=1").content).size
    for extension in ("gif", "apng", "webp", "png"):
        assert image(client.get(f"/activation.{extension}?scale=2").content).size == (one[0] * 2, one[1] * 2)
    root = ET.fromstring(client.get("/activation.svg?scale=2").content)
    assert (int(root.get("width")), int(root.get("height"))) == (one[0] * 2, one[1] * 2)


def test_the_default_view_s_first_step_is_relu_of_the_first_cell(client):
    relu = output_of(client, {"input": EXAMPLE_MAP, "function": "relu"})
    assert f"ReLU({fmt(EXAMPLE_MAP[0][0])}) = {fmt(relu[0][0])}" in texts(client.get("/activation.svg").content)
    assert "ReLU(−3) = 0" in texts(client.get("/activation.svg").content)


def test_every_step_s_value_line_is_the_api_s(client):
    output = output_of(client, SMALL_BODY)
    for step in range(6):
        r, q = divmod(step, 3)
        lines = texts(client.get(f"/activation.svg?{SMALL_QUERY}&step={step + 1}").content)
        assert f"LeakyReLU({fmt(SMALL_BODY['input'][r][q])}) = {fmt(output[r][q])}" in lines


def test_the_page_s_alpha_default_is_used_where_the_query_gives_none(client):
    output = output_of(client, {"input": [[-3]], "function": "leaky_relu", "alpha": 0.1})  # the page's, not 0.01
    assert f"LeakyReLU(−3) = {fmt(output[0][0])}" in texts(client.get("/activation.svg?map=-3&f=leaky_relu").content)


@pytest.mark.parametrize(("query", "field"), [
    ("f=softmax", "f"), ("map=1,2;3", "map"), ("map=1|2", "map"), ("map=x", "map"), ("f=elu&a=x", "a"),
    ("f=elu&a=inf", "a"), ("step=26", "step"),
])
def test_a_malformed_field_is_a_422_naming_it_in_one_sentence(client, query, field):
    response = client.get(f"/activation.png?{query}")
    assert response.status_code == 422, response.text
    sentence = response.json()["detail"]
    assert sentence.split()[0].rstrip(":") == field
    assert sentence.endswith(".") and ". " not in sentence.removesuffix(".")


def test_the_api_s_own_limits_apply(client_with):
    response = client_with(max_input_elements=4).get("/activation.gif")
    assert response.status_code == 413 and "the number of values in input" in response.json()["detail"]


@pytest.mark.parametrize("query", [
    "map=" + "9" * 400, "map=1e308&f=elu&a=1e308", "map=-1e308&f=elu&a=10", "map=;", "map=,", "f=", "a=-1&f=elu",
    "map=%00", "map=" + ",".join(["1"] * 3000), "f=relu&f=tanh", "step=99999999999999999999",
])
def test_hostile_queries_never_make_a_500(client, query):
    response = client.get(f"/activation.png?{query}&scale=1")
    assert response.status_code in (200, 413, 422), response.text


def test_the_curve_is_the_api_s_function_with_the_step_s_cell_on_it(client):
    from app.settings import Settings
    from app.web.export import activation
    from app.web.export.labels import Labels
    from app.web.export.scene import Plot

    shown = activation.plan({"map": "-2,0.5,3;1,-1,0", "f": "leaky_relu", "a": "0.2"}, Settings()).story(
        Labels("activation", "en"))
    output = output_of(client, SMALL_BODY)
    (curve,) = shown.scene(2).columns[2]
    assert isinstance(curve, Plot) and curve.x_range == (-5, 5)  # ±5 holds every value of the map
    (line,) = curve.curves
    assert len(line.xs) == 401
    assert line.ys == pytest.approx(output_of(client, {**SMALL_BODY, "input": [list(line.xs)]})[0])
    *cells, point = curve.dots
    assert [(d.x, d.y) for d in cells] == [(v, w) for row, out in zip(SMALL_BODY["input"], output, strict=True)
                                          for v, w in zip(row, out, strict=True)]
    assert (point.x, point.y, point.guides) == (3, output[0][2], True)  # step 3: the cell (0, 2)


def test_a_map_s_largest_value_widens_the_curve_s_range_to_the_next_integer():
    from app.settings import Settings
    from app.web.export import activation
    from app.web.export.labels import Labels

    shown = activation.plan({"map": "-7.5,1;2,0"}, Settings()).story(Labels("activation", "en"))
    assert shown.scene(0).columns[2][0].x_range == (-8, 8)


@pytest.mark.parametrize("function", ["relu", "leaky_relu", "elu", "sigmoid", "tanh", "gelu"])
def test_the_default_map_exports_at_scale_2_within_the_pixel_limit_for_every_function(client, function):
    assert client.get(f"/activation.png?f={function}&scale=2").status_code == 200  # GELU's numbers are the longest
