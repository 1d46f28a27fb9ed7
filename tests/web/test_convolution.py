"""The convolution page in Chromium: the worked example, keyboard, editing, URL state, languages."""

import numpy as np
import pytest

from .pytorch_code import install_stand_in, result_of

pytestmark = pytest.mark.browser


def result(page):
    return page.locator("#equation .result").inner_text()


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/convolution{query}")
    page.locator("#equation .result").wait_for()
    return page


def test_opens_on_the_worked_example_with_no_error_and_nothing_off_the_machine(page, live_server):
    open_page(page, live_server)
    assert page.locator("#equation").inner_text().replace("\n", "") == "(1×1) + (2×1) + (4×0) + (5×2) = 13"
    assert page.get_by_role("heading", level=1).inner_text() == "Convolution"
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_keyboard_steps_through_13_17_25_29(page, live_server):
    open_page(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    seen = [result(page)]
    for _ in range(3):
        page.keyboard.press("ArrowRight")
        seen.append(result(page))
    assert seen == ["13", "17", "25", "29"]
    page.keyboard.press("Home")
    assert result(page) == "13"
    page.keyboard.press("End")
    assert result(page) == "29"
    assert page.locator("#live").inner_text() == "output[1,1] = 5×1 + 6×1 + 8×0 + 9×2 = 29"


def test_space_plays_the_animation(page, live_server):
    open_page(page, live_server)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("Space")
    page.wait_for_function("document.querySelector('#equation .result').textContent !== '13'", timeout=5000)
    page.keyboard.press("Space")
    assert page.locator('[data-player="play"]').get_attribute("aria-label") == "Play (Space)"


def test_editing_a_kernel_cell_changes_the_output(page, live_server):
    open_page(page, live_server)
    cell = page.get_by_label("kernel row 0 column 0")
    cell.fill("2")
    # (1×2) + (2×1) + (4×0) + (5×2) = 14
    page.wait_for_function("document.querySelector('#equation .result').textContent === '14'")
    assert page.locator("[data-testid=output-0] td").first.inner_text().startswith("14")


def test_editing_an_input_cell_changes_the_output(page, live_server):
    open_page(page, live_server)
    page.get_by_label("input row 1 column 1").fill("-5")
    # (1×1) + (2×1) + (4×0) + (−5×2) = −7
    page.wait_for_function("document.querySelector('#equation .result').textContent === '−7'")


def test_convolution_mode_turns_the_kernel(page, live_server):
    open_page(page, live_server)
    page.get_by_label("convolution (kernel turned 180°)").check()
    page.wait_for_function("document.querySelector('#equation .result').textContent === '11'")
    assert page.locator("#equation").inner_text().replace("\n", "") == "(1×2) + (2×0) + (4×1) + (5×1) = 11"
    assert page.locator("#kernel-caption").inner_text() == "Kernel, turned 180°"


def test_a_copied_url_restores_state_and_step(page, live_server, browser):
    open_page(page, live_server)
    page.get_by_label("Bias").fill("1")
    page.get_by_label("Bias").press("Tab")
    page.wait_for_function("document.querySelector('#equation .result').textContent === '14'")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert result(page) == "26"
    url = page.url
    other = browser.new_page()
    try:
        other.goto(url)
        other.wait_for_function("document.querySelector('#equation .result')?.textContent === '26'")
        assert other.locator("#equation").inner_text().replace("\n", "") == "(4×1) + (5×1) + (7×0) + (8×2) + 1 = 26"
        assert other.locator('[data-player="position"]').inner_text() == "step 3 / 4"
    finally:
        other.close()


def test_an_impossible_combination_is_explained_in_words(page, live_server):
    page.goto(f"{live_server}/convolution?k=1,1,1;1,1,1;1,1,1&d=2,2")
    problem = page.get_by_role("alert")
    problem.wait_for()
    assert problem.inner_text() == ("This combination does not fit: the dilated kernel (5×5) is larger than "
                                    "the padded input (3×3)")


def test_presentation_mode_enlarges_the_equation(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server)
    size = "parseFloat(getComputedStyle(document.querySelector('#equation')).fontSize)"
    before = page.evaluate(size)
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")
    after = page.evaluate(size)
    assert after >= 32 and after > before
    assert not page.locator(".controls").is_visible()
    assert "present=1" in page.url


def test_korean_on_request(page, live_server):
    open_page(page, live_server, "?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "합성곱"
    assert page.locator('[data-player="position"]').inner_text() == "4단계 중 1단계"
    assert page.locator("html").get_attribute("lang") == "ko"


def test_hovering_an_output_cell_shows_its_window_and_clicking_jumps_there(page, live_server):
    open_page(page, live_server)
    output_cell = page.locator("[data-testid=output-0] td").nth(3)
    output_cell.hover()
    assert result(page) == "29"
    page.mouse.move(5, 900)
    assert result(page) == "13"
    output_cell.click()
    page.mouse.move(5, 900)
    assert result(page) == "29"


def test_image_mode_draws_feature_maps_and_animates_the_zoomed_region(page, live_server):
    open_page(page, live_server, "?k=-1,0,1;-2,0,2;-1,0,1&in=0,0,0,0;0,0,0,0;0,0,0,0;0,0,0,0")
    page.get_by_role("combobox", name="Input", exact=True).select_option("digit-2")  # a "1"
    page.locator("[data-testid=feature-map-0]").wait_for()
    assert page.locator("[data-testid=feature-map-0]").evaluate("c => [c.width, c.height]") == [26, 26]
    # the zoom box starts in the middle of the digit, on its stroke
    page.wait_for_function("""[...document.querySelectorAll('[data-testid=input-0] input')]
                              .some(cell => cell.value !== '0')""")
    box = page.locator("[data-testid=image]").bounding_box()
    page.mouse.click(box["x"] + 2, box["y"] + 2)  # the top-left corner: blank background, so every pixel is 0
    page.wait_for_function("""[...document.querySelectorAll('[data-testid=input-0] input')]
                              .every(cell => cell.value === '0')""")
    assert "src=digit-2" in page.url and "zoom=" in page.url
    assert page.locator("[data-testid=input-0] input").count() == 16  # the 4×4 input size is the zoom size
    assert page.console_errors == [] and page.offsite_requests == []


def test_an_upload_that_is_no_image_is_reported_as_such_not_as_a_webcam_error(page, live_server):
    open_page(page, live_server)
    with page.expect_file_chooser() as chooser:
        page.get_by_role("combobox", name="Input", exact=True).select_option("upload")
    chooser.value.set_files({"name": "notes.png", "mimeType": "image/png", "buffer": b"not an image"})
    problem = page.get_by_role("alert")
    problem.wait_for()
    assert problem.inner_text() == "The image could not be read: cannot read notes.png"


def test_a_big_input_is_a_heat_map_whose_cells_answer_the_pointer(page, live_server):
    # 20×20 of 0..19 per row, an all-ones 3×3 kernel: output[i, j] = 3·(3j + 3) = 9j + 9 whatever i is
    rows = ";".join(",".join(str(col) for col in range(20)) for _ in range(20))
    open_page(page, live_server, f"?in={rows}&k=1,1,1;1,1,1;1,1,1")
    heat = page.locator(".heat-grid[data-testid=output-0]")
    assert heat.get_attribute("data-rows") == "18" and heat.get_attribute("data-cols") == "18"
    assert page.locator("table[data-testid=output-0] td").count() == 0  # no element per cell
    box = heat.bounding_box()
    cell = box["width"] / 18
    # hovering the cell in row 2, column 5 shows its window's sum
    page.mouse.move(box["x"] + 5.5 * cell, box["y"] + 2.5 * cell)
    assert int(result(page)) == 9 * 5 + 9
    assert "row 2" in heat.get_attribute("title") and "column 5" in heat.get_attribute("title")
    page.mouse.click(box["x"] + 7.5 * cell, box["y"] + 1.5 * cell)
    page.mouse.move(5, 900)
    assert int(result(page)) == 9 * 7 + 9
    assert page.locator('[data-player="position"]').inner_text() == f"step {18 + 7 + 1} / {18 * 18}"
    # the overlay marks the current output cell with the highlight colour
    marked = page.evaluate("""() => {
      const overlay = document.querySelector('.heat-grid[data-testid=output-0] canvas:last-child');
      const [r, g, b, a] = overlay.getContext('2d').getImageData(7 * 8 + 4, 1 * 8 + 4, 1, 1).data;
      return { r, g, b, a };
    }""")
    assert marked["a"] > 0 and marked["r"] > 200 and marked["g"] > 180  # yellowish, not empty
    assert page.console_errors == []


# Two channels, two filters, and every argument the code has to carry: reflect padding (of 2 rows
# and 1 column, so that F.pad's order of widths matters), unequal strides and dilations, a bias per
# filter and the kernel's turn.
PYTORCH_CASE = ("?in=1,2,3,4,5,6;7,8,9,1,2,3;4,5,6,7,8,9;1,3,5,7,9,2;2,4,6,8,1,3"
                "|0,1,0,2,0,1;3,0,1,0,2,0;1,1,1,1,1,1;0,2,0,3,0,4;5,0,6,0,7,0"
                "&k=1,2;0,-1|2,0;1,1/0,1;1,0|-1,2;3,0&b=0.5,-2&p=2,1&pm=reflect&s=2,1&d=1,2&m=conv")


def _page_and_code(page, live_server):
    """The page's own answer (output) for PYTORCH_CASE, and the code its Copy as PyTorch panel shows."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    with page.expect_response(lambda response: response.url.endswith("/api/convolve")) as answer:
        open_page(page, live_server, PYTORCH_CASE)
    output = np.array(answer.value.json()["output"])
    assert not any(url.endswith("/pytorch.js") for url in fetched)  # closed on a first view: not loaded
    page.locator("details.pytorch summary").click()
    page.wait_for_function("document.querySelector('#pytorch-code').textContent.includes('F.conv2d')")
    assert any(url.endswith("/pytorch.js") for url in fetched)
    return output, page.locator("#pytorch-code").inner_text()


def test_copy_as_pytorch_loads_when_opened_and_its_code_computes_the_page_output(page, live_server, monkeypatch):
    output, code = _page_and_code(page, live_server)
    install_stand_in(monkeypatch)
    y = result_of(code)
    np.testing.assert_allclose(np.asarray(y)[0], output, rtol=1e-12, atol=1e-12)


def test_copy_as_pytorch_code_runs_in_pytorch(page, live_server):
    torch = pytest.importorskip("torch")  # an optional oracle, as in tests/engine/test_torch.py
    output, code = _page_and_code(page, live_server)
    y = result_of(code)
    assert isinstance(y, torch.Tensor)
    np.testing.assert_allclose(y[0].double().numpy(), output, rtol=1e-5, atol=1e-4)  # PyTorch's default float32


def test_image_mode_is_fetched_only_when_an_image_is_the_source(page, live_server):
    scripts = []
    page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))
    open_page(page, live_server)
    assert "main.js" in scripts and "image-source.js" not in scripts and "image-mode.js" not in scripts
    page.get_by_role("combobox", name="Input", exact=True).select_option("digit-2")
    page.locator("[data-testid=feature-map-0]").wait_for()
    assert "image-source.js" in scripts and "image-mode.js" in scripts


def test_a_link_to_an_image_source_reopens_it_and_numbers_come_back(page, live_server):
    open_page(page, live_server, "?src=digit-2")
    page.locator("[data-testid=feature-map-0]").wait_for()
    assert page.locator("[data-testid=image]").is_visible()
    page.get_by_role("combobox", name="Input", exact=True).select_option("numbers")
    page.wait_for_function("!document.querySelector('[data-testid=image]')?.checkVisibility()")
    assert "src=" not in page.url
    assert page.console_errors == []
