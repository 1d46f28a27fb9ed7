"""The convolution view's scenes follow the API's trace: the page's step order, its window and weights."""

from PIL import ImageChops

from app.settings import Settings
from app.web.export import convolution
from app.web.export.fonts import server_fonts
from app.web.export.labels import Labels
from app.web.export.layout import Layout
from app.web.export.numbers import fmt
from app.web.export.raster import frames, raster
from app.web.export.themes import THEMES

from .helpers import BANK_BODY, BANK_QUERY, trace_of


def story(query: str):
    fields = dict(part.split("=", 1) for part in query.split("&"))
    return convolution.plan(fields, Settings()).story(Labels("convolution", "en"))


def cells_of(grid, kind: str) -> list[tuple[int, int]]:
    return [(r, q) for r, row in enumerate(grid.cells) for q, cell in enumerate(row) if cell.kind == kind]


def test_each_scene_computes_the_trace_s_cell_and_shows_the_earlier_ones_done(client):
    trace, shown = trace_of(client, BANK_BODY), story(BANK_QUERY)
    assert shown.steps == trace["steps"]
    for step in range(shown.steps):
        f, i, j = trace["cell"][step]
        outputs = shown.scene(step).columns[2]
        assert [cells_of(grid, "current") for grid in outputs] == [[(i, j)] if g == f else [] for g in range(2)]
        assert sum(len(cells_of(grid, "done")) for grid in outputs) == step


def test_the_window_carries_the_filter_s_weights_over_the_trace_s_cells(client):
    trace, shown = trace_of(client, BANK_BODY), story(BANK_QUERY)
    for step in range(shown.steps):
        f = trace["cell"][step][0]
        for c, grid in enumerate(shown.scene(step).columns[0]):
            window = [(r, q) for r, row in enumerate(grid.cells) for q, cell in enumerate(row) if cell.badge]
            assert window == [(r, q) for r in trace["rows"][step] for q in trace["cols"][step]]
            badges = [cell.badge for row in grid.cells for cell in row if cell.badge]
            assert badges == ["×" + fmt(w) for row in trace["kernel"][f][c] for w in row]



def test_convolution_mode_shows_the_turned_kernel_and_the_one_typed():
    turned, typed = story("m=conv&k=1,2;3,4").scene(0).columns[1]
    assert [[cell.text for cell in row] for row in typed.cells] == [["1", "2"], ["3", "4"]]
    assert [[cell.text for cell in row] for row in turned.cells] == [["4", "3"], ["2", "1"]]
    assert turned.label == "Kernel, turned 180°" and typed.label == "Original kernel"


def test_frames_painted_where_they_changed_equal_frames_drawn_whole():
    shown = story(BANK_QUERY + "&p=1")
    scenes = [shown.scene(step) for step in range(shown.steps)]
    layout = Layout(iter(scenes), THEMES["guide"], server_fonts(), 1, "sans-bold")
    drawings = [layout.draw(scene) for scene in scenes]
    for drawing, (image, boxes) in zip(drawings, frames(drawings, server_fonts(), 1), strict=True):
        assert ImageChops.difference(image, raster(drawing, server_fonts(), 1)).getbbox() is None
        assert boxes is None or sum((c - a) * (d - b) for a, b, c, d in boxes) < image.width * image.height / 2


def test_with_groups_the_channels_a_filter_does_not_read_are_faded_and_its_kernel_names_its_channel():
    # depthwise: three channels of 3×3, three 2×2 filters, groups 3; 4 steps a filter
    shown = story("in=1,2,3;4,5,6;7,8,9|9,8,7;6,5,4;3,2,1|1,0,1;0,1,0;1,0,1&k=1,0;0,1/0,1;1,0/1,1;1,1&g=3")
    for step in range(shown.steps):
        f = step // 4
        scene = shown.scene(step)
        for c, grid in enumerate(scene.columns[0]):
            read = c == f
            assert grid.window is not None if read else grid.window is None
            assert len(cells_of(grid, "unread")) == (0 if read else 9)
        assert [kernel.label for kernel in scene.columns[1]] == [f"Kernel · filter {f + 1} · channel {f + 1}"]
