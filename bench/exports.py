"""Exports of the 7×7 ⊙ 3×3 convolution view (25 frames): each format's time against the 2-s target,
split into phases, and the files' sizes; then each explorer's default view as an animation. Times are
medians of a few runs in-process (no HTTP): the target is about the work. Wall time and this process's
CPU time are both shown: on a machine that other jobs keep busy the wall time waits for them, the CPU
time less so.

    .venv/bin/python bench/exports.py [--repeats 5] [--scale 2]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, when run as a script

from fastapi.testclient import TestClient  # noqa: E402
from PIL import Image  # noqa: E402

from app.main import create_app  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.web.export import convolution  # noqa: E402
from app.web.export.encode import animation, shared_palette, still_png  # noqa: E402
from app.web.export.fonts import server_fonts  # noqa: E402
from app.web.export.labels import Labels  # noqa: E402
from app.web.export.layout import Layout  # noqa: E402
from app.web.export.raster import frames, raster  # noqa: E402
from app.web.export.svg import svg  # noqa: E402
from app.web.export.themes import THEMES  # noqa: E402

TARGET_SECONDS = 2.0
SEVEN = {"in": ";".join(",".join(str((r * 7 + q) % 10) for q in range(7)) for r in range(7)),
         "k": "1,0,-1;2,0,-2;1,0,-1"}
FORMATS = ("gif", "apng", "webp", "png", "svg")


def median_seconds(work, repeats: int) -> tuple[float, float]:
    """-> (wall, CPU) seconds, the median of each."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def whole_requests(client: TestClient, scale: int, repeats: int) -> None:
    query = "&".join(f"{key}={value}" for key, value in SEVEN.items()) + f"&scale={scale}"
    print(f"{'format':8} {'wall':>8} {'CPU':>8} {'CPU of 2 s':>10} {'size':>10}")
    for extension in FORMATS:
        url = f"/convolution.{extension}?{query}"
        response = client.get(url)
        assert response.status_code == 200, response.text
        wall, cpu = median_seconds(lambda url=url: client.get(url), repeats)
        print(f"{extension:8} {wall:7.3f}s {cpu:7.3f}s {cpu / TARGET_SECONDS:10.0%} {len(response.content):>9,}B")


# each page's default view, and views that draw what the others do not: plots, a picture, both halves
PAGE_VIEWS = {
    "convolution (worked example)": "/convolution.{}",
    "convolution, a digit's region": "/convolution.{}?in=0,128,253;0,206,253;25,219,253&src=digit-3&zoom=12,12",
    "transposed (both halves)": "/transposed.{}",
    "transposed, coverage": "/transposed.{}?in=1,1,1;1,1,1;1,1,1&k=1,1,1;1,1,1;1,1,1&s=2&cov=1",
    "pooling": "/pooling.{}",
    "activation (with its curve)": "/activation.{}",
    "signal, functions (51 frames)": "/signal.{}",
    "signal, numbers": "/signal.{}?view=numbers",
}


def page_views(client: TestClient, scale: int, repeats: int) -> None:
    print(f"\neach page's view at scale {scale}:")
    print(f"  {'':30} {'frames':>6} {'GIF':>8} {'WebP':>8}")
    for name, link in PAGE_VIEWS.items():
        times = []
        for extension in ("gif", "webp"):
            url = link.format(extension) + ("&" if "?" in link else "?") + f"scale={scale}"
            response = client.get(url)
            assert response.status_code == 200, f"{url}: {response.text}"
            times.append(median_seconds(lambda url=url: client.get(url), repeats)[0])
        count = getattr(Image.open(io.BytesIO(response.content)), "n_frames", 1)
        print(f"  {name:30} {count:6} {times[0]:7.3f}s {times[1]:7.3f}s")


def phases(scale: int, repeats: int) -> None:
    fonts, settings = server_fonts(), Settings()
    story = convolution.plan(SEVEN, settings).story(Labels("convolution", "en"))
    scenes = [story.scene(s) for s in range(story.steps)]

    def layout() -> Layout:
        return Layout(iter(scenes), THEMES["light"], fonts, scale, "sans-bold")

    shared = layout()
    drawings = [shared.draw(scene) for scene in scenes]
    painted = list(frames(drawings, fonts, scale))
    samples = [drawings[0], drawings[len(drawings) // 2], drawings[-1]]
    palette = shared_palette([raster(d, fonts, scale) for d in samples], [c for d in samples for c in d.colours()])
    print(f"\nphases ({story.steps} frames of {shared.width}×{shared.height}):")
    rows = {
        "view: query, checks, trace": lambda: convolution.plan(SEVEN, settings).story(Labels("convolution", "en")),
        "scenes": lambda: [story.scene(s) for s in range(story.steps)],
        "layout": layout,
        "drawing lists": lambda: [shared.draw(scene) for scene in scenes],
        "raster, every frame whole": lambda: [raster(drawing, fonts, scale) for drawing in drawings],
        "raster, changes only": lambda: list(frames(drawings, fonts, scale)),
        "palette": lambda: shared_palette([raster(d, fonts, scale) for d in samples],
                                          [c for d in samples for c in d.colours()]),
        **{f"encode {extension}": (lambda extension=extension: animation(painted, palette, extension, 1.0, 0))
           for extension in ("gif", "apng", "webp")},
        "encode png (one frame)": lambda: still_png(painted[0][0]),
        "write svg (one frame)": lambda: svg(drawings[0], scale, "step 1"),
    }
    print(f"  {'':28} {'wall':>8} {'CPU':>8}")
    for name, work in rows.items():
        wall, cpu = median_seconds(work, repeats)
        print(f"  {name:28} {wall:7.3f}s {cpu:7.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--scale", type=int, default=2, help="the exports' default is 2")
    args = parser.parse_args()
    with TestClient(create_app(Settings())) as client:
        whole_requests(client, args.scale, args.repeats)
        page_views(client, args.scale, args.repeats)
    phases(args.scale, args.repeats)


if __name__ == "__main__":
    main()
