"""Measure ConvScope's convolution page in Chromium; print each measurement beside its target.

    python bench/browser.py

It serves the real app with uvicorn on a free port and drives a headless Chromium (Debian's
`chromium`, or the one CONVSCOPE_CHROMIUM names) through Playwright, launched as the browser tests
launch it (tests/web/chromium.py). Four measurements, from the speed issue:

- animation: requestAnimationFrame callbacks per second while the page plays at its fastest speed,
  frames longer than LONG_FRAME_MS and where the main thread's time goes;
- feature maps: one robust colour scale (as image mode draws them) and drawMap sixteen times on
  224×224 canvases, inside the page;
- page weight: the page's HTML and every script and stylesheet it loads, uncompressed;
- parameter change: from the stride field's input event to the output grid showing the new shape.

The app is only measured, never changed. Progress goes to stderr; stdout gets only the header,
the tables and the notes.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
JS_DIR = Path(__file__).resolve().parent / "js"  # the functions this script evaluates in the page
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

import uvicorn  # noqa: E402
from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, sync_playwright  # noqa: E402

from app.engine import output_size  # noqa: E402
from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from tests.web.chromium import CHROMIUM_FLAGS, CHROMIUM_MISSING, find_chromium  # noqa: E402

SEED = 2024
HOST = "127.0.0.1"
SERVER_START_SECONDS = 15.0
PAGE_TIMEOUT_MS = 15_000
VIEWPORT = {"width": 1280, "height": 720}

ANIMATION_INPUT = 32  # the input side; the page's own limit is read from state.js
KERNEL = 5
INPUT_VALUES = (0, 9)  # random integers, as the page's "random" preset draws them
KERNEL_VALUES = (-1, 1)
COUNT_SECONDS = 3.0
SETTLE_SECONDS = 0.5  # after pressing play, before counting
LONG_FRAME_MS = 20.0
MAX_SPEED_PRESSES = 10  # '+' presses allowed to reach the fastest speed

MAPS = 16
MAP_SIDE = 224
MAP_RUNS = 10

CHANGE_FIELD = "strideH"  # toggled 1 -> 2 -> 1 with the arrow keys
CHANGE_RUNS = 10
CHANGE_WARMUP = 2

COUNTED_TYPES = ("document", "script", "stylesheet")
EXCLUDED_PREFIX = "/static/vendor/"  # the vendored Swagger UI, which /docs loads

TARGET_FPS = 58.0
TARGET_MAPS_MS = 16.0
TARGET_PAGE_BYTES = 100 * 1024
DECIMAL_KB_TARGET = 100 * 1000  # the same target read in decimal kilobytes
TARGET_CHANGE_MS = 50.0

MISSING = "—"


def script(name: str, *helpers: str) -> str:
    """The function in js/<name>.js, for page.evaluate, with the declarations of js/<helper>.js in its scope."""
    source = (JS_DIR / f"{name}.js").read_text()
    if not helpers:
        return source
    declarations = "\n".join((JS_DIR / f"{helper}.js").read_text() for helper in helpers)
    return f"(arg) => {{\n{declarations}\nreturn ({source})(arg);\n}}"


COUNT_FRAMES_JS = script("count_frames")
DRAW_MAPS_JS = script("draw_maps")
CHANGE_PROBE_JS = script("change_probe", "rows_of")
CHANGE_DONE_JS = script("change_done")
LIMIT_JS = script("input_limit")
SHOWN_JS = script("shown", "rows_of")
STRINGS_JS = script("strings_bytes")
SPEED_JS = script("speed")


class BenchError(RuntimeError):
    """The page or the server did not behave as the measurement needs: its number would mean nothing."""


@dataclass(frozen=True)
class Frames:
    """One counting window: frame rate, long frames and the main thread's time per frame, in ms."""

    fps: float
    intervals: int
    long_intervals: int  # intervals over LONG_FRAME_MS
    observer: str | None  # the PerformanceObserver entry type used, if any
    observed_long: int  # entries it reported (its own threshold: 50 ms)
    per_frame_ms: dict[str, float]  # script, style, layout, other


@dataclass(frozen=True)
class Animation:
    """The animation measured on one input size, paused and then playing at the fastest speed."""

    size: int
    heat: bool  # the grids showed colour only, no numbers
    speed: str
    paused: Frames
    playing: Frames


@dataclass(frozen=True)
class Asset:
    """One response the page loaded: its path, resource type and uncompressed size."""

    path: str
    kind: str
    size: int


@dataclass(frozen=True)
class Change:
    """Medians, in ms, from the input event to the new output in the DOM and to the next frame.

    The POST /api/convolve inside splits the first into before, during and after the request.
    """

    size: int
    shown_ms: float
    frame_ms: float
    phases_ms: dict[str, float]  # empty when Resource Timing saw no request


def note(message: str) -> None:
    """Progress, on stderr so that stdout stays the report."""
    print(f"[browser] {message}", file=sys.stderr, flush=True)


def chromium() -> str:
    """The Chromium to drive (tests/web/chromium.py finds it, as for the browser tests)."""
    executable = find_chromium()
    if executable is None:
        raise BenchError(CHROMIUM_MISSING)
    return executable


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """The app served by uvicorn on a free localhost port, in a background thread; yields its base URL."""
    server = uvicorn.Server(uvicorn.Config(create_app(Settings()), host=HOST, port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_SECONDS
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise BenchError("the app did not start")
        time.sleep(0.02)
    try:
        yield f"http://{HOST}:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join()


def matrix(rng: random.Random, side: int, values: tuple[int, int]) -> str:
    """A random side×side integer matrix in the URL's encoding: values by ',', rows by ';'."""
    return ";".join(",".join(str(rng.randint(*values)) for _ in range(side)) for _ in range(side))


def convolution_url(base: str, side: int, rng: random.Random) -> str:
    """/convolution with a random side×side input and a random KERNEL×KERNEL kernel in its URL state."""
    query = urlencode({"in": matrix(rng, side, INPUT_VALUES), "k": matrix(rng, KERNEL, KERNEL_VALUES)})
    return f"{base}/convolution?{query}"


def open_page(context: BrowserContext, url: str) -> Page:
    """A new page at `url`, once its first answer is on screen; page errors fail the bench."""
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.locator("#equation .result").wait_for()
    if errors:
        raise BenchError(f"{url}: {errors[0]}")
    return page


def require_shown(page: Page, side: int) -> dict:
    """What the page shows; it must be a side×side input and its valid KERNEL×KERNEL output."""
    shown = page.evaluate(SHOWN_JS)
    rows = output_size(side, KERNEL)
    if shown["problem"] or shown["inputRows"] != side or shown["outputRows"] != rows:
        raise BenchError(f"a {side}×{side} input was refused: the page shows {shown['inputRows']} input rows "
                         f"and {shown['outputRows']} output rows (expected {side} and {rows}); "
                         f"problem: {shown['problem']}")
    return shown


def input_limit(context: BrowserContext, base: str) -> int:
    """The page's largest input side (LIMITS.size in the convolution page's state.js)."""
    page = open_page(context, f"{base}/convolution")
    limit = page.evaluate(LIMIT_JS)
    page.close()
    return limit


def metrics(session: CDPSession) -> dict[str, float]:
    """Chromium's cumulative main-thread times (seconds) for the page, from the DevTools protocol."""
    return {m["name"]: m["value"] for m in session.send("Performance.getMetrics")["metrics"]}


def per_frame(before: dict[str, float], after: dict[str, float], frames: int) -> dict[str, float]:
    """Main-thread ms per frame between two metric snapshots: script, style, layout and the rest."""
    def spent(name: str) -> float:
        return (after[name] - before[name]) * 1e3 / max(frames, 1)

    parts = {"script": spent("ScriptDuration"), "style": spent("RecalcStyleDuration"),
             "layout": spent("LayoutDuration")}
    parts["other"] = spent("TaskDuration") - sum(parts.values())
    return parts


def count_frames(page: Page, session: CDPSession) -> Frames:
    """Count requestAnimationFrame callbacks over COUNT_SECONDS with a script injected into the page."""
    before = metrics(session)
    window = page.evaluate(COUNT_FRAMES_JS, COUNT_SECONDS)
    after = metrics(session)
    stamps = window["stamps"]
    intervals = [b - a for a, b in itertools.pairwise(stamps)]
    return Frames(fps=len(intervals) / (stamps[-1] - stamps[0]) * 1e3, intervals=len(intervals),
                  long_intervals=sum(interval > LONG_FRAME_MS for interval in intervals),
                  observer=window["kind"], observed_long=len(window["long"]),
                  per_frame_ms=per_frame(before, after, len(intervals)))


def play_fastest(page: Page) -> str:
    """Focus the page, press '+' until the speed slider is at its maximum, then Space to play."""
    page.locator("body").click(position={"x": 5, "y": 300})  # off every control, as a user would
    for _ in range(MAX_SPEED_PRESSES):
        speed = page.evaluate(SPEED_JS)
        if speed["value"] == speed["max"]:
            break
        page.keyboard.press("+")
    else:
        raise BenchError(f"the speed slider did not reach its maximum: {speed}")
    page.keyboard.press("Space")
    if page.locator('[data-player="play"].playing').count() != 1:
        raise BenchError("Space did not start the animation")
    return speed["title"]


def measure_animation(context: BrowserContext, base: str, side: int, rng: random.Random) -> Animation:
    """Frame rate of /convolution with a side×side input, paused and then playing at the fastest speed."""
    note(f"animation, {side}×{side} input")
    page = open_page(context, convolution_url(base, side, rng))
    shown = require_shown(page, side)
    session = context.new_cdp_session(page)
    session.send("Performance.enable")
    paused = count_frames(page, session)
    speed = play_fastest(page)
    page.wait_for_timeout(SETTLE_SECONDS * 1e3)
    playing = count_frames(page, session)
    page.close()
    return Animation(side, shown["heat"], speed, paused, playing)


def accepts(context: BrowserContext, base: str, side: int, rng: random.Random) -> str | None:
    """None when /convolution shows a side×side input from its URL, else why not."""
    page = open_page(context, convolution_url(base, side, rng))
    try:
        require_shown(page, side)
    except BenchError as error:
        return str(error)
    finally:
        page.close()
    return None


def measure_maps(context: BrowserContext, base: str) -> tuple[float, float]:
    """Median ms of the robust colour scale once plus drawMap on MAPS canvases of MAP_SIDE², and of the scale alone."""
    note(f"{MAPS} maps of {MAP_SIDE}×{MAP_SIDE}")
    page = open_page(context, f"{base}/convolution")
    runs = page.evaluate(DRAW_MAPS_JS, {"count": MAPS, "side": MAP_SIDE, "runs": MAP_RUNS})
    page.close()
    return statistics.median(runs["totals"]), statistics.median(runs["scales"])


def measure_weight(context: BrowserContext, base: str) -> tuple[list[Asset], list[str], int]:
    """The HTML, scripts and stylesheets /convolution loads, uncompressed; what was left out; the HTML's strings.

    The last is the size of the inline #strings JSON, the page's text in its language.
    """
    note("page weight")
    responses = []
    page = context.new_page()
    page.on("response", lambda response: responses.append(response))  # Playwright cannot wrap a builtin
    page.goto(f"{base}/convolution", wait_until="networkidle")
    counted, skipped = [], []
    for response in responses:
        path = urlsplit(response.url).path
        kind = response.request.resource_type
        if kind in COUNTED_TYPES and not path.startswith(EXCLUDED_PREFIX):
            counted.append(Asset(path, kind, len(response.body())))
        else:
            skipped.append(f"{path} ({kind})")
    strings = page.evaluate(STRINGS_JS)
    page.close()
    return counted, sorted(set(skipped)), strings


def measure_change(context: BrowserContext, base: str, side: int, rng: random.Random) -> Change:
    """Median latency from the stride field's input event to the output grid in its new shape."""
    note(f"parameter change, {side}×{side} input")
    page = open_page(context, convolution_url(base, side, rng))
    require_shown(page, side)
    field = page.locator(f'input[name="{CHANGE_FIELD}"]')
    samples = []
    for run in range(CHANGE_WARMUP + CHANGE_RUNS):
        up = run % 2 == 0  # stride 1 -> 2, then back
        probe = page.evaluate_handle(CHANGE_PROBE_JS, output_size(side, KERNEL, stride=2 if up else 1))
        field.press("ArrowUp" if up else "ArrowDown")
        samples.append(page.evaluate(CHANGE_DONE_JS, probe))
    page.close()
    samples = samples[CHANGE_WARMUP:]
    return Change(side, median_between(samples, "input", "shown"), median_between(samples, "input", "frame"),
                  request_phases(samples))


def median_between(samples: list[dict], start: str, end: str) -> float:
    """Median of end - start over the samples."""
    return statistics.median(sample[end] - sample[start] for sample in samples)


def request_phases(samples: list[dict]) -> dict[str, float]:
    """Median ms before the request is sent, while it is answered, and after the answer until shown."""
    if any(sample["sent"] is None for sample in samples):
        return {}
    return {"input → request sent": median_between(samples, "input", "sent"),
            "POST /api/convolve": median_between(samples, "sent", "answered"),
            "answer → output in the DOM": median_between(samples, "answered", "shown")}


def number(value: float) -> str:
    """A measurement for the table: three significant digits, thousands separated."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


def verdict(ok: bool) -> str:
    """The 'meets target' cell."""
    return "yes" if ok else "**no**"


def animation_rows(animation: Animation) -> list[list[str]]:
    """Three table rows for one animation window: fps, long frames, main-thread time per frame."""
    side, playing = animation.size, animation.playing
    what = f"Animation fps, {side}×{side} input ⊙ {KERNEL}×{KERNEL}, playing at {animation.speed}"
    long_cell = f"{playing.long_intervals} of {playing.intervals}"
    if playing.observer:
        long_cell += f"; {playing.observed_long} `{playing.observer}` entries (≥ 50 ms)"
    cost = playing.per_frame_ms
    cost_cell = f"{number(sum(cost.values()))} ms: " + ", ".join(f"{k} {number(v)}" for k, v in cost.items())
    return [
        [what, f"{number(playing.fps)} (paused: {number(animation.paused.fps)})", f"≥ {number(TARGET_FPS)}",
         verdict(playing.fps >= TARGET_FPS)],
        [f"↳ frames longer than {number(LONG_FRAME_MS)} ms (rAF intervals)", long_cell, MISSING, MISSING],
        ["↳ main-thread time per frame (DevTools metrics)", cost_cell, MISSING, MISSING],
    ]


def results_table(animations: list[Animation], maps: tuple[float, float], assets: list[Asset],
                  change: Change) -> list[str]:
    """The Markdown table of measurements and targets, one string per line."""
    total_ms, scale_ms = maps
    weight = sum(asset.size for asset in assets)
    rows = [row for animation in animations for row in animation_rows(animation)]
    rows += [
        [f"{MAPS} maps of {MAP_SIDE}×{MAP_SIDE}: robust scale once + drawMap each (median of {MAP_RUNS})",
         f"{number(total_ms)} ms", f"≤ {number(TARGET_MAPS_MS)} ms", verdict(total_ms <= TARGET_MAPS_MS)],
        ["↳ of which the scale (1st–99th percentiles)", f"{number(scale_ms)} ms", MISSING, MISSING],
        [f"/convolution weight: HTML + JS + CSS, uncompressed ({len(assets)} files)",
         f"{weight:,} B ({weight / 1024:.1f} KiB)", f"≤ {TARGET_PAGE_BYTES:,} B (100 KiB)",
         verdict(weight <= TARGET_PAGE_BYTES)],
        [f"Stride change → new output in the DOM, {change.size}×{change.size} input (median of {CHANGE_RUNS})",
         f"{number(change.shown_ms)} ms", f"≤ {number(TARGET_CHANGE_MS)} ms",
         verdict(change.shown_ms <= TARGET_CHANGE_MS)],
        ["↳ to the next animation frame (when it is painted)", f"{number(change.frame_ms)} ms",
         f"≤ {number(TARGET_CHANGE_MS)} ms", verdict(change.frame_ms <= TARGET_CHANGE_MS)],
    ]
    rows += [[f"↳ of which {phase} (Resource Timing)", f"{number(ms)} ms", MISSING, MISSING]
             for phase, ms in change.phases_ms.items()]
    lines = ["| measurement | result | target | meets |", "|---|--:|--:|:-:|"]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def weight_table(assets: list[Asset], strings: int) -> list[str]:
    """The page-weight breakdown, largest first, as a Markdown table; the HTML's inline strings under it."""
    lines = ["| file | type | bytes |", "|---|---|--:|"]
    for asset in sorted(assets, key=lambda a: a.size, reverse=True):
        lines.append(f"| `{asset.path}` | {asset.kind} | {asset.size:,} |")
        if asset.kind == "document":
            lines.append(f"| ↳ of which the inline strings (`#strings` JSON) | | {strings:,} |")
    return lines


def header(browser: Browser, loads: tuple[float, float]) -> str:
    """The machine, the browser and the load average around the run."""
    return (f"**ConvScope browser bench** · Chromium {browser.version} headless, {VIEWPORT['width']}×"
            f"{VIEWPORT['height']} · {os.cpu_count()} cores · load average (1 min) {loads[0]:.2f} before, "
            f"{loads[1]:.2f} after")


def notes(limit: int, refused: str | None, animations: list[Animation], assets: list[Asset],
          skipped: list[str]) -> list[str]:
    """What was measured in place of what the issue asked, and why; what the weight leaves out."""
    lines = []
    if refused:
        lines.append(f"- The issue's {ANIMATION_INPUT}×{ANIMATION_INPUT} input cannot be measured: {refused}. "
                     f"The animation was measured at {limit}×{limit}, the largest the page accepts.")
    elif limit >= ANIMATION_INPUT:
        lines.append(f"- The size fields go up to {limit} (LIMITS.size), so the issue's {ANIMATION_INPUT}×"
                     f"{ANIMATION_INPUT} input is one a student can set up; the bench loads it from the URL (`in`).")
    else:
        lines.append(f"- The size fields stop at {limit} (LIMITS.size), but a {ANIMATION_INPUT}×"
                     f"{ANIMATION_INPUT} input given in the URL (`in`) is accepted and computed, so it was "
                     f"measured as the issue asks; {limit}×{limit}, the largest the fields allow, is measured too.")
    for animation in animations:
        if animation.heat:
            lines.append(f"- At {animation.size}×{animation.size} the input grid shows colours only, no numbers.")
    lines.append(f"- The parameter change uses a {limit}×{limit} input, the page's limit (the issue asks for "
                 f"about 28×28). It presses ArrowUp/ArrowDown in the `{CHANGE_FIELD}` field (stride 1 ↔ 2), "
                 "which changes the output's shape, and times from the input event's timestamp.")
    lines.append(f"- The fps window is {number(COUNT_SECONDS)} s; long frames are requestAnimationFrame "
                 f"intervals over {number(LONG_FRAME_MS)} ms (the PerformanceObserver entries only report "
                 "frames of 50 ms or more). 'other' in the time per frame is the main thread's time outside "
                 "script, style and layout: painting, commits to the compositor, task overhead.")
    lines.append(f"- Maps are {MAP_SIDE}×{MAP_SIDE} random values in [−1, 1) drawn on detached canvases; "
                 "the time is JavaScript only (no compositing). Their colour scale is the robust one image mode "
                 f"uses: the 1st and 99th percentiles of a sample of 65,536 of the {MAPS * MAP_SIDE ** 2:,} values.")
    weight = sum(asset.size for asset in assets)
    side = "over" if weight > DECIMAL_KB_TARGET else "under"
    lines.append(f"- Read as 100 kB ({DECIMAL_KB_TARGET:,} B), the page weight is {side} the target by "
                 f"{abs(weight - DECIMAL_KB_TARGET):,} B.")
    lines.append("- Not counted in the weight: " + (", ".join(skipped) or "nothing") + ".")
    return lines


def main() -> int:
    """Run every measurement, then print the report; 1 when the page or server misbehaves."""
    rng = random.Random(SEED)
    loads_before = os.getloadavg()[0]
    try:
        with serving() as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_FLAGS)
            context = browser.new_context(viewport=VIEWPORT)
            limit = input_limit(context, base)
            refused = accepts(context, base, ANIMATION_INPUT, rng)
            sides = [limit] if refused else list(dict.fromkeys([ANIMATION_INPUT, limit]))  # once if equal
            animations = [measure_animation(context, base, side, rng) for side in sides]
            maps = measure_maps(context, base)
            assets, skipped, strings = measure_weight(context, base)
            change = measure_change(context, base, limit, rng)
            report = [header(browser, (loads_before, os.getloadavg()[0])), "",
                      *results_table(animations, maps, assets, change), "", *weight_table(assets, strings), "",
                      *notes(limit, refused, animations, assets, skipped)]
            browser.close()
    except BenchError as error:
        print(f"browser bench failed: {error}", file=sys.stderr)
        return 1
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
