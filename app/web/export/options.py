"""The export's own query fields, beside the page's: size, speed, looping, colours and language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

THEMES = ("light", "dark", "guide")


class ExportOptions(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)  # the page's own fields are read elsewhere

    scale: int = Field(2, ge=1, le=4, description="pixels per layout unit: 1 for a small file, 2 for slides, "
                                                  "4 for print")
    fps: float = Field(1.0, ge=0.5, le=30, description="animation frames (steps) per second")
    loop: int = Field(0, ge=0, le=1000, description="how many times the animation plays; 0 = forever")
    theme: Literal[THEMES] = Field("light", description="the page's light colours, dark, or the colours of "
                                                        "Dumoulin & Visin's convolution arithmetic guide")
    lang: Literal["en", "ko"] = "en"
    equation: bool = Field(True, description="include the step's equation under the grids")
    caption: bool = Field(True, description='include the step caption ("step 3 / 4")')
    step: int | None = Field(None, ge=1, description="the still's step, counted from 1 as the page's URL does; "
                                                     "default: the first")

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> ExportOptions:
        """422 naming the field for a malformed option; an empty value is the default, as in the page's URL."""
        given = {name: value for name, value in query.items() if name in cls.model_fields and value != ""}
        try:
            return cls.model_validate(given)
        except ValidationError as error:
            raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in error.errors()]) from None
