"""/pooling's query: a malformed field is a 422 naming it in one sentence, a view too large a 413, both
before anything is drawn; hostile queries never make a 500."""

import pytest

ONES_32 = ";".join([",".join(["1"] * 32)] * 32)


def detail(response) -> str:
    return response.json()["detail"]


@pytest.mark.parametrize(("query", "field"), [
    ("in=1,2;x", "in"),
    ("in=1,2;3", "in"),  # ragged rows: the API's schema says so
    ("in=1,2;3,4|5,6", "in"),  # channels of different shapes
    ("in=inf", "in"),
    ("in=1e308,1e308;1e308,1e308&kind=avg", "in"),  # the mean overflows
    ("kind=min", "kind"),
    ("size=0", "size"),
    ("size=x", "size"),
    ("size=5", "size"),  # larger than the 4×4 input
    ("stride=0", "stride"),
    ("stride=1,2,3", "stride"),
    ("pad=-1", "pad"),
    ("pad=2", "pad"),  # more than half the 2×2 window
    ("step=5", "step"),
    ("theme=neon", "theme"),
    ("lang=fr", "lang"),
])
def test_a_malformed_field_is_a_422_naming_it_in_one_sentence(client, query, field):
    response = client.get(f"/pooling.png?{query}")
    assert response.status_code == 422, response.text
    sentence = detail(response)
    assert sentence.split()[0].rstrip(":") == field
    assert sentence.endswith(".") and ". " not in sentence.removesuffix(".")


def test_more_frames_than_the_limit_is_a_413(client):
    # two 32×32 channels with a 1×1 window: 2,048 steps, one frame each
    response = client.get(f"/pooling.gif?in={ONES_32}|{ONES_32}&size=1")
    assert response.status_code == 413
    assert detail(response).startswith("the number of frames (steps) of the view is 2,048, over the limit of 1,024")


def test_a_frame_over_4_megapixels_is_a_413(client):
    row = ",".join(["1"] * 20)
    response = client.get(f"/pooling.png?in={';'.join([row] * 20)}&size=1&scale=4")
    assert response.status_code == 413
    assert detail(response).startswith("the pixels of one frame (")
    assert "over the limit of 4,000,000" in detail(response)


def test_the_api_s_own_limits_apply(client_with):
    response = client_with(max_input_elements=4).get("/pooling.gif")
    assert response.status_code == 413 and "the number of values in input" in detail(response)


@pytest.mark.parametrize("query", [
    "in=" + "9" * 400, "in=1e300,1e300;1e300,1e300&kind=avg", "in=-1e308,1e308;1,1&kind=avg&size=1",
    "step=99999999999999999999", "in=%00", "in=%E2%88%921", "in=|||", "in=;", "in=,", "size=", "size=99999",
    "stride=99999", "pad=99999", "pad=1,1,1", "kind=", "kind=max&kind=avg", "in=1&size=1&pad=0",
    "in=-1,-2;-3,-4&size=1", "in=0.1,0.2;0.3,0.4&kind=avg", "in=" + ",".join(["1"] * 3000), "size=2,0", "pad=,",
])
def test_hostile_queries_never_make_a_500(client, query):
    response = client.get(f"/pooling.png?{query}&scale=1")
    assert response.status_code in (200, 413, 422), response.text
