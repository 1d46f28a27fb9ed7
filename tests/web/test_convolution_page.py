"""The convolution page for a lecture hall: the photo's region box, the original kernel beside the
turned one, the definition filled in, the weight counter, and coverage counts readable from the back."""

from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

ZEROS_6X6 = ";".join(",".join("0" for _ in range(6)) for _ in range(6))


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/convolution{query}")
    page.locator("#equation .result").wait_for()
    return page


def url_zoom(page):
    """The region's top-left [row, col] that the page wrote to its URL."""
    return [int(v) for v in parse_qs(urlparse(page.url).query)["zoom"][0].split(",")]


def region_on_screen(page):
    """The picture's box and pixel size, and the zoom box's ring width and inner edges (inside the ring)."""
    return page.evaluate("""() => {
      const canvas = document.querySelector('[data-testid=image]');
      const box = document.querySelector('[data-testid=zoom-box]');
      const ring = parseFloat(getComputedStyle(box).borderTopWidth);
      const c = canvas.getBoundingClientRect(), b = box.getBoundingClientRect();
      return {
        canvas: [c.left, c.top, c.width, c.height], pixels: [canvas.height, canvas.width], ring,
        inner: [b.left + ring, b.top + ring, b.width - 2 * ring, b.height - 2 * ring],
      };
    }""")


def grey_levels(page, row, col, height, width):
    """The picture's grey levels in rows [row, row + height) and columns [col, col + width)."""
    return page.evaluate("""([row, col, h, w]) => {
      const data = document.querySelector('[data-testid=image]').getContext('2d').getImageData(col, row, w, h).data;
      return Array.from({ length: h }, (_, r) => Array.from({ length: w }, (_, c) => data[(r * w + c) * 4]));
    }""", [row, col, height, width])


def input_numbers(page):
    return [[int(page.get_by_label(f"input row {r} column {c}", exact=True).input_value()) for c in range(6)]
            for r in range(6)]


def assert_box_outlines_the_region(page):
    """The box's inner edges lie on the region's pixels, and the grids hold those pixels' numbers."""
    geometry = region_on_screen(page)
    left, top, width, height = geometry["canvas"]
    rows, cols = geometry["pixels"]
    row, col = url_zoom(page)
    expected = [left + col / cols * width, top + row / rows * height, 6 / cols * width, 6 / rows * height]
    assert geometry["inner"] == pytest.approx(expected, abs=0.6)
    assert geometry["ring"] >= 3  # a ring around the region, not a filled square over it
    assert input_numbers(page) == grey_levels(page, row, col, 6, 6)


def test_photo_mode_box_outlines_the_animated_region_where_it_is_and_as_large_as_it_is(page, live_server):
    open_page(page, live_server, f"?in={ZEROS_6X6}")
    page.get_by_role("combobox", name="Input", exact=True).select_option("photo-chelsea")
    page.locator("[data-testid=feature-map-0]").wait_for()
    page.wait_for_function("new URLSearchParams(location.search).has('zoom')")
    rows, cols = region_on_screen(page)["pixels"]
    middle = [(rows - 6) // 2, (cols - 6) // 2]
    assert url_zoom(page) == middle  # it starts in the middle, not in a corner
    assert_box_outlines_the_region(page)
    # dragged elsewhere, the box goes with the region the grids now animate
    picture = page.locator("[data-testid=image]").bounding_box()
    before = input_numbers(page)
    page.mouse.click(picture["x"] + picture["width"] * 0.25, picture["y"] + picture["height"] * 0.7)
    # the URL is written once the grids hold the new region's numbers
    page.wait_for_function(f"new URLSearchParams(location.search).get('zoom') !== '{middle[0]},{middle[1]}'")
    assert input_numbers(page) != before
    assert_box_outlines_the_region(page)
    assert page.console_errors == []


def test_photo_mode_box_fits_the_picture_in_presentation_mode_too(page, live_server):
    open_page(page, live_server, f"?in={ZEROS_6X6}&src=photo-chelsea&zoom=10,20&present=1")
    page.locator("[data-testid=feature-map-0]").wait_for()
    page.wait_for_function("document.querySelector('[data-testid=zoom-box]').style.width !== ''")
    assert url_zoom(page) == [10, 20]
    assert_box_outlines_the_region(page)
    # the picture no longer runs under the feature maps beside it
    picture = page.locator(".zoomable").bounding_box()
    maps = page.locator("[data-testid=feature-map-0]").bounding_box()
    assert picture["x"] + picture["width"] <= maps["x"]


def grid_numbers(page, testid):
    """A read-out of a grid's cells as numbers (editable cells hold theirs in an input)."""
    return page.evaluate("""(id) => [...document.querySelectorAll(`table[data-testid=${id}] tr`)].map((tr) =>
      [...tr.children].map((td) => Number((td.querySelector('input')?.value ?? td.querySelector('.v').textContent)
        .replace('−', '-'))))""", testid)


def result(page):
    return page.locator("#equation .result").inner_text()


def test_convolution_mode_shows_the_original_kernel_beside_the_turned_one(page, live_server):
    open_page(page, live_server, "?present=1")
    original = page.locator("#original-panel")
    assert not original.is_visible()  # cross-correlation turns nothing
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("p")  # the settings, to choose the mode
    page.get_by_label("convolution (kernel turned 180°)").check()
    page.wait_for_function("document.querySelector('#equation .result').textContent === '11'")
    assert original.is_visible()
    assert page.locator("#original-caption").inner_text() == "Original kernel"
    assert page.locator("#kernel-caption").inner_text() == "Kernel, turned 180°"
    assert page.locator("#turn").inner_text().replace("\n", " ") == "↻ turn 180°"
    assert grid_numbers(page, "original-0") == [[1, 1], [0, 2]]  # as typed
    assert grid_numbers(page, "kernel-0") == [[2, 0], [1, 1]]  # turned: what slides over the input
    # side by side in presentation mode at 1280×720: the original first, level with the turned one
    page.locator("body").click(position={"x": 5, "y": 300})  # out of the form, where P is a shortcut
    page.keyboard.press("p")
    first = page.locator("table[data-testid=original-0]").bounding_box()
    second = page.locator("table[data-testid=kernel-0]").bounding_box()
    assert first["x"] + first["width"] < second["x"]
    assert first["y"] < second["y"] + second["height"] and second["y"] < first["y"] + first["height"]
    assert page.console_errors == []


def test_the_original_kernel_is_edited_as_written_and_the_turned_one_follows(page, live_server):
    open_page(page, live_server, "?m=conv")
    page.get_by_label("original kernel row 0 column 0", exact=True).fill("3")
    # the turned kernel is [[2, 0], [1, 3]]: (1×2) + (2×0) + (4×1) + (5×3) = 21
    page.wait_for_function("document.querySelector('#equation .result').textContent === '21'")
    assert grid_numbers(page, "kernel-0") == [[2, 0], [1, 3]]
    assert "k=3%2C1%3B0%2C2" in page.url  # the link keeps the kernel as written
    # hovering a term of the equation points at its kernel cell in both kernels
    page.locator("#equation .term").nth(3).hover()  # (5×3): turned cell (1, 1), written cell (0, 0)
    focused = "td => [td.dataset.r, td.dataset.c]"
    assert page.locator("table[data-testid=kernel-0] td.focus").evaluate(focused) == ["1", "1"]
    assert page.locator("table[data-testid=original-0] td.focus").evaluate(focused) == ["0", "0"]
    page.get_by_label("cross-correlation (what CNNs do)").check()
    # (1×3) + (2×1) + (4×0) + (5×2) = 15
    page.wait_for_function("document.querySelector('#equation .result').textContent === '15'")
    assert not page.locator("#original-panel").is_visible()


def definition_lines(page):
    """The definition's two lines as text: the general rule, then this step's."""
    return page.locator("#definition mtr").evaluate_all("rows => rows.map((row) => row.textContent)")


def test_the_definition_beside_the_equation_is_filled_in_with_the_step(page, live_server):
    open_page(page, live_server)
    assert definition_lines(page) == ["S(i,j)=∑m∑nI(i+m,j+n)·K(m,n)", "S(0,0)=∑m=01∑n=01I(0+m,0+n)·K(m,n)=13"]
    assert page.locator("#definition munderover").count() == 2  # real MathML sums, with their limits
    gaps = page.locator("#definition munderover").evaluate_all("""sums => sums.map((sum) => {
      const [sign, , over] = [...sum.children].map((part) => part.getBoundingClientRect());
      return (sign.top - over.bottom) / parseFloat(getComputedStyle(sum).fontSize); })""")
    assert all(-0.2 < gap < 0.5 for gap in gaps), gaps  # each upper limit right on its Σ, not a line above
    assert not page.locator("#definition-note").is_visible()  # i, j are the output cell's own
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")
    assert definition_lines(page)[1] == "S(0,1)=∑m=01∑n=01I(0+m,1+n)·K(m,n)=17"
    # convolution: I(i − m, j − n) with the kernel as written, whose K(0, 0) lies on the window's last cell
    page.get_by_label("convolution (kernel turned 180°)").check()
    page.wait_for_function("document.querySelector('#equation .result').textContent === '15'")
    assert definition_lines(page) == ["S(i,j)=∑m∑nI(i−m,j−n)·K(m,n)", "S(1,2)=∑m=01∑n=01I(1−m,2−n)·K(m,n)=15"]
    assert page.locator("#definition-note").inner_text() == (
        "S(1, 2) → output cell (0, 1): i, j are the input cell under K(0, 0)")


def test_the_definition_sits_beside_the_equation_on_a_1080p_projector(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server, "?present=1")
    equation = page.locator("#equation .eq-line").bounding_box()
    definition = page.locator("#definition math").bounding_box()
    assert equation["x"] + equation["width"] < definition["x"]
    assert definition["y"] < equation["y"] + equation["height"]
    assert equation["y"] < definition["y"] + definition["height"]


def test_the_definition_shows_stride_dilation_channels_and_bias_as_they_are(page, live_server):
    # two channels of 5×5, a 2×2 kernel with dilation 2 at stride 2, bias 1: output 2×2
    rows = ";".join(",".join(str(5 * r + c) for c in range(5)) for r in range(5))
    open_page(page, live_server, f"?in={rows}|{rows}&k=1,0;0,1|0,1;1,0&s=2,2&d=2,2&b=1&step=2")
    page.wait_for_function("document.querySelector('#equation .result').textContent === '33'")
    # output (0, 1): the window's taps are rows 0 and 2, columns 2 and 4: 2 + 14 and 4 + 12, 32 in all
    general, step = definition_lines(page)
    assert general == "S(i,j)=∑c∑m∑nIc(i+2m,j+2n)·Kc(m,n)"
    assert step == "S(0,2)=∑c=12∑m=01∑n=01Ic(0+2m,2+2n)·Kc(m,n)=32"  # the sum before the bias (+ 1 = 33)
    assert page.locator("#definition-note").inner_text() == (
        "S(0, 2) → output cell (0, 1): i, j are the input cell under K(0, 0)")


def test_the_definition_note_in_korean(page, live_server):
    open_page(page, live_server, "?m=conv&lang=ko")
    assert page.locator("#definition-note").inner_text() == "S(1, 1) → 출력 칸 (0, 0): i, j는 K(0, 0) 아래의 입력 칸"


def test_the_weight_counter_sets_a_convolution_against_a_dense_layer(page, live_server):
    open_page(page, live_server)
    counter = page.get_by_test_id("weights")
    assert counter.inner_text() == "conv: 1×1×2×2 + 1 = 5 weights · dense 9→4: 40 weights"
    # three channels of 4×4 and two 3×3 filters: 2×3×3×3 + 2 = 56; dense 48 → 2×2×2 = 8: 48×8 + 8 = 392
    page.get_by_label("Kernel size: rows").fill("3")
    page.get_by_label("Kernel size: columns").fill("3")
    page.get_by_label("Input size: rows").fill("4")
    page.get_by_label("Input size: columns").fill("4")
    page.get_by_label("Channels", exact=True).fill("3")
    page.get_by_label("Filters", exact=True).fill("2")
    page.get_by_label("Filters", exact=True).press("Tab")
    page.wait_for_function("document.querySelector('[data-testid=weights]').textContent.includes('56')")
    # and MobileNet's depthwise 3×3 then 1×1 for the same channels: 3×3×3 + 3 + 2×3 + 2 = 38
    assert counter.inner_text() == ("conv: 2×3×3×3 + 2 = 56 weights · depthwise + 1×1: 3×3×3 + 3 + 2×3 + 2 = 38"
                                    " · dense 48→8: 392 weights")


def test_the_weight_counter_groups_digits_and_speaks_korean(page, live_server):
    # 32×32 input and a 3×3 kernel: 10 weights; dense 1024 → 900: 1024×900 + 900 = 922,500
    rows = ";".join(",".join("1" for _ in range(32)) for _ in range(32))
    open_page(page, live_server, f"?in={rows}&k=1,1,1;1,1,1;1,1,1&lang=ko")
    assert page.get_by_test_id("weights").inner_text() == (
        "합성곱: 1×1×3×3 + 1 = 가중치 10개 · 완전 연결 1,024→900: 가중치 922,500개")


def coverage_cells(page):
    """Each real input cell of the first channel: its coverage shade class, badge text, badge size and colour."""
    return page.evaluate("""() => [...document.querySelectorAll('table[data-testid=input-0] td:not(.pad)')]
      .map((td) => ({
      r: Number(td.dataset.r), c: Number(td.dataset.c), win: td.classList.contains('win'),
      shade: [...td.classList].find((name) => name.startsWith('cov-')) ?? null,
      badge: td.querySelector('.badge').textContent,
      size: parseFloat(getComputedStyle(td.querySelector('.badge')).fontSize),
      background: getComputedStyle(td).backgroundColor }))""")


def test_coverage_counts_are_large_and_shaded_in_presentation_mode(page, live_server):
    open_page(page, live_server, "?cov=1&present=1")  # 1280×720
    cells = {(cell["r"], cell["c"]): cell for cell in coverage_cells(page)}
    counts = [[1, 2, 1], [2, 4, 2], [1, 2, 1]]  # windows of a 2×2 kernel on a 3×3 input
    for (r, c), cell in cells.items():
        assert cell["shade"] == f"cov-{counts[r][c]}"
        if not cell["win"]:  # the window's cells show their kernel factors instead
            assert cell["badge"] == str(counts[r][c])
            assert cell["size"] >= 18
    # more windows, darker shade; the same count, the same shade
    assert cells[(0, 2)]["background"] == cells[(2, 0)]["background"] != cells[(1, 2)]["background"]
    lightness = {key: sum(int(v) for v in cells[key]["background"][4:-1].split(",")[:3]) for key in [(0, 2), (1, 2)]}
    assert lightness[(0, 2)] > lightness[(1, 2)]
    # turned off, the shades and counts go
    page.keyboard.press("p")
    page.get_by_label("Show coverage: how many windows use each input cell").uncheck()
    page.wait_for_function("!document.querySelector('table[data-testid=input-0] td.cov-1')")
    assert {cell["badge"] for cell in coverage_cells(page) if not cell["win"]} == {""}


def test_cells_no_window_reads_are_marked_with_a_zero(page, live_server):
    # a 2×2 kernel at stride 2 over 5×5: the last row and column are never read
    rows = ";".join(",".join("1" for _ in range(5)) for _ in range(5))
    open_page(page, live_server, f"?in={rows}&s=2,2&cov=1")
    unread = {(cell["r"], cell["c"]) for cell in coverage_cells(page) if cell["shade"] == "cov-0"}
    assert unread == {(4, c) for c in range(5)} | {(r, 4) for r in range(5)}
    assert {cell["badge"] for cell in coverage_cells(page) if cell["shade"] == "cov-0"} == {"0"}


def test_on_a_phone_the_new_lines_stay_inside_the_stage(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, live_server, "?m=conv&cov=1")
    overflow = page.evaluate("""() => {
      const stage = document.querySelector('.stage');
      const inner = stage.getBoundingClientRect().right - parseFloat(getComputedStyle(stage).paddingRight);
      return ['.maths', '#weights', '#definition', '.kernel-group']
        .filter((selector) => document.querySelector(selector).getBoundingClientRect().right > inner + 0.5);
    }""")
    assert overflow == []
    # the kernel as written keeps cells large enough to read
    assert page.locator("table[data-testid=original-0] td").first.bounding_box()["width"] >= 24
