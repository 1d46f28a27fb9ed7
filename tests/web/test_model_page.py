"""The explorer for any model (issue 17): an ONNX file opened from the model picker, its graph with
branches, maps loaded as they scroll into view, the top five classes, and a cell's arithmetic, each
number against the API answering the same input."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import numpy as np
import pytest

from .test_network import draw

pytestmark = pytest.mark.browser

MODELS = Path(__file__).resolve().parent.parent / "data" / "onnx"
MIX = MODELS / "tiny_mix.onnx"  # 3×16×16 -> 5 class scores: depthwise, squeeze-excite, concat, add, dense
UNET = MODELS / "tiny_unet.onnx"  # 3×32×32 -> 2×32×32, its bridge a concat over the down path
PREACT = MODELS / "tiny_preact.onnx"  # 3×16×16 -> 4 probabilities: batch norm, a residual add, softmax


def stored(page, live_server, path: Path) -> dict:
    response = page.request.post(f"{live_server}/api/models?title={path.name}", data=path.read_bytes(),
                                 headers={"content-type": "application/octet-stream"})
    assert response.ok, response.text()
    return response.json()


def open_model(page, live_server, name: str, query: str = ""):
    page.goto(f"{live_server}/network?model={name}{query}")
    page.locator(".layer-card.loaded").first.wait_for()
    return page


def sent_inputs(page) -> list:
    """The inputs of the forward passes the page asks for (JSON bodies), as they were sent."""
    bodies = []
    page.on("request", lambda r: bodies.append(json.loads(r.post_data)) if r.url.endswith("/forward")
            and r.method == "POST" and r.headers.get("content-type") == "application/json" else None)
    return bodies


def as_array(compact: dict) -> np.ndarray:
    return np.frombuffer(base64.b64decode(compact["base64"]), "<f4").reshape(compact["shape"])


def test_an_onnx_file_opened_in_the_picker_uploads_and_opens_its_graph(page, live_server):
    page.goto(f"{live_server}/network")
    page.get_by_test_id("model-file").set_input_files(str(UNET))
    page.wait_for_url(re.compile(r"model=[0-9a-f]{64}"))
    page.locator(".layer-card.loaded").first.wait_for()
    summary = page.request.get(f"{live_server}/api/models/{page.url.split('model=')[1][:64]}").json()
    assert page.locator(".layer-card").count() == len(summary["layers"]) + 1  # and the input's
    assert page.get_by_test_id("model-select").input_value() == summary["name"]
    assert "tiny_unet.onnx" in page.locator("#model-summary").inner_text()
    # the U-Net's bridge (the first block's output, concatenated after the way down and up) is a skip
    assert page.locator(".graph-edges path.skip").count() == 1
    # its output is a map, not class scores: nothing to name
    page.wait_for_function("document.getElementById('prediction').textContent.includes('2×32×32')")
    assert not page.get_by_test_id("class-names").is_visible()
    assert page.locator(".graph-edges path").count() == sum(len(layer["inputs"]) for layer in summary["layers"])
    assert "2×32×32" in page.get_by_test_id("top-classes").inner_text()  # a map, not class scores
    assert page.console_errors == [] and page.offsite_requests == []


def test_a_file_the_server_refuses_is_reported_in_the_picker(page, live_server, tmp_path):
    garbage = tmp_path / "notes.onnx"
    garbage.write_bytes(b"these are not the bytes of a model")
    page.goto(f"{live_server}/network")
    page.get_by_test_id("model-file").set_input_files(str(garbage))
    page.wait_for_function("document.getElementById('model-status').textContent.includes('cannot be opened')")
    assert "/network" in page.url and "model=" not in page.url


def test_the_top_five_are_the_apis_for_the_same_photo(page, live_server):
    name = stored(page, live_server, MIX)["name"]
    open_model(page, live_server, name)
    photo = page.request.get(f"{live_server}/static/samples/chelsea.png")
    if not photo.ok:  # the page asks for the sample by its versioned URL
        photo = page.request.get(page.evaluate("new URL('../../../samples/chelsea.png', "
                                               "document.querySelector('script[type=module]').src).href"))
    answer = page.request.post(f"{live_server}/api/models/{name}/forward", data=photo.body(),
                               headers={"content-type": "image/png"}).json()
    rows = page.locator(".top-list li")
    page.wait_for_function("document.querySelectorAll('.top-list li').length === 5")
    assert [rows.nth(k).locator(".top-label").inner_text() for k in range(5)] == [
        f"class {top['index']}" for top in answer["top"]]
    assert "ImageNet" in page.get_by_test_id("preprocessing").inner_text()


IN_LOADER_VIEW = """(() => {  // the cards the map loader sees: the frame widened by half its width each side
    const frame = document.getElementById('graph-frame').getBoundingClientRect();
    return [...document.querySelectorAll('.layer-card')].filter((c) => {
        const box = c.getBoundingClientRect();
        return box.right > frame.left - frame.width / 2 && box.left < frame.right + frame.width / 2;
    }).map((c) => c.dataset.layer).filter((name) => name !== 'input');
})()"""


def test_the_maps_in_view_are_asked_for_first_and_the_rest_after_them(page, live_server):
    name = stored(page, live_server, MIX)["name"]
    bodies = sent_inputs(page)
    open_model(page, live_server, name)
    in_view = page.evaluate(IN_LOADER_VIEW)
    layers = page.evaluate("[...document.querySelectorAll('.layer-card')].map((c) => c.dataset.layer)")[1:]
    # without a scroll every card is drawn
    page.wait_for_function("[...document.querySelectorAll('.layer-card')].every((c) => c.classList.contains('loaded'))")
    first, second = [body["outputs"] for body in bodies if "outputs" in body][:2]  # the tiny model's: a request each
    output = layers[-1]  # answered with the top five
    assert first == in_view
    assert second == [name for name in layers if name not in in_view and name != output]
    assert len(in_view) < len(layers) - 1  # some were out of view


def long_chain_model(layers: int = 24) -> bytes:
    """A convolution from 1 channel to 32 on 1×128×128, then ReLUs: 524,288 numbers a layer."""
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.random.default_rng(0).standard_normal((32, 1, 3, 3)).astype(np.float32), "w")
    nodes = [helper.make_node("Conv", ["x", "w"], ["a0"], pads=[1, 1, 1, 1])]
    nodes += [helper.make_node("Relu", [f"a{k}"], [f"a{k + 1}"]) for k in range(layers - 1)]
    graph = helper.make_graph(nodes, "chain", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, 128, 128])],
                              [helper.make_tensor_value_info(f"a{layers - 1}", TensorProto.FLOAT, [1, 32, 128, 128])],
                              initializer=[weight])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def test_fetching_ahead_stops_at_its_budget_and_scrolling_still_loads(page, live_server):
    """The loader fetches ahead only while what it holds stays within 8,388,608 numbers (16 of these layers)."""
    name = page.request.post(f"{live_server}/api/models", data=long_chain_model(),
                             headers={"content-type": "application/octet-stream"}).json()["name"]
    open_model(page, live_server, name, "&sample=random")
    in_view = page.evaluate(IN_LOADER_VIEW)
    layers = page.evaluate("[...document.querySelectorAll('.layer-card')].map((c) => c.dataset.layer)")[1:]
    # Held without fetching ahead: the layers in view and the output (with the top five). Ahead of them,
    # the next ones in graph order while all held stay within 16 layers' numbers.
    unasked = [name for name in layers if name not in in_view and name != layers[-1]]
    room = 16 - len(in_view) - 1
    assert 0 < room < len(unasked)  # this window leaves room for some, not all
    page.locator(f".layer-card[data-layer='{unasked[room - 1]}'].loaded").wait_for()
    page.wait_for_timeout(700)  # time for any more
    held = page.evaluate("[...document.querySelectorAll('.layer-card.loaded')].map((c) => c.dataset.layer)")
    assert [name for name in held if name in unasked] == unasked[:room]
    # a scroll to the first not held still loads it
    page.locator(f".layer-card[data-layer='{unasked[room]}']").scroll_into_view_if_needed()
    page.locator(f".layer-card[data-layer='{unasked[room]}'].loaded").wait_for()


def test_a_conv_cells_arithmetic_is_the_layers_output_at_that_cell(page, live_server):
    summary = stored(page, live_server, MIX)
    bodies = sent_inputs(page)
    conv = next(layer for layer in summary["layers"] if layer["type"] == "conv2d")
    open_model(page, live_server, summary["name"], "&sample=random")
    page.locator(f"[data-layer='{conv['name']}'] .map").nth(2).click()
    page.get_by_test_id("equation").locator(".result").wait_for()
    step = page.evaluate("Number(new URLSearchParams(location.search).get('step')) - 1")
    given = next(body["input"] for body in bodies if "input" in body)
    everything = page.request.post(f"{live_server}/api/models/{summary['name']}/forward",
                                   data={"input": as_array(given).tolist(), "outputs": [conv["name"]]}).json()
    output = np.array(everything["layers"][0]["output"])
    width = conv["shape"][2]
    value = output[2, step // width, step % width]
    shown = page.get_by_test_id("equation").locator(".result").inner_text()
    assert float(shown.replace("\u2212", "-")) == pytest.approx(value, rel=2e-2, abs=2e-3)
    assert page.locator(".channel-card").count() == min(4, summary["input_shape"][0])
    # the next cell, from the keyboard
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"new URLSearchParams(location.search).get('step') === '{step + 2}'")


def test_shift_arrows_walk_the_layers_and_their_maps(page, live_server):
    summary = stored(page, live_server, MIX)
    open_model(page, live_server, summary["name"])
    page.locator("#graph-frame").focus()
    page.keyboard.press("Shift+ArrowRight")
    page.wait_for_function("new URLSearchParams(location.search).get('map') === '0,input'")
    page.keyboard.press("Shift+ArrowRight")
    first = summary["layers"][0]["name"]
    page.wait_for_function(f"new URLSearchParams(location.search).get('map') === '0,{first}'")
    page.keyboard.press("Shift+ArrowDown")
    page.wait_for_function(f"new URLSearchParams(location.search).get('map') === '1,{first}'")
    assert "map 2" in page.locator("#detail-title").inner_text()


@pytest.mark.parametrize("kind, words", [
    ("add", " + "), ("dense", "Σ weight × input over 8 inputs"), ("concat", "A copy"),
])
def test_other_layers_show_their_own_arithmetic(page, live_server, kind, words):
    summary = stored(page, live_server, MIX)
    layer = next(layer for layer in summary["layers"] if layer["type"] == kind and len(layer["inputs"]) == (
        1 if kind == "dense" else 2))
    open_model(page, live_server, summary["name"], f"&map=0,{layer['name']}&step=1")
    page.get_by_test_id("equation").locator(".result").wait_for()
    assert words in page.locator("#detail").inner_text()


@pytest.mark.parametrize("kind, words", [
    ("batchnorm", "running mean"), ("softmax", "e^("), ("globalavgpool", "The mean of its 16×16 window"),
])
def test_batch_norm_softmax_and_pooling_show_their_arithmetic(page, live_server, kind, words):
    summary = stored(page, live_server, PREACT)
    layer = next(layer for layer in summary["layers"] if layer["type"] == kind)
    open_model(page, live_server, summary["name"], f"&map=0,{layer['name']}&step=2")
    page.get_by_test_id("equation").locator(".result").wait_for()
    assert words in page.locator("#detail").inner_text()
    if kind == "batchnorm":  # ε as the exporter wrote it (1e-5 in float32), not 0.0000099999997…
        assert " + 0.00001) × " in page.get_by_test_id("equation").inner_text()


def test_a_residual_shortcut_is_drawn_as_a_skip_over_the_block(page, live_server):
    summary = stored(page, live_server, PREACT)
    open_model(page, live_server, summary["name"])
    assert page.locator(".graph-edges path.skip").count() == 1  # the stem's output, added after the block


def test_a_digit_model_offers_the_pad_and_reads_a_drawing(page, live_server):
    exported = page.request.get(f"{live_server}/api/models/mnist_cnn.onnx").body()
    name = page.request.post(f"{live_server}/api/models", data=exported,
                             headers={"content-type": "application/octet-stream"}).json()["name"]
    page.goto(f"{live_server}/network?model={name}&sample=draw")
    page.get_by_test_id("pad").wait_for()
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])
    page.wait_for_function("document.querySelector('.top-list .best .top-label')?.textContent === '1'")
    assert "MNIST" in page.get_by_test_id("preprocessing").inner_text()


def test_the_explorer_speaks_korean(page, live_server):
    name = stored(page, live_server, MIX)["name"]
    open_model(page, live_server, name, "&lang=ko")
    assert page.locator("h1").inner_text() == "네트워크 탐색기"
    assert page.locator(".top-title").inner_text() == "상위 다섯"


def test_the_digit_page_lists_the_stored_models_and_opens_one(page, live_server):
    name = stored(page, live_server, MIX)["name"]
    page.goto(f"{live_server}/network")
    page.locator(f"#model-select option[value='{name}']").wait_for(state="attached")
    page.get_by_test_id("model-select").select_option(name)
    page.wait_for_url(re.compile(f"model={name}"))
    page.locator(".layer-card").first.wait_for()


def wide_model() -> bytes:
    """A 1×1 convolution from 3 channels to 80 and a ReLU, on 3×8×8: more maps than a card holds at once."""
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.random.default_rng(0).standard_normal((80, 3, 1, 1)).astype(np.float32), "w")
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["wide"]), helper.make_node("Relu", ["wide"], ["y"])], "wide",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 80, 8, 8])], initializer=[weight])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def test_a_layer_of_many_maps_pages_through_them(page, live_server):
    name = page.request.post(f"{live_server}/api/models", data=wide_model(),
                             headers={"content-type": "application/octet-stream"}).json()["name"]
    open_model(page, live_server, name)
    card = page.locator("[data-layer='wide']")
    assert card.locator(".map").count() == 64
    assert card.locator(".card-pager").inner_text().replace("\n", " ").count("maps 1–64 of 80") == 1
    card.get_by_role("button", name="the maps after these").click()
    assert card.locator(".map").count() == 16
    # the card's 16 maps of 8×8 as one picture, stacked
    page.wait_for_function("""document.querySelector("[data-layer='wide'] .card-maps").sprite
                              && document.querySelectorAll("[data-layer='wide'] .map").length === 16""")
    size = page.evaluate("""async () => {
        const picture = new Image();
        picture.src = document.querySelector("[data-layer='wide'] .card-maps").sprite;
        await picture.decode();
        return [picture.naturalWidth, picture.naturalHeight];
    }""")
    assert size == [8, 16 * 8]
    card.locator(".map").nth(3).click()  # map 68
    page.wait_for_function("new URLSearchParams(location.search).get('map') === '67,wide'")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+ArrowDown")
    page.wait_for_function("new URLSearchParams(location.search).get('map') === '69,wide'")
    # a link to a map on the first page turns the card back to it
    open_model(page, live_server, name, "&map=5,wide&step=1")
    pressed = "document.querySelector(\"[data-layer='wide'] .map[aria-pressed=true]\")?.dataset.map"
    page.wait_for_function(f"{pressed} === '5'")


def test_a_webcam_that_gives_no_picture_is_reported_as_such(page, live_server):
    name = stored(page, live_server, MIX)["name"]
    open_model(page, live_server, name)
    page.get_by_role("button", name="Take a webcam picture").click()  # headless: no camera, no permission
    page.wait_for_function("document.getElementById('problem').textContent.startsWith('The webcam gave no picture')")


# ---- the top classes' probabilities, and naming the classes from the page --------------------------------

def classifier(classes: int, seed: int) -> bytes:
    """A small ONNX classifier, 3×4×4 -> `classes` scores (global average pool, then a dense layer), its
    weights drawn from `seed`: a file of its own, so that naming its classes names no other test's model."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(seed)
    weights = [numpy_helper.from_array(rng.standard_normal((classes, 3)).astype(np.float32), "w"),
               numpy_helper.from_array(rng.standard_normal(classes).astype(np.float32), "b")]
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["pooled"]),
             helper.make_node("Flatten", ["pooled"], ["flat"]),
             helper.make_node("Gemm", ["flat", "w", "b"], ["y"], transB=1)]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 4, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, classes])
    graph = helper.make_graph(nodes, "classifier", [x], [y], weights)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString()


def upload_bytes(page, live_server, data: bytes) -> str:
    response = page.request.post(f"{live_server}/api/models", data=data,
                                 headers={"content-type": "application/octet-stream"})
    assert response.ok, response.text()
    return response.json()["name"]


def top_rows(page) -> list[list[str]]:
    page.wait_for_function("document.querySelectorAll('.top-list li').length > 0")
    return page.evaluate("[...document.querySelectorAll('.top-list li')].map((li) => [...li.children]"
                         ".map((part) => part.textContent))")


@pytest.mark.parametrize("path", [MIX, PREACT], ids=["scores", "probabilities"])
def test_the_top_five_show_probabilities_and_the_scores_they_come_from(page, live_server, path):
    # raw scores: their softmax (the API's) beside them in grey, with a note saying so; a model that ends
    # in a softmax: its outputs, which already are the probabilities, once
    name = stored(page, live_server, path)["name"]
    bodies = sent_inputs(page)
    open_model(page, live_server, name, "&sample=random")
    rows = top_rows(page)
    answer = page.request.post(f"{live_server}/api/models/{name}/forward", data=json.dumps(
        {"input": bodies[0]["input"]}), headers={"content-type": "application/json"}).json()
    assert [row[1] for row in rows] == [f"{100 * top['probability']:.1f}%" for top in answer["top"]]
    scored = path == MIX
    assert all(len(row) == (3 if scored else 2) for row in rows)
    assert page.locator(".top-note").count() == (1 if scored else 0)
    if scored:
        shown = [float(row[2].replace("−", "-")) for row in rows]
        assert shown == pytest.approx([top["score"] for top in answer["top"]], rel=5e-3)


def test_a_text_file_names_the_classes(page, live_server):
    name = upload_bytes(page, live_server, classifier(5, seed=11))
    open_model(page, live_server, name, "&sample=random")
    assert all(row[0].startswith("class ") for row in top_rows(page))
    assert page.get_by_test_id("class-names").is_visible()
    assert not page.locator("#names-imagenet").is_visible()  # not 1,000 outputs
    page.get_by_test_id("names-file").set_input_files(
        {"name": "pets.txt", "mimeType": "text/plain", "buffer": b"ant\nbee\ncat\n"})
    page.wait_for_function("document.getElementById('names-status').textContent.includes('cannot')")
    assert "5 of them" in page.locator("#names-status").inner_text()  # the API's sentence: it has 5 outputs
    page.get_by_test_id("names-file").set_input_files(
        {"name": "huge.txt", "mimeType": "text/plain", "buffer": b"x\n" * (1 << 20)})
    page.wait_for_function("document.getElementById('names-status').textContent.includes('1 MiB')")
    page.get_by_test_id("names-file").set_input_files(
        {"name": "pets.txt", "mimeType": "text/plain", "buffer": b"ant\nbee\ncat\ndog\neel\n"})
    page.wait_for_function("document.querySelector('.top-list .top-label').textContent.length === 3")
    labels = ["ant", "bee", "cat", "dog", "eel"]
    assert sorted(row[0] for row in top_rows(page)) == labels
    assert page.locator("#names-status").inner_text() == "5 classes named from pets.txt."
    assert page.request.get(f"{live_server}/api/models/{name}").json()["labels"] == labels


def test_a_model_with_1000_outputs_can_take_imagenets_class_names(page, live_server):
    name = upload_bytes(page, live_server, classifier(1000, seed=12))
    open_model(page, live_server, name, "&sample=random")
    rows = top_rows(page)
    page.locator("#names-imagenet").click()
    page.wait_for_function("!document.querySelector('.top-list .top-label').textContent.startsWith('class ')")
    imagenet = (Path(__file__).resolve().parents[2] / "static" / "samples" / "imagenet-classes.txt").read_text()
    names = imagenet.splitlines()
    assert len(names) == 1000 and names[281] == "tabby"
    assert [row[0] for row in top_rows(page)] == [names[int(row[0].split()[1])] for row in rows]
