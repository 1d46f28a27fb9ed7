"""The signal page in Chromium: flip and slide, box ∗ box, keyboard, cross-correlation, URL, languages."""

import pytest

pytestmark = pytest.mark.browser

DT = 0.2  # the page samples τ from −5 to 5 every 0.2: step k is t = −5 + 0.2·k
# step 28 / 51 (the URL counts as the label does): t = 0.4, where f and the flipped g (box ∗ decay, the
# default) overlap
AT_0_4 = "?step=28"


def number(text):
    return float(text.replace("−", "-"))


def value(page, which="conv"):
    return number(page.locator(f"#value-{which}").text_content())


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/signal{query}")
    page.locator("#value-conv").wait_for()
    return page


def focus_page(page):
    page.locator(".plot-title").first.click()


def step_of(t):
    return round((t + 5) / DT)


def go_to(page, t):
    """Home, then → until the player stands on t."""
    focus_page(page)
    page.keyboard.press("Home")
    for _ in range(step_of(t)):
        page.keyboard.press("ArrowRight")
    assert page.locator('[data-player="position"]').inner_text() == f"step {step_of(t) + 1} / 51"


def test_opens_clean_at_the_first_step_with_nothing_off_the_machine(page, live_server):
    open_page(page, live_server)
    assert page.get_by_role("heading", level=1).inner_text() == "Convolution of functions"
    assert page.locator('[data-player="position"]').inner_text() == "step 1 / 51"  # t = −5, as every page
    assert "(−5)" in page.locator("#formula").text_content()
    assert value(page) == 0  # the flipped decay has not reached the box yet
    assert "step=" not in page.url
    assert page.console_errors == [] and page.offsite_requests == []


def test_an_explicit_step_in_the_link_is_kept(page, live_server):
    open_page(page, live_server, AT_0_4)
    assert page.locator('[data-player="position"]').inner_text() == "step 28 / 51"
    # box ∗ exponential decay at t = 0.4: ∫ from −1 to 0.4 of e^−(0.4 − τ) dτ = 1 − e^−1.4 ≈ 0.753
    assert value(page) == pytest.approx(0.753, abs=0.01)
    assert "step=28" in page.url


def test_box_convolved_with_box_is_a_triangle(page, live_server):
    # Two boxes of width 2 and height 1: (f∗g)(t) = max(0, 2 − |t|). The Riemann sum over samples
    # 0.2 apart is off by at most Δτ/2 (at the peak: 1.9 instead of 2).
    open_page(page, live_server, "?f=box&g=box")
    focus_page(page)
    page.keyboard.press("Home")
    traced = []
    for _ in range(51):
        traced.append(value(page))
        page.keyboard.press("ArrowRight")
    ts = [-5 + DT * k for k in range(51)]
    assert traced == pytest.approx([max(0.0, 2 - abs(t)) for t in ts], abs=DT / 2 + 1e-9)
    # on the rising edge, sampled boxes ([½, 1, …, 1, ½] × Δτ) give these sums exactly
    assert traced[step_of(-2.4) : step_of(-1.2)] == pytest.approx([0, 0, 0.05, 0.2, 0.4, 0.6], abs=1e-9)
    assert traced[step_of(0)] == pytest.approx(1.9) and traced[step_of(1)] == pytest.approx(1)


def test_the_keyboard_moves_t(page, live_server):
    open_page(page, live_server, AT_0_4)
    focus_page(page)
    page.keyboard.press("ArrowRight")
    assert page.locator('[data-player="position"]').inner_text() == "step 29 / 51"
    assert "(0.6)" in page.locator("#formula").text_content()
    assert page.locator("#live").inner_text().startswith("t = 0.6: (f∗g)(t) = ")
    assert "step=29" in page.url  # the URL shows what the label shows
    page.keyboard.press("Home")
    assert page.locator("#live").inner_text() == "t = −5: (f∗g)(t) = 0"
    page.keyboard.press("End")
    assert page.locator('[data-player="position"]').inner_text() == "step 51 / 51"
    assert "(5)" in page.locator("#formula").text_content()


def test_space_plays_and_t_moves_on_its_own(page, live_server):
    open_page(page, live_server)
    focus_page(page)
    page.keyboard.press("Space")
    page.wait_for_function("!document.querySelector('[data-player=\"position\"]').textContent.startsWith('step 1 ')")
    page.keyboard.press("Space")
    assert page.locator('[data-player="play"]').get_attribute("aria-label") == "Play (Space)"


@pytest.mark.parametrize("g, differs", [("decay", True), ("box", False)])
def test_cross_correlation_differs_only_for_an_asymmetric_g(page, live_server, g, differs):
    open_page(page, live_server, f"?f=box&g={g}&step={step_of(-1.6) + 1}")
    assert page.locator("#value-xcorr").count() == 0
    page.get_by_label("Also show cross-correlation").check()
    page.locator("#value-xcorr").wait_for()
    assert "xc=1" in page.url
    focus_page(page)
    pairs = []
    for _ in range(4):  # t = −1.6, −0.6, 0.4, 1.4
        pairs.append((value(page), value(page, "xcorr")))
        for _ in range(5):
            page.keyboard.press("ArrowRight")
    if differs:
        # e.g. t = 0.4: convolution ≈ 1 − e^−1.4 ≈ 0.75, cross-correlation ≈ e^−0.4 − e^−1 ≈ 0.30 (sampled: 0.45)
        assert all(abs(conv - xcorr) > 0.1 for conv, xcorr in pairs)
    else:
        assert all(conv == xcorr for conv, xcorr in pairs)
    assert page.console_errors == []


def test_swapping_f_and_g_keeps_the_convolution(page, live_server):
    open_page(page, live_server, AT_0_4)
    before = value(page)
    page.get_by_role("button", name="Swap f and g").click()
    page.wait_for_function("new URL(location.href).searchParams.get('f') === 'decay'")
    page.wait_for_function("document.querySelector('#value-conv').textContent !== ''")
    assert page.get_by_label("Shape").first.input_value() == "decay"
    assert value(page) == pytest.approx(before, abs=1e-3)


def test_a_copied_url_restores_the_state(page, live_server, browser):
    open_page(page, live_server, AT_0_4)
    page.locator('select[name="f-kind"]').select_option("triangle")
    page.locator('input[name="g-w"]').fill("0.6")
    page.get_by_label("Also show cross-correlation").check()
    page.locator("#value-xcorr").wait_for()
    focus_page(page)
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("new URL(location.href).searchParams.get('gw') === '0.6'")
    conv, xcorr = page.locator("#value-conv").text_content(), page.locator("#value-xcorr").text_content()
    url = page.url
    other = browser.new_page()
    try:
        other.goto(url)
        other.locator("#value-xcorr").wait_for()
        assert other.locator('select[name="f-kind"]').input_value() == "triangle"
        assert other.locator('select[name="g-kind"]').input_value() == "decay"
        assert other.locator('input[name="g-w"]').input_value() == "0.6"
        assert other.get_by_label("Also show cross-correlation").is_checked()
        assert other.locator('[data-player="position"]').inner_text() == "step 26 / 51"
        assert other.locator("#value-conv").text_content() == conv
        assert other.locator("#value-xcorr").text_content() == xcorr
    finally:
        other.close()


def test_a_drawn_function_changes_the_result_and_stays_in_the_link(page, live_server, browser):
    open_page(page, live_server, "?f=box&g=box&step=26")
    assert value(page) == pytest.approx(1.9)
    page.locator('select[name="f-kind"]').select_option("draw")
    chart = page.get_by_test_id("plot-inputs")
    chart.wait_for()
    box = chart.bounding_box()
    # Press near the top of the plot (y ≈ 1.4 on its fixed −1.5…1.5 scale) and drag across τ ≈ −0.5 … 0.5.
    y = box["y"] + 20
    page.mouse.move(box["x"] + box["width"] * 0.47, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.53, y, steps=5)
    page.mouse.up()
    page.wait_for_function("Number(document.querySelector('#value-conv').textContent) > 2")
    page.wait_for_load_state("networkidle")  # the last stroke's answer, not one from mid-drag
    assert "fd=" in page.url
    drawn = page.locator("#value-conv").text_content()
    other = browser.new_page()
    try:
        other.goto(page.url)
        other.locator("#value-conv").wait_for()
        other.wait_for_load_state("networkidle")
        assert other.locator('select[name="f-kind"]').input_value() == "draw"
        assert other.locator("#value-conv").text_content() == drawn
    finally:
        other.close()


def test_hovering_the_result_moves_t_and_clicking_keeps_it(page, live_server):
    open_page(page, live_server, AT_0_4)
    chart = page.get_by_test_id("plot-outputs")
    box = chart.bounding_box()

    def x_of(t):  # the plot's t axis runs from its left margin (56 px) to 28 px before its right edge
        return box["x"] + 56 + (t + 5) / 10 * (box["width"] - 56 - 28)

    page.mouse.move(x_of(-1), box["y"] + box["height"] / 2)
    assert "(−1)" in page.locator("#formula").text_content()
    page.mouse.move(5, 5)
    assert "(0.4)" in page.locator("#formula").text_content()
    page.mouse.click(x_of(2), box["y"] + box["height"] / 2)
    page.mouse.move(5, 5)
    assert "(2)" in page.locator("#formula").text_content()
    assert page.locator('[data-player="position"]').inner_text() == "step 36 / 51"


def test_presentation_mode_enlarges_the_plots_and_the_formula(page, live_server):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, live_server)
    size = "parseFloat(getComputedStyle(document.querySelector('#formula')).fontSize)"
    height = "document.querySelector('[data-testid=plot-inputs]').getBoundingClientRect().height"
    before = (page.evaluate(size), page.evaluate(height))
    focus_page(page)
    page.keyboard.press("p")
    after = (page.evaluate(size), page.evaluate(height))
    assert after[0] >= 32 and after[0] > before[0] and after[1] > before[1]
    assert not page.locator(".controls").is_visible()
    assert "present=1" in page.url


def test_korean_on_request(page, live_server):
    open_page(page, live_server, "?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "함수의 합성곱"
    assert page.locator('[data-player="position"]').inner_text() == "51단계 중 1단계"
    assert page.locator("#cap-outputs").inner_text() == "(f∗g)(t): t가 움직이며 그려지는 결과"
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.console_errors == []


@pytest.mark.parametrize("width, height", [(390, 844), (1280, 720), (1920, 1080)])
def test_fits_without_horizontal_scrolling(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    open_page(page, live_server, "?xc=1")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
