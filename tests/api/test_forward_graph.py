"""POST /api/forward with a graph: names, inputs, outputs, and the errors that name a layer."""

import pytest

INPUT = [[1, -2], [3, -4]]
BRANCHES = [  # two branches from the input
    {"type": "relu", "name": "positive"},
    {"type": "maxpool", "name": "pooled", "size": 2, "inputs": ["input"]},
    {"type": "flatten", "name": "flat", "inputs": ["positive"]},
]


def forward(client, **body):
    return client.post("/api/forward", json={"input": INPUT, "layers": BRANCHES, **body})


def test_every_layer_answers_its_name_and_inputs(client):
    body = forward(client).json()
    assert [(layer["name"], layer["type"], layer["inputs"], layer["shape"]) for layer in body["layers"]] == [
        ("positive", "relu", ["input"], [1, 2, 2]), ("pooled", "maxpool", ["input"], [1, 1, 1]),
        ("flat", "flatten", ["positive"], [4])]
    assert body["layers"][1]["output"] == [[[3]]]
    assert body["output"] == [1, 0, 3, 0] and body["shape"] == [4]


def test_default_names_are_the_indexes(client):
    body = client.post("/api/forward", json={"input": INPUT, "layers": [{"type": "relu"}, {"type": "flatten"}]})
    assert [(layer["name"], layer["inputs"]) for layer in body.json()["layers"]] == [("0", ["input"]), ("1", ["0"])]


@pytest.mark.parametrize("outputs, names", [("all", ["positive", "pooled", "flat"]), ("final", ["flat"]),
                                            (["pooled"], ["pooled"]), (["flat", "positive"], ["positive", "flat"])])
def test_outputs_choose_the_layers_answered(client, outputs, names):
    body = forward(client, outputs=outputs).json()
    assert [layer["name"] for layer in body["layers"]] == names
    assert body["output"] == [1, 0, 3, 0]  # the last layer's, always


def test_an_unknown_output_is_named(client):
    response = forward(client, outputs=["pooled", "nowhere"])
    assert response.status_code == 422
    assert response.json()["detail"] == 'outputs[1]: there is no layer named "nowhere".'
    assert response.json()["errors"][0]["loc"] == ["body", "outputs", 1]


@pytest.mark.parametrize("layers, detail, loc", [
    ([{"type": "relu", "name": "a"}, {"type": "relu", "name": "a"}],
     'layers[1] "a" (relu): the name "a" is taken by layer 0.', ["body", "layers", 1, "name"]),
    ([{"type": "relu", "inputs": ["later"]}, {"type": "relu", "name": "later"}],
     'layers[0] (relu): input "later" is not an earlier layer: a layer can take only layers before it '
     '(or "input"), so that the graph has no cycle.', ["body", "layers", 0, "inputs"]),
    ([{"type": "relu", "name": "r", "inputs": ["input", "input"]}],
     'layers[0] "r" (relu): takes 1 input, got 2.', ["body", "layers", 0, "inputs"]),
    ([{"type": "flatten", "name": "flat"}, {"type": "maxpool", "name": "pool", "size": 2}],
     'layers[1] "pool" (maxpool): maxpool needs a C×H×W input, got shape [4].', ["body", "layers", 1]),
])
def test_graph_errors_name_the_layer_by_name_and_type(client, layers, detail, loc):
    response = client.post("/api/forward", json={"input": INPUT, "layers": layers})
    assert response.status_code == 422
    assert response.json()["detail"] == detail
    assert response.json()["errors"][0]["loc"] == loc


@pytest.mark.parametrize("field, value, detail", [
    ("name", "", "layers[0] (relu).name must have at least 1 character."),
    ("inputs", [], "layers[0] (relu).inputs must not be empty."),
])
def test_malformed_names_are_refused(client, field, value, detail):
    response = client.post("/api/forward", json={"input": INPUT, "layers": [{"type": "relu", field: value}]})
    assert response.status_code == 422
    assert response.json()["detail"] == detail
