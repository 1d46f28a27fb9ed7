"""The /signal page's view as scenes: its query (static/js/pages/signal/state.js) read for the view the page
shows, functions (an integral over τ, one step per shift t) or numbers (a sum over k, one step per y[n])."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ...settings import Settings
from . import page_query, signal_functions, signal_numbers
from .labels import Labels
from .scene import Story

PAGE = "signal"


@dataclass(frozen=True)
class FunctionsPlan:
    f: np.ndarray  # (N,) samples
    g: np.ndarray
    drawn: bool  # a function is drawn: the top plot keeps the drawing's fixed range, as the page's
    xcorr: bool
    steps: int = signal_functions.N

    def story(self, labels: Labels) -> Story:
        return signal_functions.FunctionsStory(self.f, self.g, self.drawn, self.xcorr, labels)


@dataclass(frozen=True)
class NumbersPlan:
    x: list[float]
    h: list[float]

    @property
    def steps(self) -> int:
        return len(self.x) + len(self.h) - 1

    def story(self, labels: Labels) -> Story:
        return signal_numbers.NumbersStory(self.x, self.h, labels)


def plan(query: Mapping[str, str], settings: Settings) -> FunctionsPlan | NumbersPlan:
    """422 for a malformed query; the page's inputs are far within the API's limits (51 samples, 6 numbers)."""
    view = page_query.choice(query, "view", {"": "functions", "functions": "functions", "numbers": "numbers"})
    if view == "numbers":
        return NumbersPlan(signal_numbers.sequence(query, "x"), signal_numbers.sequence(query, "h"))
    (f, f_drawn), (g, g_drawn) = signal_functions.samples(query, "f"), signal_functions.samples(query, "g")
    xcorr = page_query.choice(query, "xc", {"": "0", "0": "0", "1": "1"}) == "1"
    return FunctionsPlan(f, g, f_drawn or g_drawn, xcorr)
