"""Measure the model explorer (/network?model=...) on torchvision's ResNet-18 in Chromium, beside issue 17's targets.

    python bench/explorer.py                 # exports ResNet-18 with torchvision (random weights)
    python bench/explorer.py --models DIR    # or reads DIR/resnet18.onnx
    python bench/explorer.py --quick         # fewer runs and steps: a rough table in less time

It serves the real app in a process of its own (uvicorn, a temporary model store), uploads ResNet-18
(1×3×224×224) to POST /api/models and opens its explorer in a headless Chromium (Debian's `chromium`,
or the one CONVSCOPE_CHROMIUM names) through Playwright, launched as the browser tests launch it.
The issue's two targets: "every layer of ResNet-18 for a 224×224 photo is on screen within 1.5 s of
the click" and "the arithmetic of one conv output cell appears within 300 ms". Measured as medians
after a warm-up, with the clock in the page (performance.now(), event timestamps); a click is the
sample select changed to the other picture (a circle and the cat photo in turn):

- (a) the click until the top five are shown;
- (b) the click until every card the map loader asks for (those in the graph frame or within its
  margin, at its start) is drawn for the new input;
- (c) the click until all of ResNet-18's layers are drawn, while the frame is swept from end to end
  and back from the click on, a frame's width per animation frame; beside it, how fast the frame
  scrolls with every map drawn, and (c″) the same click in a window wide enough for the whole graph:
  every layer in view, nothing scrolled;
- (d) ArrowRight in a convolution's detail panel until the next cell's arithmetic (`#equation .result`)
  is on screen, in the first, an early and the last convolution.

Beside them, where the time goes: the requests (Resource Timing), the long animation frames and the
scripts they ran, one POST /trace alone over httpx, and the page's own functions (arrays.js's unpack,
scaleFor, drawMap) on one layer's answer.

The app is only measured, never changed. Without torchvision or --models there is nothing to open,
and without Chromium nothing to drive: the script says so and exits with 0. Progress goes to stderr;
stdout gets only the header, the tables and the notes.
"""

from __future__ import annotations

import argparse
import base64
import functools
import math
import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script

import httpx  # noqa: E402
import numpy as np  # noqa: E402
from browser import script  # noqa: E402
from harness import HTTP_TIMEOUT_SECONDS, BenchError, serving  # noqa: E402
from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from report import significant  # noqa: E402

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from tests.web.chromium import CHROMIUM_FLAGS, CHROMIUM_MISSING, find_chromium  # noqa: E402

FILE = "resnet18.onnx"
SHAPE = (1, 3, 224, 224)
VIEWPORT = {"width": 1280, "height": 720}
PAGE_TIMEOUT_MS = 60_000
RUN_TIMEOUT_MS = 120_000  # a click whose maps are not all drawn by then fails the bench
IDLE_MS = 500  # no request to /api/ for this long: the page has settled between runs

SAMPLES = ("shape-circle", "photo-chelsea")  # alternated, so that every click is a new input
PREPARING_SAMPLE = "shape-stripes"  # chosen before each sweep, unmeasured
OPENING_SAMPLE = "photo-chelsea"
RUNS, QUICK_RUNS = 5, 2
WARMUP = 1
STEPS, QUICK_STEPS = 10, 4
SCROLL_SECONDS = 4.0
# Convolutions whose cells are stepped through: the first (64×112×112, on the input), one early in the
# network and the last (512×7×7: a trace runs the network up to its layer, so nearly all of it).
CONVS = {"conv1": "/conv1/Conv_output_0", "layer1.0.conv1": "/layer1/layer1.0/conv1/Conv_output_0",
         "layer4.1.conv2": "/layer4/layer4.1/conv2/Conv_output_0"}
# Shapes of ResNet-18's maps whose cost on the page's main thread is taken apart (explorer_costs.js).
COST_SHAPES = ((64, 112, 112), (64, 56, 56), (512, 7, 7))
COST_RUNS = 3
TRACE_RUNS = 5  # POST /trace alone, over httpx

TARGET_ALL_MS = 1500.0
TARGET_CELL_MS = 300.0
MISSING = "—"

CLICK_JS = script("explorer_click", "explorer_sweeper", "explorer_frames")
SWEEP_JS = script("explorer_sweep", "explorer_sweeper")
STEP_JS = script("explorer_step", "explorer_frames")
DONE_JS = script("explorer_done")
SCROLL_JS = script("explorer_scroll")
FACTS_JS = script("explorer_facts")
COSTS_JS = script("explorer_costs")


class Pending:
    """Requests to /api/ the page has sent and not yet seen answered, counted from Playwright's events."""

    def __init__(self, page: Page):
        self.count = 0
        self.page = page
        page.on("request", lambda request: self.change(request.url, 1))
        page.on("requestfinished", lambda request: self.change(request.url, -1))
        page.on("requestfailed", lambda request: self.change(request.url, -1))

    def change(self, url: str, by: int) -> None:
        if "/api/" in url:
            self.count += by

    def settle(self) -> None:
        """Return once no request has been pending for IDLE_MS (the loader sends its requests from a timeout)."""
        deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1e3
        quiet = 0.0
        while quiet < IDLE_MS:
            if time.monotonic() > deadline:
                raise BenchError(f"the page still had {self.count} requests pending after "
                                 f"{PAGE_TIMEOUT_MS / 1e3:.0f} s")
            self.page.wait_for_timeout(50)
            quiet = quiet + 50 if self.count == 0 else 0.0


@dataclass(frozen=True)
class Click:
    """One click, in ms after it: the top five, every awaited card drawn (in the DOM) and the next frame."""

    top: float
    shown: float
    frame: float
    awaited: int  # cards waited for
    stale: int  # cards drawn for the old input after the click
    requests: list[dict]  # the /forward requests after the click (Resource Timing, ms after the click)
    blocked: dict  # long animation frames meanwhile: count, total, longest (ms), scripts (ms by invoker)

    @property
    def image(self) -> dict:
        """The picture's request (POST /forward?encoding=base64 with the image)."""
        return next(request for request in self.requests if request["image"])

    @property
    def loader(self) -> list[dict]:
        """The map loader's requests (JSON bodies: the input and the layers wanted)."""
        return [request for request in self.requests if not request["image"]]


@dataclass(frozen=True)
class Step:
    """One key press or click in the detail panel, in ms after the event: shown, painted; its trace requests."""

    shown: float
    frame: float
    waited: float | None  # the last trace request sent to its answer's first byte: about the server's time
    request: float | None  # the last trace request sent to its answer received
    traces: int  # POST /trace requests sent
    step: str | None  # the URL's step once shown, counted from 1
    blocked: dict  # long animation frames meanwhile, as in Click


@dataclass(frozen=True)
class Results:
    facts: dict  # explorer_facts.js at the usual window size
    view: list[Click]  # (a), (b)
    swept: list[Click]  # (c)
    scrolling: dict  # explorer_sweep.js: fps, longest frame
    cells: dict[str, tuple[Step, list[Step]]]  # (d): label -> the map opened, the ArrowRight presses
    wide: list[Click]  # (c″)
    wide_facts: dict
    costs: dict[tuple[int, ...], dict]
    traces_alone: dict[str, float]  # label -> median ms of one POST /trace for that layer, over httpx, the page closed


def note(message: str) -> None:
    """Progress, on stderr so that stdout stays the report."""
    print(f"[explorer] {message}", file=sys.stderr, flush=True)


def export(directory: Path) -> bool:
    """Write resnet18.onnx with torchvision (random weights), as models.py does; False when it is not installed."""
    try:
        import torch
        from torchvision import models
    except ImportError:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(models.resnet18().eval(), torch.randn(SHAPE), directory / FILE,
                          opset_version=17, dynamo=False, input_names=["x"])
    return True


def upload(base: str, path: Path) -> dict:
    """POST the file to /api/models; its summary (its `name` is the SHA-256 of its bytes)."""
    note(f"uploading {path} ({path.stat().st_size / 1e6:.1f} MB)")
    response = httpx.post(f"{base}/api/models", params={"title": path.name}, content=path.read_bytes(),
                          headers={"content-type": "application/octet-stream"}, timeout=HTTP_TIMEOUT_SECONDS)
    if response.status_code not in (200, 201):
        raise BenchError(f"POST /api/models: HTTP {response.status_code}: {response.text[:300]}")
    return response.json()


def traces_alone(base: str, name: str) -> dict[str, float]:
    """Median ms of one POST /trace for a cell of each of CONVS over httpx, nothing else running: what a step costs
    the server by itself (random input, compact as the page sends it)."""
    x = np.random.default_rng(0).standard_normal(SHAPE[1:]).astype("<f4")
    body = {"input": {"dtype": "float32", "shape": list(SHAPE[1:]), "base64": base64.b64encode(x.tobytes()).decode()},
            "cell": [0, 0, 1]}
    medians = {}
    with httpx.Client(timeout=HTTP_TIMEOUT_SECONDS) as client:
        for label, layer in CONVS.items():
            times = []
            for _ in range(WARMUP + TRACE_RUNS):
                start = time.perf_counter()
                response = client.post(f"{base}/api/models/{name}/trace", json={**body, "layer": layer})
                times.append((time.perf_counter() - start) * 1e3)
                if response.status_code != 200:
                    raise BenchError(f"POST /trace for {layer}: HTTP {response.status_code}: {response.text[:300]}")
            medians[label] = median(times[WARMUP:])
    return medians


def open_explorer(browser: Browser, base: str, name: str) -> tuple[Page, Pending]:
    """The explorer of model `name` with the opening sample, its first maps drawn and its requests answered."""
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    pending = Pending(page)
    page.goto(f"{base}/network?model={name}&sample={OPENING_SAMPLE}")
    page.locator(".top-list li").first.wait_for()
    page.locator(".layer-card.loaded").first.wait_for()
    pending.settle()
    problem = page.locator("#problem")
    if errors or problem.is_visible():
        raise BenchError(f"the explorer failed: {errors[0] if errors else problem.inner_text()}")
    return page, pending


def click(page: Page, pending: Pending, sample: str, sweep: bool) -> Click:
    """Change the sample select to `sample` and wait for the maps (all of them, sweeping the frame, if `sweep`)."""
    probe = page.evaluate_handle(CLICK_JS, {"sample": sample, "sweep": sweep, "timeout": RUN_TIMEOUT_MS})
    result = page.evaluate(DONE_JS, probe)
    if result.get("timedOut"):
        raise BenchError(f"{sample}: after {RUN_TIMEOUT_MS / 1e3:.0f} s, {result['drawn']} of {result['expected']} "
                         f"cards drawn (top five {'shown' if result['top'] is not None else 'not shown'}; "
                         f"not drawn: {', '.join(result['missing'])}; the page's problem: {result['problem']})")
    if not any(request["image"] for request in result["requests"]):
        raise BenchError(f"{sample}: the page sent no picture to /forward")
    pending.settle()
    return Click(result["top"], result["shown"], result["frame"], result["expected"], result["stale"],
                 result["requests"], result["blocked"])


def other_sample(page: Page) -> str:
    """The picture of SAMPLES not chosen now."""
    return SAMPLES[1 - SAMPLES.index(page.evaluate(FACTS_JS)["sample"])]


def clicks(page: Page, pending: Pending, runs: int, sweep: bool, what: str) -> list[Click]:
    """WARMUP + runs clicks, each to a picture not on screen, the frame scrolled back to its start before each.

    A sweep starts where a reader starts: after a picture was chosen with the frame at its start (an unmeasured
    click to PREPARING_SAMPLE first), the loader having asked for the maps in view first, then for the rest.
    """
    taken = []
    for run in range(WARMUP + runs):
        page.evaluate(SCROLL_JS, 0)
        pending.settle()
        if sweep:
            click(page, pending, PREPARING_SAMPLE, False)
        sample = SAMPLES[run % 2] if sweep else other_sample(page)
        taken.append(click(page, pending, sample, sweep))
        last = taken[-1]
        note(f"{what}: {sample}: top five {last.top:.0f} ms, {last.awaited} cards drawn {last.shown:.0f} ms, "
             f"{len(last.requests)} requests, {last.stale} stale" + (" (warm-up)" if run < WARMUP else ""))
    return taken[WARMUP:]


def step(page: Page, pending: Pending, act: Callable[[], None], on: str = "keydown") -> Step:
    """Time from the event `act` causes (a key press, or a click with on="click") to the new arithmetic on screen."""
    probe = page.evaluate_handle(STEP_JS, {"on": on, "timeout": RUN_TIMEOUT_MS})
    act()
    result = page.evaluate(DONE_JS, probe)
    if result.get("timedOut"):
        raise BenchError(f"no arithmetic shown {RUN_TIMEOUT_MS / 1e3:.0f} s after the {on} event")
    pending.settle()
    sent = result["sent"]
    return Step(result["shown"] - result["event"], result["frame"] - result["event"], result["waited"],
                None if sent is None else result["answered"] - sent, result["traces"], result["step"],
                result["blocked"])


def cells(page: Page, pending: Pending, label: str, layer: str, steps: int) -> tuple[Step, list[Step]]:
    """Open map 1 of `layer` (a click), go to its first cell (Home), then press ArrowRight WARMUP + steps times."""
    note(f"cells of {label}")
    button = page.locator(f'.layer-card[data-layer="{layer}"] .map').first
    if button.count() == 0:
        raise BenchError(f"the explorer has no maps for {layer}")
    button.scroll_into_view_if_needed()
    pending.settle()
    opened = step(page, pending, button.click, on="click")
    if opened.step != "1":  # at the first cell already, Home would show nothing new
        step(page, pending, lambda: page.keyboard.press("Home"))
    taken = []
    for pressed in range(1, WARMUP + steps + 1):
        taken.append(step(page, pending, lambda: page.keyboard.press("ArrowRight")))
        if taken[-1].step != str(pressed + 1):  # the URL counts from 1
            raise BenchError(f"{label}: after Home and {pressed} ArrowRight presses the URL says step "
                             f"{taken[-1].step}, not {pressed + 1}")
    note(f"cells of {label}: opened in {opened.shown:.0f} ms, steps "
         + ", ".join(f"{s.shown:.0f}" for s in taken) + " ms")
    return opened, taken[WARMUP:]


def widen(page: Page, pending: Pending) -> dict:
    """Make the window wide enough for the whole graph to fit in the frame; the facts then."""
    facts = page.evaluate(FACTS_JS)
    width = facts["windowWidth"] + facts["graphWidth"] - facts["frameWidth"] + 50
    page.set_viewport_size({"width": width, "height": VIEWPORT["height"]})
    pending.settle()
    facts = page.evaluate(FACTS_JS)
    if facts["graphWidth"] > facts["frameWidth"]:
        raise BenchError(f"a {width} px window leaves the graph ({facts['graphWidth']} px) wider than its frame "
                         f"({facts['frameWidth']} px)")
    return facts


def measure(browser: Browser, base: str, name: str, layers: int, runs: int, steps: int) -> Results:
    """Every measurement on one explorer page: (a)-(c), the scrolling, (d), then (c″) in a wide window; the costs."""
    page, pending = open_explorer(browser, base, name)
    facts = page.evaluate(FACTS_JS)
    missing = [sample for sample in (*SAMPLES, PREPARING_SAMPLE) if sample not in facts["samples"]]
    if missing or facts["sample"] not in SAMPLES:
        raise BenchError(f"the explorer offers {', '.join(facts['samples'])} and opened on {facts['sample']}; "
                         f"the bench needs {', '.join((*SAMPLES, PREPARING_SAMPLE))} and to open on one of "
                         f"{' and '.join(SAMPLES)}")
    view = clicks(page, pending, runs, False, "maps in view")
    swept = clicks(page, pending, runs, True, "whole network, swept from the click")
    note("scrolling with every map drawn")
    scrolling = page.evaluate(SWEEP_JS, SCROLL_SECONDS)
    pending.settle()
    stepped = {label: cells(page, pending, label, layer, steps) for label, layer in CONVS.items()}
    page.locator("#detail-close").click()  # an open detail asks for its cell again on every new input
    pending.settle()
    wide_facts = widen(page, pending)
    wide = clicks(page, pending, runs, False, f"whole network in a {wide_facts['windowWidth']} px window")
    if any(run.awaited != layers for run in wide):
        raise BenchError(f"in a {wide_facts['windowWidth']} px window the loader asked for "
                         f"{sorted({run.awaited for run in wide})} cards, not all {layers}")
    note("costs of one layer's answer on the main thread")
    costs = {shape: page.evaluate(COSTS_JS, {"shape": list(shape), "runs": COST_RUNS}) for shape in COST_SHAPES}
    page.context.close()
    note("POST /trace alone")
    return Results(facts, view, swept, scrolling, stepped, wide, wide_facts, costs, traces_alone(base, name))


def median(values) -> float:
    return statistics.median(list(values))


def number(value: float | None) -> str:
    """A measurement for a table: three significant digits, thousands separated."""
    return MISSING if value is None else significant(value)


def verdict(ok: bool) -> str:
    return "✓" if ok else "✗"


def count(value: float) -> str:
    """A count for a table: whole numbers as such, a median between two as it is."""
    return f"{value:,.0f}" if float(value).is_integer() else significant(value)


def megabytes(size: float) -> str:
    return f"{significant(size / 1e6)} MB"


def click_rows(label: str, runs: list[Click], what: str, top: bool) -> list[list[str]]:
    """(b), (c) or (c″): the cards drawn against the target; the requests and the main thread behind them."""
    shown = median(run.shown for run in runs)
    loader = [run.loader for run in runs]
    rows = [[f"{label} Sample changed → {what} (median of {len(runs)})", f"{number(shown)} ms",
             f"≤ {number(TARGET_ALL_MS)} ms", verdict(shown <= TARGET_ALL_MS)],
            ["↳ painted (the next animation frame)", f"{number(median(run.frame for run in runs))} ms",
             MISSING, MISSING]]
    if top:
        rows.append(["↳ top five shown meanwhile", f"{number(median(run.top for run in runs))} ms", MISSING, MISSING])
    rows += [["↳ the loader's requests: how many, their answers, the last answered",
              f"{count(median(map(len, loader)))}, {megabytes(median(sum(r['bytes'] for r in rs) for rs in loader))}, "
              f"{number(median(max(r['end'] for r in rs) for rs in loader))} ms", MISSING, MISSING],
             ["↳ main thread: long frames (≥ 50 ms), their time summed, the longest",
              f"{count(median(run.blocked['count'] for run in runs))}, "
              f"{number(median(run.blocked['total'] for run in runs))} ms, "
              f"{number(median(run.blocked['longest'] for run in runs))} ms", MISSING, MISSING]]
    if any(run.stale for run in runs):
        rows.append(["↳ cards drawn for the old input meanwhile (asked for while the new one was on its way), most",
                     f"{count(median(run.stale for run in runs))}, {max(run.stale for run in runs)}", MISSING, MISSING])
    return rows


def results_table(results: Results, layers: int) -> list[str]:
    """The Markdown table of measurements and targets, one string per line."""
    view = results.view
    top = median(run.top for run in view)
    image = [run.image for run in view]
    awaited = sorted({run.awaited for run in view})
    cards = "–".join(map(str, (awaited[0], awaited[-1]) if len(awaited) > 1 else awaited))
    rows = [[f"(a) Sample changed → top five shown (median of {len(view)})", f"{number(top)} ms",
             f"≤ {number(TARGET_ALL_MS)} ms", verdict(top <= TARGET_ALL_MS)],
            ["↳ picture sent; answered by POST /forward (server time to first byte)",
             f"{number(median(r['start'] for r in image))}; {number(median(r['end'] for r in image))} ms "
             f"({number(median(r['waited'] for r in image))})", MISSING, MISSING],
            *click_rows("(b)", view, f"the {cards} cards in or beside the graph frame drawn", False),
            *click_rows("(c)", results.swept, f"all {layers} layers drawn, the frame swept end to end from the click",
                        True),
            [f"↳ the frame swept for {number(SCROLL_SECONDS)} s with every map drawn: frames per second, the longest",
             f"{number(results.scrolling['fps'])}, {number(results.scrolling['longest'])} ms", MISSING, MISSING],
            *click_rows("(c″)", results.wide, f"all {layers} layers drawn, a {results.wide_facts['windowWidth']:,} px "
                        "window holding the whole graph", True)]
    for label, (opened, steps) in results.cells.items():
        shown = [step.shown for step in steps]
        traces = [step.request for step in steps if step.request is not None]
        waits = [step.waited for step in steps if step.waited is not None]
        rows += [[f"(d) {label}: ArrowRight → the next cell's arithmetic shown (median of {len(steps)}; slowest)",
                  f"{number(median(shown))} ms ({number(max(shown))})", f"≤ {number(TARGET_CELL_MS)} ms",
                  verdict(median(shown) <= TARGET_CELL_MS)],
                 ["↳ painted (the next animation frame)", f"{number(median(step.frame for step in steps))} ms",
                  MISSING, MISSING],
                 ["↳ main thread: long frames (≥ 50 ms) per press, their time summed",
                  f"{number(median(step.blocked['total'] for step in steps))} ms", MISSING, MISSING],
                 ["↳ POST /trace requests per press; the last, sent to answered (server time to first byte)",
                  f"{count(median(step.traces for step in steps))}; {number(median(traces) if traces else None)} ms "
                  f"({number(median(waits) if waits else None)})", MISSING, MISSING],
                 [f"↳ one POST /trace for a cell of {label} alone, over httpx (median of {TRACE_RUNS})",
                  f"{number(results.traces_alone[label])} ms", MISSING, MISSING],
                 ["↳ opening its first map: click → the strongest cell's arithmetic shown",
                  f"{number(opened.shown)} ms", MISSING, MISSING]]
    lines = ["| measurement | result | target | meets |", "|---|--:|--:|:-:|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def costs_table(costs: dict) -> list[str]:
    """The main thread's work on one layer's answer, step by step, in ms."""
    lines = ["| one layer's answer | JSON | JSON.parse | unpack (arrays.js) | scaleFor | drawMap, every map | "
             "atob alone | atob + a charCodeAt loop |", "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for shape, cost in costs.items():
        lines.append(f"| {'×'.join(map(str, shape))} | {megabytes(cost['bytes'])} | {number(cost['parse'])} | "
                     f"{number(cost['unpack'])} | {number(cost['scale'])} | {number(cost['draw'])} | "
                     f"{number(cost['atob'])} | {number(cost['loop'])} |")
    return lines


def scripts_line(label: str, blocked: list[dict]) -> str:
    """Where the long frames' script time went in the median run (by the long frames' time), the largest first."""
    run = sorted(blocked, key=lambda b: b["total"])[len(blocked) // 2]
    if not run["supported"]:
        return f"- {label}: this Chromium reports no long animation frames."
    scripts = sorted(run["scripts"].items(), key=lambda item: item[1], reverse=True)[:3]
    parts = ", ".join(f"{where} {number(ms)} ms" for where, ms in scripts) or "none"
    frames = f"{run['count']} long frame{'' if run['count'] == 1 else 's'}"
    return (f"- {label}, the median run: {frames}, {number(run['total'])} ms; "
            f"the scripts they ran: {parts}.")


def timeline_line(label: str, runs: list[Click]) -> str:
    """The median run's requests, in ms after the click: when each was sent and answered, and its answer's size."""
    run = sorted(runs, key=lambda r: r.shown)[len(runs) // 2]
    requests = sorted(run.requests, key=lambda r: r["start"])
    parts = "; ".join(f"{'the picture' if r['image'] else megabytes(r['bytes'])} "
                      f"{number(r['start'])}–{number(r['end'])}" for r in requests)
    return (f"- {label}, the median run (all drawn at {number(run.shown)} ms): its /forward requests, sent–answered "
            f"in ms after the click: {parts}.")


def header(version: str, summary: dict, path: Path, runs: int, loads: tuple[float, float]) -> str:
    """The machine, the browser, the model and the load average around the run."""
    numbers = sum(math.prod(layer["shape"]) for layer in summary["layers"])
    return (f"**ConvScope explorer bench** · Chromium {version} headless, {VIEWPORT['width']}×{VIEWPORT['height']} · "
            f"{os.cpu_count()} cores · ResNet-18 ({path.name}, {path.stat().st_size / 1e6:.1f} MB): "
            f"{len(summary['layers'])} layers, {numbers:,} numbers in their outputs, "
            f"{summary['multiply_adds'] / 1e9:.2f} G multiply-adds · {runs} runs after {WARMUP} warm-up · "
            f"load average (1 min) {loads[0]:.2f} before, {loads[1]:.2f} after")


def notes(results: Results) -> list[str]:
    """How each measurement was taken, and where the main thread's time went."""
    facts = results.facts
    return [
        f"- The page draws {facts['cards']} cards ({facts['canvases']:,} canvases) in a frame {facts['frameWidth']:,} "
        f"px wide; the graph is {facts['graphWidth']:,} px wide. The map loader asks for the cards in the frame or "
        "within half its width of it; (b) waits for those (counted when the top five appear, the frame at its start).",
        "- A click sets the sample select to the other picture (a circle, the cat photo in turn) and fires its input "
        "and change events; times run from just before them. A card counts as drawn once `loaded` is set on it after "
        "the top five appear, for the new input (the picture's own card is drawn with the top five).",
        "- (c) scrolls the frame by its own width every animation frame, end to end and back, from the click until "
        "every layer has been drawn for the new input; before each run an unmeasured click (stripes) with the frame "
        "at its start, as a reader starts. (c″) makes the window wide enough for the frame to hold "
        "the whole graph, so the loader asks for every layer at once and nothing scrolls.",
        f"- (d) opens the first map of each convolution (a click: its strongest cell), presses Home, then ArrowRight "
        f"{WARMUP} + N times, each once the previous cell is shown, and checks the URL's step each time. Times run "
        "from the keydown event's timestamp to the new `#equation .result` in the DOM.",
        scripts_line("(b)", [run.blocked for run in results.view]),
        scripts_line("(c)", [run.blocked for run in results.swept]),
        scripts_line("(c″)", [run.blocked for run in results.wide]),
        *(scripts_line(f"(d) {label}, ArrowRight", [step.blocked for step in steps])
          for label, (_, steps) in results.cells.items()),
        timeline_line("(b)", results.view),
        timeline_line("(c″)", results.wide),
        "- Server times are Resource Timing's request start to the answer's first byte: the forward pass or trace, "
        "its JSON, and any wait behind other requests (the server computes one heavy request at a time).",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=Path, help=f"a directory holding {FILE} (default: exported with torchvision)")
    parser.add_argument("--quick", action="store_true", help="fewer runs and steps: a rough table in less time")
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        print(f"{CHROMIUM_MISSING}: there is no browser to measure the explorer in.")
        return 0
    runs, steps = (QUICK_RUNS, QUICK_STEPS) if args.quick else (RUNS, STEPS)
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.models or Path(scratch)
        if args.models is None and not export(directory):
            print(f"torchvision is not installed: give --models DIR with {FILE} to measure the explorer on it.")
            return 0
        path = directory / FILE
        if not path.exists():
            print(f"{directory} lacks {FILE}.", file=sys.stderr)
            return 1
        store = Path(scratch) / "store"
        store.mkdir()
        loads_before = os.getloadavg()[0]
        try:
            with serving(functools.partial(create_app, Settings(model_store=str(store)))) as (base, _), \
                    sync_playwright() as playwright:
                summary = upload(base, path)
                browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
                results = measure(browser, base, summary["name"], len(summary["layers"]), runs, steps)
                version = browser.version
                browser.close()
        except BenchError as error:
            print(f"explorer bench failed: {error}", file=sys.stderr)
            return 1
        loads = (loads_before, os.getloadavg()[0])
        report = [header(version, summary, path, runs, loads), "", *results_table(results, len(summary["layers"])),
                  "", f"Where one layer's answer goes on the main thread, in ms (median of {COST_RUNS}; the page's "
                  "own functions on random values, detached canvases):", "", *costs_table(results.costs), "",
                  *notes(results)]
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
