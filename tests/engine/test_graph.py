"""The forward pass over a graph: names, inputs, the checks made before any work, and what is kept."""

import numpy as np
import pytest

from app.engine import INPUT, Activation, Conv2d, Flatten, LayerError, Node, Pool2d, forward, plan

X = np.arange(16.0).reshape(1, 1, 4, 4) - 8  # (N, C, H, W)
DOUBLE = Conv2d(np.full((1, 1, 1, 1), 2.0))  # a 1×1 convolution that doubles its input


def test_a_plain_list_is_the_chain_it_reads_as():
    layers = [DOUBLE, Activation("relu"), Flatten()]
    plans = plan((1, 4, 4), layers)
    assert [(p.name, p.inputs) for p in plans] == [("0", ("input",)), ("1", ("0",)), ("2", ("1",))]
    relu = np.maximum(2 * X, 0)
    np.testing.assert_array_equal(forward(X, layers)[-1], relu.reshape(1, 16))


def test_a_layer_can_take_any_earlier_layer_or_the_input():
    # Two branches from the input: "pooled" reads the input, not the layer before it.
    nodes = [Node(DOUBLE, "double", (INPUT,)), Node(Activation("relu"), "relu", ("double",)),
             Node(Pool2d("max", 2), "pooled", (INPUT,))]
    plans = plan((1, 4, 4), nodes)
    assert [p.shape for p in plans] == [(1, 4, 4), (1, 4, 4), (1, 2, 2)]
    outputs = forward(X, nodes)
    np.testing.assert_array_equal(outputs[2], [[[[-3, -1], [5, 7]]]])  # max of each 2×2 of X


def test_keep_returns_only_the_named_outputs():
    nodes = [Node(DOUBLE, "double", (INPUT,)), Node(Activation("relu"), "relu", ("double",)),
             Node(Pool2d("max", 2), "pooled", ("relu",))]
    outputs = forward(X, nodes, keep={"double", "pooled"})
    assert outputs[1] is None
    np.testing.assert_array_equal(outputs[0], 2 * X)
    np.testing.assert_array_equal(outputs[2], [[[[0, 0], [10, 14]]]])


@pytest.mark.parametrize("nodes, message", [
    ([Node(DOUBLE, "a", (INPUT,)), Node(Activation("relu"), "a", ("a",))],
     r'layer 1 "a" \(relu\): the name "a" is taken by layer 0'),
    ([Node(DOUBLE, "input", (INPUT,))],
     r'layer 0 "input" \(conv2d\): the name "input" is taken by the network\'s input'),
    ([Node(DOUBLE, "a", ("nowhere",))], r'layer 0 "a" \(conv2d\): input "nowhere" is neither "input" nor the name of'),
    ([Node(DOUBLE, "a", ("b",)), Node(Activation("relu"), "b", ("a",))],
     r'layer 0 "a" \(conv2d\): input "b" is not an earlier layer: .* no cycle'),
    ([Node(DOUBLE, "a", ("a",))], r'layer 0 "a" \(conv2d\): input "a" is not an earlier layer'),
    ([Node(DOUBLE, "a", (INPUT, INPUT))], r'layer 0 "a" \(conv2d\): takes 1 input, got 2'),
])
def test_names_and_inputs_are_checked_before_any_work(nodes, message):
    with pytest.raises(LayerError, match=message):
        plan((1, 4, 4), nodes)


def test_a_shape_misfit_names_the_layer():
    with pytest.raises(LayerError, match=r'layer 1 "conv" \(conv2d\): conv2d needs a C×H×W input, got shape \[16\]'):
        plan((1, 4, 4), [Node(Flatten(), "0", (INPUT,)), Node(DOUBLE, "conv", ("0",))])


def test_the_kinds_that_pages_animate_trace_each_output_cell_as_their_forward_computes_it():
    from app.engine import ConvTranspose2d, kind_of

    x = np.arange(18.0).reshape(2, 3, 3) - 9  # (C, H, W)
    layers = [Conv2d(np.ones((2, 1, 2, 2)), np.array([1.0, -1.0]), padding=1, groups=2),
              Pool2d("avg", 2, ceil_mode=True), Pool2d("max", 2, stride=1),
              ConvTranspose2d(np.ones((2, 1, 2, 2)), None, stride=2, groups=2)]
    for layer in layers:
        kind = kind_of(layer)
        forward_output = kind.run(layer, [x[None]])[0]
        trace = kind.trace(layer, x)
        traced = trace.output if hasattr(trace, "output") else trace.value.reshape(forward_output.shape)
        np.testing.assert_allclose(traced, forward_output, err_msg=layer.type)
