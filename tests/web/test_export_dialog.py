"""The Export dialog (E): the view on screen as a file for slides, its link the page's own plus an extension."""

import io

import httpx
import pytest
from PIL import Image

pytestmark = pytest.mark.browser

LOADED = "() => { const img = document.getElementById('export-preview'); return img.complete && img.naturalWidth > 0; }"


def open_dialog(page, live_server, query="", path="convolution"):
    page.goto(f"{live_server}/{path}{query}")
    page.locator("#equation .result").wait_for()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")  # step 2 of 4
    press_export(page)


def press_export(page):
    """E opens the dialog; it is ready once its preview, the file itself, has loaded."""
    page.keyboard.press("e")
    page.locator("#export").wait_for()
    page.wait_for_function(LOADED)


def file_at(live_server, href):
    answer = httpx.get(f"{live_server}{href}")
    assert answer.status_code == 200, answer.text
    return Image.open(io.BytesIO(answer.content))


def test_e_opens_the_dialog_on_a_still_of_this_step(page, live_server):
    open_dialog(page, live_server)
    page.select_option("#export select[name=format]", "png")
    page.wait_for_function(LOADED)
    href = page.get_attribute("#export-download", "href")
    assert href.startswith("/convolution.png?") and "step=2" in href and "present" not in href
    still = file_at(live_server, href)
    preview = page.evaluate("() => [document.getElementById('export-preview').naturalWidth,"
                            " document.getElementById('export-preview').naturalHeight]")
    assert list(still.size) == preview  # the preview is the file itself
    assert page.get_attribute("#export-download", "download") == "convolution.png"


def test_an_animation_has_a_frame_per_step_at_the_chosen_scale(page, live_server):
    open_dialog(page, live_server)
    page.select_option("#export select[name=format]", "gif")
    assert page.locator("#export input[name=fps]").is_visible()
    one = file_at(live_server, page.get_attribute("#export-download", "href"))
    assert one.n_frames == 4  # the worked example's four steps
    page.select_option("#export select[name=scale]", "1")
    page.locator("#export input[name=loop]").uncheck()
    href = page.get_attribute("#export-download", "href")
    assert "loop=1" in href and "step=" not in href
    half = file_at(live_server, href)
    assert (half.width * 2, half.height * 2) == one.size


def test_the_dialog_speaks_korean_and_exports_in_it(page, live_server):
    open_dialog(page, live_server, "?lang=ko")
    assert page.locator("#export-title").text_content() == "슬라이드용으로 내보내기"
    assert "lang=ko" in page.get_attribute("#export-download", "href")
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    assert "GIF" in page.locator("#help").text_content()


def test_pooling_s_dialog_shows_its_own_file_of_this_step_and_of_every_step(page, live_server):
    query = "?kind=avg&size=3&stride=2&pad=1&in=1,3,2,4,0;5,6,1,2,7;7,2,4,0,3;1,8,3,4,2;0,5,2,6,1"
    open_dialog(page, live_server, query, path="pooling")
    page.select_option("#export select[name=format]", "png")
    page.wait_for_function(LOADED)
    href = page.get_attribute("#export-download", "href")
    assert href.startswith("/pooling.png?") and "kind=avg" in href and "pad=1" in href and "step=2" in href
    still = file_at(live_server, href)
    preview = page.evaluate("() => [document.getElementById('export-preview').naturalWidth,"
                            " document.getElementById('export-preview').naturalHeight]")
    assert list(still.size) == preview
    assert page.get_attribute("#export-download", "download") == "pooling.png"
    page.select_option("#export select[name=format]", "webp")
    page.wait_for_function(LOADED)
    trace = httpx.post(f"{live_server}/api/pool", json={
        "input": [[[1, 3, 2, 4, 0], [5, 6, 1, 2, 7], [7, 2, 4, 0, 3], [1, 8, 3, 4, 2], [0, 5, 2, 6, 1]]],
        "kind": "avg", "size": 3, "stride": 2, "padding": 1, "trace": True}).json()["trace"]
    assert file_at(live_server, page.get_attribute("#export-download", "href")).n_frames == trace["steps"] == 9


def test_activation_s_dialog_shows_its_feature_map_cell_by_cell(page, live_server):
    page.goto(f"{live_server}/activation?f=leaky_relu&a=0.2&map=-2,0.5,3;1,-1,0")
    page.get_by_test_id("value").get_by_text("LeakyReLU").wait_for()
    press_export(page)
    page.select_option("#export select[name=format]", "gif")
    href = page.get_attribute("#export-download", "href")
    assert href.startswith("/activation.gif?") and "f=leaky_relu" in href and "a=0.2" in href
    assert file_at(live_server, href).n_frames == 6  # one per cell of the 2×3 map


def test_an_image_source_s_file_shows_the_picture_beside_the_region_s_numbers(page, live_server):
    open_dialog(page, live_server, "?src=digit-3")
    page.select_option("#export select[name=format]", "gif")
    page.wait_for_function(LOADED)
    href = page.get_attribute("#export-download", "href")
    assert "src=digit-3" in href and "in=" in href and "zoom=" in href
    assert file_at(live_server, href).n_frames == 4  # a 3×3 region under a 2×2 kernel


def test_a_view_too_large_at_scale_2_is_made_at_scale_1_and_the_dialog_says_so(page, live_server):
    # the guide's "arbitrary padding, transposed": 6×6 in, 4×4 kernel, padding 2; both halves of the page
    numbers = ";".join(",".join(str((r + 2 * c) % 4 + 1) for c in range(6)) for r in range(6))
    kernel = ";".join(",".join(str((2 * m + n + 1) % 3) for n in range(4)) for m in range(4))
    page.goto(f"{live_server}/transposed?in={numbers}&k={kernel}&p=2")
    page.locator("main").wait_for()
    press_export(page)
    assert page.input_value("#export select[name=scale]") == "1"
    assert "2×" in page.text_content("#export-note")
    assert "scale=1" in page.get_attribute("#export-download", "href")
    page.select_option("#export select[name=format]", "png")  # a new choice: the note goes
    page.wait_for_function(LOADED)
    assert page.text_content("#export-note") == ""


def test_signal_s_dialog_exports_the_view_on_screen(page, live_server):
    page.goto(f"{live_server}/signal?view=numbers&x=1,2&h=1,3")
    page.get_by_test_id("sum-equation").wait_for()
    press_export(page)
    page.select_option("#export select[name=format]", "gif")
    href = page.get_attribute("#export-download", "href")
    assert href.startswith("/signal.gif?") and "view=numbers" in href and "x=1%2C2" in href
    assert file_at(live_server, href).n_frames == 3  # one per output of [1, 2] ∗ [1, 3] = [1, 5, 6]


def test_a_page_that_cannot_export_shows_no_export(page, live_server):
    page.goto(f"{live_server}/network")
    page.locator("main").wait_for()
    assert page.locator('[data-action="export"]').count() == 0 and page.locator("#export").count() == 0
