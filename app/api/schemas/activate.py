"""POST /api/activate: request and response."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ...engine.activations import ACTIVATIONS, EXTRA_PARAMETERS
from ..encoding import Array, EncodingOption
from .fields import ArrayOf, Bias, located

Function = Literal[tuple(ACTIVATIONS)]


# Each request field and the engine's name for it; a field applies to the functions whose
# parameters (EXTRA_PARAMETERS) include that name. prelu's channel axis is not the request's axis.
FIELD_PARAMETERS = {"alpha": "alpha", "axis": "axis", "min": "low", "max": "high", "beta": "beta", "weight": "weight"}


def takers(field: str) -> list[str]:
    """The functions a field applies to."""
    return [function for function, extra in EXTRA_PARAMETERS.items()
            if FIELD_PARAMETERS[field] in extra and not (field == "axis" and function == "prelu")]


def _words(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]


class ActivationParameters(BaseModel):
    """The functions' own parameters, each checked against the function it belongs to."""

    model_config = ConfigDict(extra="forbid", arbitrary_types_allowed=True)

    alpha: Number | None = Field(None, description="leaky_relu slope (default 0.01) or elu scale (default 1)")
    axis: int = Field(-1, strict=True, description="softmax and log_softmax: the axis they normalise along")
    min: Number | None = Field(None, description="hardtanh: the lowest output (default −1)")
    max: Number | None = Field(None, description="hardtanh: the highest output (default 1)")
    beta: Number | None = Field(None, description="softplus: log(1 + e^(β·x))/β (default 1)")
    weight: Bias | None = Field(None, description="prelu: the slope below zero, one number (default 0.25) or one "
                                                  "per channel (the first axis of C×H×W, the second of N×C×H×W)")

    def _check_applies(self, function: str) -> None:
        for field in FIELD_PARAMETERS:
            given = field in self.model_fields_set and getattr(self, field) is not None
            if given and function not in takers(field):
                raise located(field, f"applies only to {_words(takers(field))}, not to {function}")

    def engine_arguments(self, function: str, channel_axis: int) -> dict:
        """activate()'s keyword arguments; `channel_axis` is prelu's."""
        return dict(alpha=self.alpha, axis=channel_axis if function == "prelu" else self.axis,
                    low=self.min, high=self.max, beta=self.beta, weight=self.weight)


class ActivateRequest(ActivationParameters, EncodingOption):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"input": [[-2, -0.5, 0], [0.5, 1, 2]], "function": "relu"},
        {"input": [2.0, 1.0, 0.1], "function": "softmax"},
        {"input": [-3, -1, 0, 1, 3], "function": "leaky_relu", "alpha": 0.1},
        {"input": [-3, -1, 0, 1, 3], "function": "hardtanh", "min": -2, "max": 2},
        {"input": [[[-1, 2]], [[-3, 4]]], "function": "prelu", "weight": [0.1, 0.5]},
    ]})

    input: ArrayOf(0, 4, "a number or an array of up to 4 dimensions")
    function: Function
    trace: bool = Field(False, strict=True, description="softmax only: add its steps, max, exp = e^(x − max) "
                                                        "and sum = Σ exp, so output = exp / sum")

    @model_validator(mode="after")
    def _parameters_apply(self) -> ActivateRequest:
        self._check_applies(self.function)
        if self.weight is not None and self.weight.size > 1 and self.input.ndim < 3:
            raise located("weight", "one weight per channel needs a C×H×W (or N×C×H×W) input; give one number")
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
