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
