"""Every server limit in one place, read from CONVSCOPE_* environment variables."""

from __future__ import annotations

import os

from pydantic import BaseModel, ConfigDict, Field

ENV_PREFIX = "CONVSCOPE_"


class Settings(BaseModel):
    """Limits that keep one request from costing the server more than it should.

    Each field reads the environment variable CONVSCOPE_<FIELD NAME IN CAPITALS>.
    """

    model_config = ConfigDict(frozen=True)

    max_body_bytes: int = Field(16 * 1024 * 1024, ge=1, description="request body size, in bytes")
    max_input_elements: int = Field(1 << 20, ge=1, description="numbers in one input array")
    max_kernel_size: int = Field(64, ge=1, description="kernel or pooling window side")
    max_filters: int = Field(256, ge=1, description="filters in one bank")
    max_stride_padding_dilation: int = Field(1024, ge=1, description="each side of a stride, padding or dilation")
    max_output_elements: int = Field(1 << 22, ge=1, description="numbers in all outputs of one request")
    max_multiply_adds: int = Field(10**9, ge=1, description="multiply-adds of one request")
    max_layers: int = Field(256, ge=1, le=4096, description="layers in one forward pass (at most 4,096)")
    max_trace_steps: int = Field(16_384, ge=1, description="steps (output cells) in one trace")
    max_trace_values: int = Field(4_000_000, ge=1, description="numbers in one trace")
    max_heavy_requests: int = Field(1, ge=1, description="requests with a large body or large work computed at "
                                                         "once, per worker process; the rest wait their turn")

    # Who may use the service from elsewhere (not limits on work).
    cors_origins: str = Field("*", description="origins allowed to call /api/* from a browser, comma-separated "
                                               '("*": any; empty: none)')
    frame_ancestors: str = Field("'self'", description="sites that may show the pages in a frame (a CSP "
                                                       "frame-ancestors source list, e.g. \"'self' https://lms.example\")")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        values = {name: environ[ENV_PREFIX + name.upper()] for name in cls.model_fields
                  if ENV_PREFIX + name.upper() in environ}
        return cls(**values)

    @staticmethod
    def env_name(field: str) -> str:
        return ENV_PREFIX + field.upper()
