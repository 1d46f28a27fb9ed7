"""The network page in Chromium, with the shipped model: drawing, samples, drill-down, shifting."""

import pytest

pytestmark = pytest.mark.browser


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/network{query}")
    page.locator("select[name=sample] option").nth(1).wait_for(state="attached")
    return page


def draw(page, strokes):
    """Strokes in pad units (0–1 of its width/height), drawn with the mouse."""
    box = page.get_by_test_id("pad").bounding_box()
    for stroke in strokes:
        x, y = stroke[0]
        page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"])
        page.mouse.down()
        for x, y in stroke[1:]:
            page.mouse.move(box["x"] + x * box["width"], box["y"] + y * box["height"], steps=6)
        page.mouse.up()


def prediction(page):
    return page.get_by_test_id("prediction").inner_text()


def test_drawing_a_one_and_a_zero_with_the_mouse(page, live_server):
    open_page(page, live_server)
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])
    page.wait_for_function("document.querySelector('[data-testid=prediction]')?.textContent === 'It is a 1'")
    page.get_by_role("button", name="Clear").click()
    ring = [(0.5 + 0.22 * dx, 0.5 + 0.32 * dy) for dx, dy in
            [(0, -1), (0.7, -0.7), (1, 0), (0.7, 0.7), (0, 1), (-0.7, 0.7), (-1, 0), (-0.7, -0.7), (0, -1)]]
    draw(page, [ring])
    page.wait_for_function("document.querySelector('[data-testid=prediction]')?.textContent === 'It is a 0'")
    assert page.console_errors == [] and page.offsite_requests == []


def test_every_layer_is_a_column_with_its_shape(page, live_server):
    open_page(page, live_server, "?sample=0")
    page.get_by_test_id("prediction").wait_for()
    heads = page.locator(".column-head strong").all_inner_texts()
    assert heads == ["input", "conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "flatten", "dense", "softmax"]
    assert page.locator("[data-testid^=map-conv1-]").count() == 8
    assert page.locator("[data-testid^=map-conv2-]").count() == 16


@pytest.mark.parametrize("width, height", [(1280, 720), (1600, 900), (1920, 1080)])
def test_on_a_projector_every_layer_is_in_view_without_scrolling_sideways(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, live_server, "?sample=0")
    page.get_by_test_id("prediction").wait_for()
    row = page.get_by_test_id("flow").bounding_box()
    for column in page.locator(".network .column").all():
        box = column.bounding_box()
        assert row["x"] <= box["x"] and box["x"] + box["width"] <= row["x"] + row["width"] + 0.5
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_conv_map_opens_its_arithmetic_down_to_one_multiplication(page, live_server):
    open_page(page, live_server, "?sample=0")
    page.get_by_test_id("map-conv2-0").click()
    equation = page.get_by_test_id("equation")
    equation.locator(".eq-line.total").wait_for()
    assert page.locator("[data-testid^=channel-]").count() == 8  # window ⊙ kernel slice for each input channel
    before = equation.inner_text()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(before) => document.querySelector('[data-testid=equation]').innerText !== before",
                           arg=before)
    assert "map=4%2C0" in page.url  # conv2 is the fifth column, after the input


def test_the_player_shows_only_while_a_map_is_picked(page, live_server):
    open_page(page, live_server)
    player = page.locator(".player")
    assert player.is_hidden()  # no map picked yet: nothing to step through
    page.locator("select[name=sample]").select_option("0")
    page.get_by_test_id("map-conv2-0").click()
    page.get_by_test_id("equation").locator(".eq-line.total").wait_for()
    assert player.is_visible()
    detail, sharing = page.locator("#detail").bounding_box(), page.locator("#sharing").bounding_box()
    assert detail["y"] + detail["height"] <= player.bounding_box()["y"] < sharing["y"]  # right under the arithmetic
    page.get_by_role("button", name="Close").click()
    assert player.is_hidden()
    page.get_by_test_id("map-conv1-0").click()
    page.get_by_role("button", name="Clear").click()
    assert player.is_hidden() and page.locator("#detail").is_hidden()


def test_shifting_the_digit_keeps_the_prediction(page, live_server):
    open_page(page, live_server, "?sample=2")
    page.get_by_test_id("prediction").wait_for()
    first = prediction(page)
    page.locator("body").click(position={"x": 5, "y": 5})
    for key in ("Shift+ArrowRight", "Shift+ArrowRight", "Shift+ArrowDown"):
        page.keyboard.press(key)
    page.wait_for_function("location.search.includes('shift=2%2C1')")
    page.wait_for_timeout(300)
    assert prediction(page) == first


def test_weight_sharing_panel_and_korean(page, live_server):
    open_page(page, live_server, "?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "신경망"
    text = page.locator("#sharing-text").inner_text()
    assert "9,098" in text and "9,851,754" in text


def blank_png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (64, 64), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("lang, text", [("en", "Nothing is drawn: the answer means nothing."),
                                        ("ko", "그려진 것이 없습니다. 그래서 이 답은 의미가 없습니다.")])
def test_a_blank_upload_is_answered_with_a_warning(page, live_server, lang, text):
    open_page(page, live_server, f"?lang={lang}")
    page.locator("input[name=upload]").set_input_files(files=[{"name": "blank.png", "mimeType": "image/png",
                                                               "buffer": blank_png()}])
    note = page.get_by_role("note")
    note.wait_for()
    assert note.inner_text() == text
    draw(page, [[(0.5, 0.15), (0.5, 0.85)]])  # a digit drawn after it: no warning
    page.wait_for_function("!document.querySelector('#prediction [role=note]')")
    assert page.console_errors == []
