"""Malformed queries are a 422 naming the field in one sentence, views too large a 413, both before
anything is drawn; hostile queries never make a 500."""

import pytest

ONES_32 = ";".join([",".join(["1"] * 32)] * 32)


def detail(response) -> str:
    return response.json()["detail"]


@pytest.mark.parametrize(("query", "field"), [
    ("in=1,2;x", "in"),
    ("in=1,2;3", "in"),  # ragged rows: the API's schema says so
    ("in=nan", "in"),
    ("in=1e400", "in"),
    ("k=1;;2", "k"),
    ("k=1,1,1,1;1,1,1,1", "k"),  # larger than the padded input
    ("b=1,2", "b"),
    ("p=-1", "p"),
    ("p=1,2,3", "p"),
    ("p=same&s=2", "p"),
    ("s=0", "s"),
    ("d=x", "d"),
    ("m=flip", "m"),
    ("pm=mirror", "pm"),
    ("g=0", "g"),
    ("g=2", "g"),
    ("theme=neon", "theme"),
    ("scale=0", "scale"),
    ("scale=5", "scale"),
    ("scale=1.5", "scale"),
    ("fps=0", "fps"),
    ("fps=nan", "fps"),
    ("fps=100", "fps"),
    ("loop=-1", "loop"),
    ("lang=fr", "lang"),
    ("step=0", "step"),
    ("step=5", "step"),
    ("step=two", "step"),
    ("src=digit-3", "in"),
    ("src=digit-99&in=1&k=1", "src"),
    ("src=shape-star&in=1&k=1", "src"),
    ("src=digit-3&in=1&k=1&zoom=a", "zoom"),
])
def test_a_malformed_field_is_a_422_naming_it_in_one_sentence(client, query, field):
    response = client.get(f"/convolution.png?{query}")
    assert response.status_code == 422, response.text
    sentence = detail(response)
    assert sentence.split()[0].rstrip(":") == field
    assert sentence.endswith(".") and ". " not in sentence.removesuffix(".")


def test_more_frames_than_the_limit_is_a_413(client):
    # two 1×1 filters over 32×32: 2,048 steps, one frame each
    response = client.get(f"/convolution.gif?in={ONES_32}&k=1/2")
    assert response.status_code == 413
    assert detail(response).startswith("the number of frames (steps) of the view is 2,048, over the limit of 1,024")


def test_the_frame_limit_is_the_server_s_setting(client_with):
    response = client_with(max_export_frames=3).get("/convolution.png")
    assert response.status_code == 413 and "CONVSCOPE_MAX_EXPORT_FRAMES" in detail(response)


def test_a_frame_over_4_megapixels_is_a_413(client):
    # a 20×20 input at scale 4: about 3,900 px a side
    row = ",".join(["1"] * 20)
    response = client.get(f"/convolution.png?in={';'.join([row] * 20)}&k={';'.join(['1'] * 20)}&scale=4")
    assert response.status_code == 413
    assert detail(response).startswith("the pixels of one frame (")
    assert "over the limit of 4,000,000" in detail(response)


def test_the_pixel_limit_is_the_server_s_setting(client_with):
    response = client_with(max_export_pixels=1000).get("/convolution.svg")
    assert response.status_code == 413 and "CONVSCOPE_MAX_EXPORT_PIXELS" in detail(response)


def test_the_api_s_own_limits_apply(client_with):
    response = client_with(max_input_elements=4).get("/convolution.gif")
    assert response.status_code == 413 and "the number of values in input" in detail(response)


@pytest.mark.parametrize("query", [
    "in=" + "9" * 400, "in=1e300,1e300;1e300,1e300&k=1e300,1e300;1e300,1e300", "step=99999999999999999999",
    "scale=1e309", "fps=inf", "fps=-0", "loop=1e3", "in=%00", "in=%E2%88%921", "k=" + "1," * 3000 + "1",
    "in=|||", "in=;", "in=,", "k=/", "p=", "in=1&in=x", "theme=", "lang=ko&lang=xx", "d=99999", "s=1,1,1",
    "in=" + ";".join(["0"] * 4) + "&k=1", "b=0", "b=-0.000001", "in=-1,-2;-3,-4&k=1", "in=0.1,0.2;0.3,0.4&k=1",
])
def test_hostile_queries_never_make_a_500(client, query):
    response = client.get(f"/convolution.png?{query}&scale=1")
    assert response.status_code in (200, 413, 422), response.text


def test_an_animation_s_pixels_all_together_have_a_limit_that_a_still_does_not(client_with):
    limited = client_with(max_export_total_pixels=1_000_000)  # the worked example: 4 frames of about 0.6 MP
    response = limited.get("/convolution.webp")
    assert response.status_code == 413 and "CONVSCOPE_MAX_EXPORT_TOTAL_PIXELS" in detail(response)
    assert detail(response).startswith("the pixels of all 4 frames (")
    assert limited.get("/convolution.png").status_code == 200
