"""ONNX's own operator cases through the engine: a second reference, beside PyTorch's numbers.

The onnx wheel ships its operators' test cases with their expected outputs: the node cases of
collect_testcases() and the models of the pytorch-converted and pytorch-operator folders. Every case of
an operator in IN_SCOPE is turned into an engine layer by app.interchange.onnx_nodes (the mapping the
ONNX importer uses) and run with its first input as the batch (axis 0 = N), or is listed in
NOT_EXPRESSIBLE with the reason it cannot be; a listed case is checked to fail for that reason.

A node case is a graph of one node; the `_expanded` cases of several nodes are the same numbers through
the operator's ONNX function body (ReduceMax, Exp, … nodes), a test of function expansion, and are left
out. A model of the two folders is a case when any of its nodes is in scope.

A case is not expressible when the mapping refuses its node (Unsupported), or when the engine cannot take
its inputs as they come (NotTaken): the engine runs what a ConvScope network carries, floating-point
tensors whose first axis is the batch, through one layer at a time, within its plan's checks.

onnx is the app's own dependency (app.interchange reads ONNX files with it); the engine never imports it.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import onnx
import pytest
from onnx import helper, numpy_helper

from app.engine import LayerError, ParameterError, forward, kind_of, plan
from app.interchange.onnx_nodes import Unsupported, data_inputs, layer_for

IN_SCOPE = frozenset({
    "Conv", "ConvTranspose", "MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool",
    "BatchNormalization", "LRN", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Sigmoid", "HardSigmoid",
    "HardSwish", "Tanh", "Softmax", "LogSoftmax", "Softplus", "Clip", "Gelu", "Mish", "Concat", "Add", "Sub",
    "Mul", "Div", "Gemm", "MatMul", "Flatten", "Reshape", "Resize", "Upsample", "Dropout", "Identity",
    "Erf", "Pad", "ReduceMean",
})
FOLDERS = ("pytorch-converted", "pytorch-operator")
# The engine's layer types whose numbers are ONNX's to the bit (no sums, or one rounding like ONNX's).
EXACT_TYPES = frozenset({"relu", "leaky_relu", "prelu", "identity", "relu6", "hardtanh", "dropout", "reshape",
                         "flatten", "concat", "maxpool", "globalmaxpool", "add", "sub", "mul", "div"})
LISTED_WITH = (1, 23)  # the onnx whose cases NOT_EXPRESSIBLE lists; older ones lack some of them
TOLERANCES = {np.dtype(np.float32): dict(rtol=1e-5, atol=1e-6), np.dtype(np.float64): dict(rtol=1e-12, atol=1e-14)}


@dataclass(frozen=True)
class Case:
    name: str
    source: str  # "node" or the data folder
    model: Any  # onnx.ModelProto
    data_sets: tuple[tuple[dict[str, Any], tuple[Any, ...]], ...]  # (graph input name -> value, outputs)

    @property
    def op_types(self) -> list[str]:
        return [node.op_type for node in self.model.graph.node if node.op_type != "Constant"]


@dataclass(frozen=True)
class Expressed:
    """A case as the engine takes it: its layer, its data inputs as batches and one sample's planned shape."""

    layer: Any
    batches: list[np.ndarray]
    shape: tuple[int, ...]


class NotTaken(Exception):
    """A case whose node maps to a layer but whose inputs the engine cannot take as they come."""


def _node_cases() -> list[Case]:
    from onnx.backend.test.case.node import collect_testcases

    with warnings.catch_warnings():  # the cases of other operators (Cast, …) warn while computing theirs
        warnings.simplefilter("ignore")
        found = collect_testcases(None)  # every operator; onnx before 1.18 needs the argument
    cases = []
    for found_case in found:
        graph = found_case.model.graph
        if len(graph.node) == 1 and graph.node[0].op_type in IN_SCOPE:
            names = [value.name for value in graph.input]
            data_sets = tuple((dict(zip(names, inputs, strict=True)), tuple(outputs))
                              for inputs, outputs in found_case.data_sets)
            cases.append(Case(found_case.name, "node", found_case.model, data_sets))
    return cases


def _read_tensors(directory: Path, prefix: str) -> tuple[np.ndarray, ...]:
    files = sorted(directory.glob(f"{prefix}_*.pb"), key=lambda path: int(path.stem.split("_")[1]))
    return tuple(numpy_helper.to_array(onnx.TensorProto.FromString(path.read_bytes())) for path in files)


def _folder_cases(folder: str) -> list[Case]:
    cases = []
    for directory in sorted((Path(onnx.__file__).parent / "backend" / "test" / "data" / folder).iterdir()):
        model = onnx.load(directory / "model.onnx")
        if not any(node.op_type in IN_SCOPE for node in model.graph.node):
            continue
        stored = {tensor.name for tensor in model.graph.initializer}
        names = [value.name for value in model.graph.input if value.name not in stored]  # what the data sets feed
        data_sets = tuple((dict(zip(names, _read_tensors(path, "input"), strict=True)), _read_tensors(path, "output"))
                          for path in sorted(directory.glob("test_data_set_*")))
        cases.append(Case(directory.name, folder, model, data_sets))
    return cases


CASES = _node_cases() + [case for folder in FOLDERS for case in _folder_cases(folder)]
BY_NAME = {case.name: case for case in CASES}


def _opset(model) -> int:
    return next(entry.version for entry in model.opset_import if entry.domain in ("", "ai.onnx"))


def _constants_of(graph) -> dict[str, np.ndarray]:
    """The values the graph stores: initializers and Constant nodes' outputs."""
    known = {tensor.name: numpy_helper.to_array(tensor) for tensor in graph.initializer}
    for node in graph.node:
        if node.op_type == "Constant":
            (attribute,) = node.attribute
            value = helper.get_attribute_value(attribute)
            known[node.output[0]] = numpy_helper.to_array(value) if attribute.name == "value" else np.array(value)
    return known


def express(case: Case, data_set: int = 0) -> Expressed:
    """The case's node as an engine layer, with its batches, planned; Unsupported or NotTaken if it cannot be.

    The node's data inputs (onnx_nodes.data_inputs) are batches unless the graph stores them; every other
    input is a constant: stored in the graph, or the data set's value (node cases feed Conv's W so).
    """
    nodes = [node for node in case.model.graph.node if node.op_type != "Constant"]
    if len(nodes) != 1:
        raise NotTaken(f"a graph of {len(nodes)} nodes ({', '.join(case.op_types)}): this file runs one node")
    (node,) = nodes
    known, (values, _) = _constants_of(case.model.graph), case.data_sets[data_set]
    data = data_inputs(node.op_type, len(node.input))
    constants, batches = [], []
    for index, name in enumerate(node.input):
        if index < data and name not in known:
            constants.append(None)
            batches.append(values[name])
        else:
            constants.append(known.get(name, values.get(name)))  # None for an input left out ("")
    attributes = {attribute.name: helper.get_attribute_value(attribute) for attribute in node.attribute}
    layer = layer_for(node.op_type, attributes, constants, opset=_opset(case.model),
                      outputs=sum(1 for name in node.output if name))
    return Expressed(layer, batches, _planned_shape(layer, batches))


def _planned_shape(layer, batches: list) -> tuple[int, ...]:
    """One sample's output shape, as plan (one input) or the kind's output_shape (two) gives it."""
    for batch in batches:
        if not isinstance(batch, np.ndarray):
            raise NotTaken(f"a {type(batch).__name__} input (a sequence or an optional), not a tensor")
        if not np.issubdtype(batch.dtype, np.floating):
            raise NotTaken(f"{batch.dtype} data: the engine computes in floating point (the app gives it float64)")
    if len(batches) == 1:
        try:
            return plan(batches[0].shape[1:], [layer])[0].shape
        except LayerError as error:
            raise NotTaken(f"the engine's plan refuses it: {error}") from None
    if len({batch.shape[:1] for batch in batches}) != 1:
        raise NotTaken(f"inputs of shapes {[list(batch.shape) for batch in batches]} do not share the batch axis")
    try:
        return tuple(kind_of(layer).output_shape(layer, [batch.shape[1:] for batch in batches]))
    except ParameterError as error:
        raise NotTaken(f"the engine refuses the inputs: {error.message}") from None


def run(expressed: Expressed) -> np.ndarray:
    layer, batches = expressed.layer, expressed.batches
    if len(batches) == 1:
        return forward(batches[0], [layer])[0]
    return kind_of(layer).run(layer, batches)


@dataclass(frozen=True)
class Why:
    """Why a listed case cannot run: the exception it raises, and a pattern its message matches."""

    raised: type[Exception]
    match: str
    text: str


# Why each listed case cannot run, grouped: the mapping refuses the node (Unsupported) ...
NOT_2D = Why(Unsupported, r"2-D images", "1-D or 3-D: the engine's convolution and pooling work on 2-D images")
SIZE_DEPENDENT = Why(Unsupported, r"depends on the input's size", "ConvTranspose's output_shape or auto_pad SAME: "
                     "the padding depends on the input's size, which no layer setting does")
SAME_STRIDED = Why(Unsupported, r"depends on the input's size", "auto_pad SAME with a stride above 1: the padding "
                   "depends on the input's size, which no layer setting does")
AVG_DILATION = Why(Unsupported, r"has no dilation", "dilated average pooling: PyTorch's avg_pool2d has no dilation")
MORE_OUTPUTS = Why(Unsupported, r"of its outputs are used", "a second output used (MaxPool's Indices, Dropout's "
                   "mask, BatchNormalization's batch statistics): an engine layer gives one")
TRAINING = Why(Unsupported, r"training_mode true", "Dropout in training mode drops values at random; the engine's "
               "dropout is the inference one")
BATCH_AXIS = Why(Unsupported, r"axis 0 is the batch", "axis 0 is the batch: the engine's layers work on each sample")
FLATTEN_AXIS = Why(Unsupported, r"flatten joins the axes before it", "Flatten from an axis other than 1 joins the "
                   "batch with the axes before it; the engine's flatten keeps the batch")
SOFTMAX_2D = Why(Unsupported, r"before opset 13", "before opset 13 Softmax normalises the flattened axes from "
                 "`axis` on as one; only axis -1 is one axis without knowing the input's rank")
LEGACY_BROADCAST = Why(Unsupported, r"before opset 7", "broadcasting from an axis (before opset 7); the engine "
                       "broadcasts NumPy's way, from the last axes")
CONSTANT_OPERAND = Why(Unsupported, r"a constant operand", "Add with a constant operand: the engine's add joins two "
                       "layers' outputs")
GELU_TANH = Why(Unsupported, r"approximate", "Gelu's tanh approximation: the engine's gelu is the exact one")
HARDSIGMOID = Why(Unsupported, r"engine's hardsigmoid", "HardSigmoid's alpha and beta other than PyTorch's 1/6 and "
                  "1/2")
SELU = Why(Unsupported, r"SELU's fixed constants", "Selu's alpha and gamma other than SELU's fixed constants")
CLIP_MIN_ABOVE_MAX = Why(Unsupported, r"above max", "min above max: ONNX answers max everywhere; hardtanh refuses "
                         "it, as PyTorch's does")
NO_MISH = Why(Unsupported, r"no layer that computes it", "the engine has no mish")
TRANS_A = Why(Unsupported, r"transA", "Gemm with transA: the batch would run along A's second axis")
BIAS_PER_SAMPLE = Why(Unsupported, r"a bias per sample", "Gemm with a C of shape (N, M): a bias per sample")
NOT_A_MATRIX = Why(Unsupported, r"multiplies by one matrix", "MatMul by a B of 1, 3 or 4 axes: the engine's dense "
                   "multiplies by a matrix")
SLOPE_PER_POSITION = Why(Unsupported, r"a slope of shape", "PRelu with a slope per position, not per channel")
RESHAPE_ZERO = Why(Unsupported, r"a 0 copies", "Reshape with a size 0, which copies the input's size (or, with "
                   "allowzero, makes an empty axis)")
CUBIC = Why(Unsupported, r'mode "cubic"', "cubic Resize: the engine's upsample has nearest and bilinear")
ANTIALIAS = Why(Unsupported, r"antialias", "antialiased Resize: the engine's upsample has no low-pass filter")
ASPECT = Why(Unsupported, r"keep_aspect_ratio_policy", "keep_aspect_ratio_policy: the output's size depends on "
             "the input's")
LINEAR_COORDINATES = Why(Unsupported, r"bilinear places its source pixels otherwise", "linear Resize with source "
                         "pixels where PyTorch's bilinear has none: tf_crop_and_resize, half_pixel_symmetric, "
                         "pytorch_half_pixel to a side of 1, align_corners at a scale that is not a whole number")
NEAREST_COORDINATES = Why(Unsupported, r"PyTorch's nearest takes floor", "nearest Resize that does not pick "
                          "floor(d / scale): another rounding, or centred pixels at a scale not a whole number")
# ... or the engine cannot take the case's inputs as they come (NotTaken).
INTEGER = Why(NotTaken, r"data: the engine computes in floating point", "integer data: a ConvScope network carries "
              "floating-point tensors (the app hands the engine float64), and ONNX's integer Div truncates where "
              "the engine's div divides, as torch.div does")
NOT_A_TENSOR = Why(NotTaken, r"not a tensor", "a sequence or an optional, not a tensor")
NO_SHARED_BATCH = Why(NotTaken, r"do not share the batch axis", "a second operand without the first's batch axis "
                      "((5,) against (3, 4, 5)): the engine joins two batches")
AXIS_REACHES_BATCH = Why(NotTaken, r"out of range", "a negative axis that reaches the batch axis")
POOL_PADDING = Why(NotTaken, r"at most half the window", "pads over half the window, which PyTorch's pooling "
                   "refuses and so does the engine's")
RESHAPES_BATCH = Why(NotTaken, r"holds \d+ numbers but a sample", "a Reshape whose first size is not the batch's: "
                     "it moves values between samples")
SLOPE_NOT_CHANNELS = Why(NotTaken, r"prelu's weight must hold", "PRelu with a slope along the last axis, not the "
                         "channels")
SCALAR_SAMPLE = Why(NotTaken, r"start_axis 0 is out of range", "Flatten of a 1-D input: each sample is a number, "
                    "which the engine's flatten refuses (as torch.flatten(x, 1) does)")
PAD_AXES = Why(Unsupported, r"takes the last axes, counted from the end", "Pad of chosen axes that are not the last "
               "ones counted from the end: the engine's pad takes a sample's last axes, knowing no input's rank")
MEAN_OF_EVERY_AXIS = Why(Unsupported, r"the mean of every axis", "ReduceMean without axes: the mean over the batch too")
SEVERAL_NODES = Why(NotTaken, r"a graph of \d+ nodes", "a graph of several nodes, the importer's to join; this file "
                    "runs one node")

NOT_EXPRESSIBLE: dict[str, Why] = {
    "test_edge_pad": INTEGER,
    "test_reflect_pad": INTEGER,
    "test_wrap_pad": INTEGER,
    "test_constant_pad_axes": PAD_AXES,
    "test_constant_pad_negative_axes": PAD_AXES,
    "test_reduce_mean_default_axes_keepdims_example": MEAN_OF_EVERY_AXIS,
    "test_reduce_mean_default_axes_keepdims_random": MEAN_OF_EVERY_AXIS,
    "test_AvgPool3d": NOT_2D,
    "test_AvgPool3d_stride": NOT_2D,
    "test_AvgPool3d_stride1_pad0_gpu_input": NOT_2D,
    "test_Conv1d": NOT_2D,
    "test_Conv1d_dilated": NOT_2D,
    "test_Conv1d_groups": NOT_2D,
    "test_convtranspose_1d": NOT_2D,
    "test_convtranspose_3d": NOT_2D,
    "test_convtranspose_autopad_same": SIZE_DEPENDENT,
    "test_convtranspose_kernel_shape": SIZE_DEPENDENT,
    "test_convtranspose_output_shape": SIZE_DEPENDENT,
    "test_Conv1d_pad1": NOT_2D,
    "test_Conv1d_pad1size1": NOT_2D,
    "test_Conv1d_pad2": NOT_2D,
    "test_Conv1d_pad2size1": NOT_2D,
    "test_Conv1d_stride": NOT_2D,
    "test_Conv3d": NOT_2D,
    "test_Conv3d_dilated": NOT_2D,
    "test_Conv3d_dilated_strided": NOT_2D,
    "test_Conv3d_groups": NOT_2D,
    "test_Conv3d_no_bias": NOT_2D,
    "test_Conv3d_stride": NOT_2D,
    "test_Conv3d_stride_padding": NOT_2D,
    "test_MaxPool1d": NOT_2D,
    "test_MaxPool1d_stride": NOT_2D,
    "test_MaxPool1d_stride_padding_dilation": NOT_2D,
    "test_MaxPool3d": NOT_2D,
    "test_MaxPool3d_stride": NOT_2D,
    "test_MaxPool3d_stride_padding": NOT_2D,
    "test_averagepool_1d_default": NOT_2D,
    "test_averagepool_3d_default": NOT_2D,
    "test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_False": NOT_2D,
    "test_averagepool_3d_dilations_large_count_include_pad_is_0_ceil_mode_is_True": NOT_2D,
    "test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_False": NOT_2D,
    "test_averagepool_3d_dilations_large_count_include_pad_is_1_ceil_mode_is_True": NOT_2D,
    "test_averagepool_3d_dilations_small": NOT_2D,
    "test_maxpool_1d_default": NOT_2D,
    "test_maxpool_3d_default": NOT_2D,
    "test_maxpool_3d_dilations": NOT_2D,
    "test_maxpool_3d_dilations_use_ref_impl": NOT_2D,
    "test_maxpool_3d_dilations_use_ref_impl_large": NOT_2D,
    "test_operator_maxpool": NOT_2D,

    "test_averagepool_2d_precomputed_same_upper": SAME_STRIDED,
    "test_conv_with_autopad_same": SAME_STRIDED,
    "test_maxpool_2d_precomputed_same_upper": SAME_STRIDED,


    "test_averagepool_2d_dilations": AVG_DILATION,

    "test_batchnorm_epsilon_training_mode": MORE_OUTPUTS,
    "test_batchnorm_example_training_mode": MORE_OUTPUTS,
    "test_dropout_default_mask": MORE_OUTPUTS,
    "test_dropout_default_mask_ratio": MORE_OUTPUTS,
    "test_maxpool_with_argmax_2d_precomputed_pads": MORE_OUTPUTS,
    "test_maxpool_with_argmax_2d_precomputed_strides": MORE_OUTPUTS,
    "test_training_dropout_default_mask": MORE_OUTPUTS,
    "test_training_dropout_mask": MORE_OUTPUTS,
    "test_training_dropout_zero_ratio_mask": MORE_OUTPUTS,

    "test_training_dropout": TRAINING,
    "test_training_dropout_default": TRAINING,


    "test_concat_1d_axis_0": BATCH_AXIS,
    "test_concat_2d_axis_0": BATCH_AXIS,
    "test_concat_3d_axis_0": BATCH_AXIS,
    "test_logsoftmax_axis_0": BATCH_AXIS,
    "test_softmax_axis_0": BATCH_AXIS,

    "test_flatten_axis0": FLATTEN_AXIS,
    "test_flatten_axis2": FLATTEN_AXIS,
    "test_flatten_axis3": FLATTEN_AXIS,
    "test_flatten_negative_axis1": FLATTEN_AXIS,
    "test_flatten_negative_axis2": FLATTEN_AXIS,
    "test_flatten_negative_axis3": FLATTEN_AXIS,
    "test_flatten_negative_axis4": FLATTEN_AXIS,

    "test_LogSoftmax": SOFTMAX_2D,
    "test_Softmax": SOFTMAX_2D,
    "test_log_softmax_dim3": SOFTMAX_2D,
    "test_softmax_functional_dim3": SOFTMAX_2D,
    "test_softmax_lastdim": SOFTMAX_2D,

    "test_operator_add_broadcast": LEGACY_BROADCAST,
    "test_operator_add_size1_broadcast": LEGACY_BROADCAST,
    "test_operator_add_size1_right_broadcast": LEGACY_BROADCAST,
    "test_operator_add_size1_singleton_broadcast": LEGACY_BROADCAST,

    "test_operator_addconstant": CONSTANT_OPERAND,

    "test_gelu_tanh_1": GELU_TANH,
    "test_gelu_tanh_2": GELU_TANH,

    "test_hardsigmoid": HARDSIGMOID,
    "test_hardsigmoid_default": HARDSIGMOID,
    "test_hardsigmoid_example": HARDSIGMOID,

    "test_selu": SELU,
    "test_selu_example": SELU,

    "test_clip_min_greater_than_max": CLIP_MIN_ABOVE_MAX,

    "test_mish": NO_MISH,

    "test_gemm_all_attributes": TRANS_A,
    "test_gemm_transposeA": TRANS_A,

    "test_gemm_default_matrix_bias": BIAS_PER_SAMPLE,

    "test_matmul_1d_1d": NOT_A_MATRIX,
    "test_matmul_1d_3d": NOT_A_MATRIX,
    "test_matmul_3d": NOT_A_MATRIX,
    "test_matmul_4d": NOT_A_MATRIX,
    "test_matmul_4d_1d": NOT_A_MATRIX,
    "test_matmul_bcast": NOT_A_MATRIX,

    "test_prelu_example": SLOPE_PER_POSITION,

    "test_reshape_allowzero_reordered": RESHAPE_ZERO,
    "test_reshape_zero_and_negative_dim": RESHAPE_ZERO,
    "test_reshape_zero_dim": RESHAPE_ZERO,

    "test_resize_downsample_scales_cubic": CUBIC,
    "test_resize_downsample_scales_cubic_A_n0p5_exclude_outside": CUBIC,
    "test_resize_downsample_scales_cubic_align_corners": CUBIC,
    "test_resize_downsample_scales_cubic_antialias": CUBIC,
    "test_resize_downsample_sizes_cubic": CUBIC,
    "test_resize_downsample_sizes_cubic_antialias": CUBIC,
    "test_resize_upsample_scales_cubic": CUBIC,
    "test_resize_upsample_scales_cubic_A_n0p5_exclude_outside": CUBIC,
    "test_resize_upsample_scales_cubic_align_corners": CUBIC,
    "test_resize_upsample_scales_cubic_asymmetric": CUBIC,
    "test_resize_upsample_sizes_cubic": CUBIC,

    "test_resize_downsample_scales_linear_antialias": ANTIALIAS,
    "test_resize_downsample_sizes_linear_antialias": ANTIALIAS,

    "test_resize_downsample_sizes_nearest_not_larger": ASPECT,
    "test_resize_downsample_sizes_nearest_not_smaller": ASPECT,
    "test_resize_upsample_sizes_nearest_not_larger": ASPECT,
    "test_resize_upsample_sizes_nearest_not_smaller": ASPECT,

    "test_resize_downsample_scales_linear_align_corners": LINEAR_COORDINATES,
    "test_resize_downsample_scales_linear_half_pixel_symmetric": LINEAR_COORDINATES,
    "test_resize_downsample_sizes_linear_pytorch_half_pixel": LINEAR_COORDINATES,
    "test_resize_tf_crop_and_resize": LINEAR_COORDINATES,
    "test_resize_tf_crop_and_resize_axes_2_3": LINEAR_COORDINATES,
    "test_resize_tf_crop_and_resize_axes_3_2": LINEAR_COORDINATES,
    "test_resize_tf_crop_and_resize_extrapolation_value": LINEAR_COORDINATES,
    "test_resize_upsample_scales_linear_half_pixel_symmetric": LINEAR_COORDINATES,

    "test_resize_downsample_scales_nearest": NEAREST_COORDINATES,
    "test_resize_downsample_sizes_nearest": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest_axes_2_3": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest_axes_3_2": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest_ceil_half_pixel": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest_floor_align_corners": NEAREST_COORDINATES,
    "test_resize_upsample_sizes_nearest_round_prefer_ceil_asymmetric": NEAREST_COORDINATES,

    "test_add_int16": INTEGER,
    "test_add_int8": INTEGER,
    "test_add_uint16": INTEGER,
    "test_add_uint32": INTEGER,
    "test_add_uint64": INTEGER,
    "test_add_uint8": INTEGER,
    "test_clip_default_int8_inbounds": INTEGER,
    "test_clip_default_int8_inbounds_expanded": INTEGER,
    "test_clip_default_int8_max": INTEGER,
    "test_clip_default_int8_min": INTEGER,
    "test_div_int16": INTEGER,
    "test_div_int32_trunc": INTEGER,
    "test_div_int8": INTEGER,
    "test_div_uint16": INTEGER,
    "test_div_uint32": INTEGER,
    "test_div_uint64": INTEGER,
    "test_div_uint8": INTEGER,
    "test_maxpool_2d_uint8": INTEGER,
    "test_mul_int16": INTEGER,
    "test_mul_int8": INTEGER,
    "test_mul_uint16": INTEGER,
    "test_mul_uint32": INTEGER,
    "test_mul_uint64": INTEGER,
    "test_mul_uint8": INTEGER,
    "test_sub_int16": INTEGER,
    "test_sub_int8": INTEGER,
    "test_sub_uint16": INTEGER,
    "test_sub_uint32": INTEGER,
    "test_sub_uint64": INTEGER,
    "test_sub_uint8": INTEGER,

    "test_identity_opt": NOT_A_TENSOR,
    "test_identity_sequence": NOT_A_TENSOR,

    "test_add_bcast": NO_SHARED_BATCH,
    "test_div_bcast": NO_SHARED_BATCH,
    "test_mul_bcast": NO_SHARED_BATCH,
    "test_sub_bcast": NO_SHARED_BATCH,

    "test_concat_1d_axis_negative_1": AXIS_REACHES_BATCH,
    "test_concat_2d_axis_negative_2": AXIS_REACHES_BATCH,
    "test_concat_3d_axis_negative_3": AXIS_REACHES_BATCH,

    "test_averagepool_2d_pads": POOL_PADDING,
    "test_averagepool_2d_pads_count_include_pad": POOL_PADDING,
    "test_maxpool_2d_pads": POOL_PADDING,

    "test_reshape_negative_extended_dims": RESHAPES_BATCH,
    "test_reshape_one_dim": RESHAPES_BATCH,
    "test_reshape_reordered_all_dims": RESHAPES_BATCH,

    "test_prelu_broadcast": SLOPE_NOT_CHANNELS,

    "test_operator_view": SCALAR_SAMPLE,

    "test_AvgPool1d": SEVERAL_NODES,
    "test_AvgPool1d_stride": SEVERAL_NODES,
    "test_GLU": SEVERAL_NODES,
    "test_GLU_dim": SEVERAL_NODES,
    "test_Linear_no_bias": SEVERAL_NODES,
    "test_PixelShuffle": SEVERAL_NODES,
    "test_PoissonNLLLLoss_no_reduce": SEVERAL_NODES,
    "test_Softmin": SEVERAL_NODES,
    "test_Softsign": SEVERAL_NODES,
    "test_operator_addmm": SEVERAL_NODES,
    "test_operator_basic": SEVERAL_NODES,
    "test_operator_non_float_params": SEVERAL_NODES,
    "test_operator_params": SEVERAL_NODES,
    "test_operator_repeat_dim_overflow": SEVERAL_NODES,
}
ENGINE_DISCREPANCIES: dict[str, str] = {}  # case -> what differs (strict xfail until the engine is fixed)
# Cases whose expected output is a literal of a few decimals, from a run on more digits than the printed
# input: 0.2841 where the printed inputs give 0.28404 (the engine's, and PyTorch's, mean of the 3×3 window).
WRITTEN_TO_DECIMALS = {"test_averagepool_2d_ceil_last_window_starts_on_pad": 4}


def _run_params() -> list:
    """Every case not listed, each an xfail where ENGINE_DISCREPANCIES says how the engine is wrong."""
    params = []
    for case in CASES:
        if case.name not in NOT_EXPRESSIBLE:
            reason = ENGINE_DISCREPANCIES.get(case.name)
            marks = () if reason is None else pytest.mark.xfail(strict=True, reason=reason)
            params.append(pytest.param(case, id=case.name, marks=marks))
    return params


RUN = _run_params()


@pytest.mark.parametrize("case", RUN)
def test_case_gives_onnx_numbers(case):
    for index, (_, expected_outputs) in enumerate(case.data_sets):
        expressed = express(case, index)
        expected = expected_outputs[0]
        got = run(expressed)
        assert (expected.shape[0], *expressed.shape) == expected.shape, "the planned shape"
        assert got.shape == expected.shape
        if case.name in WRITTEN_TO_DECIMALS:
            np.testing.assert_allclose(got, expected, rtol=0, atol=10.0 ** -WRITTEN_TO_DECIMALS[case.name])
        elif expressed.layer.type in EXACT_TYPES or getattr(expressed.layer, "mode", None) == "nearest":
            np.testing.assert_array_equal(got, expected)
        else:
            np.testing.assert_allclose(got, expected, **TOLERANCES[expected.dtype])


@pytest.mark.parametrize("name", sorted(NOT_EXPRESSIBLE))
def test_listed_case_fails_for_its_reason(name):
    if name not in BY_NAME:
        if tuple(int(part) for part in onnx.__version__.split(".")[:2]) < LISTED_WITH:
            pytest.skip(f"onnx {onnx.__version__} predates the case")
        pytest.fail(f"{name} is listed but onnx {onnx.__version__} has no such case in scope")
    why = NOT_EXPRESSIBLE[name]
    with pytest.raises(why.raised, match=why.match):
        express(BY_NAME[name])


def test_every_operator_in_scope_has_cases():
    found = {op_type for case in CASES for op_type in case.op_types} & IN_SCOPE
    assert found == IN_SCOPE, f"no cases found for {sorted(IN_SCOPE - found)}"


def test_every_case_is_run_or_listed_once():
    """A case runs unless listed, so a case of a new onnx that the engine cannot express fails its run loudly."""
    assert len(BY_NAME) == len(CASES), "two cases share a name"
    run = {param.values[0].name for param in RUN}
    listed = set(NOT_EXPRESSIBLE) & set(BY_NAME)  # a listed name that is no case fails its own test
    assert run | listed == set(BY_NAME) and not run & listed
    assert set(ENGINE_DISCREPANCIES) <= run
