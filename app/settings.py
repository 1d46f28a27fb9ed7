"""Every server setting in one place, read from CONVSCOPE_* environment variables.

Code reads a limit through its typed accessor (`settings.input_elements.check(...)`), not by a
field name in a string: a Limit knows its value and the setting that holds it, so a 413 can name
both, and the environment variable that sets it.
"""

from __future__ import annotations

from typing import NamedTuple

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "CONVSCOPE_"
# Layers in one forward pass that any server accepts: the schema refuses a longer list before
# validating its layers (each costs time), and CONVSCOPE_MAX_LAYERS may only lower it.
LAYERS_CAP = 4096


class LimitExceeded(Exception):
    """A request that would cost more than a configured limit allows (answered with a 413)."""

    def __init__(self, what: str, amount: int, limit: Limit):
        self.detail = (f"{what} is {amount:,}, over the limit of {limit.allowed:,} "
                       f"({limit.setting}; the server sets it with {env_name(limit.setting)})")
        super().__init__(self.detail)


class Limit(NamedTuple):
    allowed: int
    setting: str  # the Settings field that holds it

    def check(self, amount: int, what: str) -> None:
        """`what` (e.g. "the number of values in input") may be at most the allowed amount."""
        if amount > self.allowed:
            raise LimitExceeded(what, amount, self)


class LimitOf:
    """A typed accessor for a limit: on Settings, `x = LimitOf()` reads the field max_x as a Limit."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = f"max_{name}"

    def __get__(self, settings: Settings | None, owner: type | None = None) -> Limit:
        if settings is None:  # read on the class, not on settings
            raise AttributeError(f"{self.field} is a limit of a Settings instance")
        return Limit(getattr(settings, self.field), self.field)


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


class Settings(BaseSettings):
    """Limits that keep one request from costing the server more than it should, and who may use it.

    Each field reads the environment variable CONVSCOPE_<FIELD NAME IN CAPITALS>.
    """

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, frozen=True, ignored_types=(LimitOf,))

    max_body_bytes: int = Field(16 * 1024 * 1024, ge=1, description="request body size, in bytes")
    max_input_elements: int = Field(1 << 20, ge=1, description="numbers in one input array")
    max_kernel_size: int = Field(64, ge=1, description="kernel or pooling window side")
    max_filters: int = Field(256, ge=1, description="filters in one bank")
    max_stride_padding_dilation: int = Field(1024, ge=1, description="each side of a stride, padding or dilation")
    max_output_elements: int = Field(1 << 22, ge=1, description="numbers in all outputs of one request")
    max_multiply_adds: int = Field(10**9, ge=1, description="multiply-adds of one request")
    max_layers: int = Field(256, ge=1, le=LAYERS_CAP,
                            description=f"layers in one forward pass (at most {LAYERS_CAP:,})")
    max_trace_steps: int = Field(16_384, ge=1, description="steps (output cells) in one trace")
    max_trace_values: int = Field(4_000_000, ge=1, description="numbers in one trace")
    # Exports for slides (/convolution.gif and the like): every frame is drawn, so both are capped.
    max_export_frames: int = Field(1024, ge=1, description="frames (steps) of one exported view")
    max_export_pixels: int = Field(4_000_000, ge=1, description="pixels of one exported frame")
    max_export_total_pixels: int = Field(320_000_000, ge=1, description="pixels of all frames of one exported "
                                                                        "animation, held while it is encoded")
    # Imported ONNX models (POST /api/models): a file's size, a forward pass's work, and the store.
    max_model_bytes: int = Field(100 * 1024 * 1024, ge=1, description="an uploaded ONNX file's size, in bytes")
    max_model_multiply_adds: int = Field(20 * 10**9, ge=1, description="multiply-adds of one forward pass of an "
                                                                       "imported model (VGG-16: 15.5 billion)")
    max_stored_models: int = Field(50, ge=1, description="imported models kept; the least recently used go first")
    max_store_bytes: int = Field(4 * 1024**3, ge=1, description="bytes of imported models kept")
    model_store: str = Field("", description="directory of imported models, which workers and machines that "
                                             "share it serve alike (empty: ~/.cache/convscope/models)")
    max_heavy_requests: int = Field(1, ge=1, description="requests with a large body or large work computed at "
                                                         "once, per worker process; the rest wait their turn")

    # Who may use the service from elsewhere (not limits on work).
    cors_origins: str = Field("*", description="origins allowed to call /api/* from a browser, comma-separated "
                                               '("*": any; empty: none)')
    frame_ancestors: str = Field("'self'", description="sites that may show the pages in a frame (a CSP "
                                                       "frame-ancestors source list, e.g. \"'self' https://lms.example\")")

    # The limits' typed accessors: settings.input_elements is the Limit that max_input_elements holds.
    body_bytes = LimitOf()
    input_elements = LimitOf()
    kernel_size = LimitOf()
    filters = LimitOf()
    stride_padding_dilation = LimitOf()
    output_elements = LimitOf()
    multiply_adds = LimitOf()
    layers = LimitOf()
    trace_steps = LimitOf()
    trace_values = LimitOf()
    export_frames = LimitOf()
    export_pixels = LimitOf()
    export_total_pixels = LimitOf()
    model_bytes = LimitOf()
    model_multiply_adds = LimitOf()
