"""POST /api/activate: request and response."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...engine.activations import ACTIVATIONS, TAKES_ALPHA
from ..encoding import Array, EncodingOption
from .fields import ArrayOf, located

Function = Literal[tuple(ACTIVATIONS)]


class ActivationParameters(BaseModel):
    """alpha and axis, each checked against the function it belongs to."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    alpha: float | None = Field(None, allow_inf_nan=False, strict=True,
                                description="leaky_relu slope (default 0.01) or elu scale (default 1)")
    axis: int = Field(-1, strict=True, description="softmax only: the axis that sums to 1")

    def _check_applies(self, function: str) -> None:
        if self.alpha is not None and function not in TAKES_ALPHA:
            raise located("alpha", f"applies only to {' and '.join(TAKES_ALPHA)}, not to {function}")
        if "axis" in self.model_fields_set and function != "softmax":
            raise located("axis", f"applies only to softmax, not to {function}")


class ActivateRequest(ActivationParameters, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"input": [[-2, -0.5, 0], [0.5, 1, 2]], "function": "relu"},
        {"input": [2.0, 1.0, 0.1], "function": "softmax"},
        {"input": [-3, -1, 0, 1, 3], "function": "leaky_relu", "alpha": 0.1},
    ]})

    input: ArrayOf(0, 4, "a number or an array of up to 4 dimensions")
    function: Function
    trace: bool = Field(False, strict=True, description="softmax only: add its steps, max, exp = e^(x − max) "
                                                        "and sum = Σ exp, so output = exp / sum")

    @model_validator(mode="after")
    def _parameters_apply(self) -> ActivateRequest:
        self._check_applies(self.function)
        if self.trace and self.function != "softmax":
            raise located("trace", f"applies only to softmax, not to {self.function}")
        return self


class SoftmaxTrace(BaseModel):
    max: Array = Field(description="the largest input along the axis (the axis kept, size 1)")
    exp: Array = Field(description="e^(x − max), the input's shape")
    sum: Array = Field(description="Σ exp along the axis (the axis kept, size 1)")


class ActivateResponse(BaseModel):
    output: float | Array
    shape: list[int]
    trace: SoftmaxTrace | None = None
