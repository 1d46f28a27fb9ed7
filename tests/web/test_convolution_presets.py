"""The convolution page's presets of the guide to convolution arithmetic, and grouped (depthwise) and 1×1
convolution: output sizes as the guide draws them, numbers as the definition gives them."""

from urllib.parse import parse_qs, urlparse

import numpy as np
import pytest

from .pytorch_code import install_stand_in, result_of

pytestmark = pytest.mark.browser

# Dumoulin and Visin, "A guide to convolution arithmetic for deep learning": each animation's input and
# output sides, and the kernel, padding, stride and dilation it uses.
GUIDE = {
    "no_padding_no_strides": (4, 2, dict(kernel=3)),
    "arbitrary_padding_no_strides": (5, 6, dict(kernel=4, padding=2)),
    "half_padding_no_strides": (5, 5, dict(kernel=3, padding=1)),
    "full_padding_no_strides": (5, 7, dict(kernel=3, padding=2)),
    "no_padding_strides": (5, 2, dict(kernel=3, stride=2)),
    "padding_strides": (5, 3, dict(kernel=3, padding=1, stride=2)),
    "padding_strides_odd": (6, 3, dict(kernel=3, padding=1, stride=2)),
    "dilation": (7, 3, dict(kernel=3, dilation=2)),
}
# The guide's Figure 1.1: its input, its kernel and the output it prints.
FIGURE_1_1 = ([[3, 3, 2, 1, 0], [0, 0, 1, 3, 1], [3, 1, 2, 2, 3], [2, 0, 0, 2, 2], [2, 0, 0, 0, 1]],
              [[0, 1, 2], [2, 2, 0], [0, 1, 2]], [[12, 12, 17], [10, 17, 19], [9, 6, 14]])


def open_page(page, live_server, query=""):
    page.goto(f"{live_server}/convolution{query}")
    page.locator("#equation .result").wait_for()
    return page


def choose(page, preset):
    """Pick a preset and wait until its answer is drawn (the page writes its URL last)."""
    before = page.url
    page.select_option("select[name=preset]", preset)
    page.wait_for_function("(before) => location.href !== before", arg=before)


def url_params(page):
    return {key: values[0] for key, values in parse_qs(urlparse(page.url).query).items()}


def stack(text):
    """The URL's "1,2;3,4|…" as an array (channels, rows, columns)."""
    return np.array([[[float(v) for v in row.split(",")] for row in m.split(";")] for m in text.split("|")])


def output_numbers(page, f):
    """Filter f's output grid as numbers (a minus sign written "−")."""
    return page.evaluate("""(f) => Array.from(document.querySelectorAll(`[data-testid=output-${f}] tr`),
        (tr) => Array.from(tr.querySelectorAll('td .v'), (td) => Number(td.textContent.replace('−', '-'))))""", f)


def correlate(x, k, stride=1, padding=0, dilation=1):
    """S(i, j) = Σm Σn I(i·s + m·d, j·s + n·d)·K(m, n) on the zero-padded input, loop by loop."""
    x = np.pad(x, padding)
    kh, kw = k.shape
    rows = (x.shape[0] - dilation * (kh - 1) - 1) // stride + 1
    cols = (x.shape[1] - dilation * (kw - 1) - 1) // stride + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            for m in range(kh):
                for n in range(kw):
                    out[i, j] += x[i * stride + m * dilation, j * stride + n * dilation] * k[m, n]
    return out


def test_each_guide_preset_has_the_guides_shapes_and_the_definitions_numbers(page, live_server):
    open_page(page, live_server)
    for name, (side, out_side, spacing) in GUIDE.items():
        choose(page, f"guide-{name}")
        params = url_params(page)
        x, k = stack(params["in"]), stack(params["k"])
        assert x.shape == (1, side, side), name
        assert k.shape == (1, spacing["kernel"], spacing["kernel"]), name
        padding, stride, dilation = (spacing.get(key, default) for key, default in
                                     (("padding", 0), ("stride", 1), ("dilation", 1)))
        assert params["p"] == f"{padding},{padding}" and params["s"] == f"{stride},{stride}", name
        assert params["d"] == f"{dilation},{dilation}", name
        page.keyboard.press("End")  # the last step: every output cell written
        expected = correlate(x[0], k[0], stride, padding, dilation)
        assert expected.shape == (out_side, out_side), name
        assert output_numbers(page, 0) == expected.tolist(), name
        formula = page.locator("#formula").text_content()  # the output-size rule, for rows and for columns
        assert formula.count(f"⌋+1={out_side}") == 2, name


def test_the_guides_numbers_are_its_figure(page, live_server):
    """Its 5×5 input and 3×3 kernel give the output the guide prints in Figure 1.1."""
    open_page(page, live_server)
    choose(page, "guide-no_padding_no_strides")
    params = url_params(page)
    x, k = stack(params["in"])[0], stack(params["k"])[0]
    figure_input, figure_kernel, figure_output = (np.array(a, dtype=float) for a in FIGURE_1_1)
    assert (x == figure_input[:4, :4]).all() and (k == figure_kernel).all()
    assert (correlate(figure_input, figure_kernel) == figure_output).all()


def test_depthwise_filters_read_only_their_own_channel(page, live_server):
    open_page(page, live_server)
    choose(page, "depthwise")
    params = url_params(page)
    assert params["g"] == "3"
    x, bank = stack(params["in"]), [stack(f) for f in params["k"].split("/")]  # (3, 5, 5), 3 × (1, 3, 3)
    assert [f.shape for f in bank] == [(1, 3, 3)] * 3
    page.keyboard.press("End")
    for f in range(3):
        assert output_numbers(page, f) == correlate(x[f], bank[f][0]).tolist()
    page.keyboard.press("Home")
    for _ in range(9 + 4):  # filter 2's fifth cell
        page.keyboard.press("ArrowRight")
    unread = page.evaluate("""() => Array.from(document.querySelectorAll('#input-grids > .grid-holder'),
        (holder) => holder.classList.contains('unread'))""")
    assert unread == [True, False, True]
    assert "channel 2" in page.locator("#kernel-caption").text_content()
    groups = page.evaluate("""() => Array.from(document.querySelectorAll('#output-grids > .grid-holder'),
        (holder) => holder.dataset.group)""")
    assert groups == ["0", "1", "2"]
    assert page.locator("#equation .term").count() == 9  # one channel's 9 products, not 27
    weights = page.get_by_test_id("weights").text_content()
    # this layer: 3×1×3×3 + 3; without groups: 3×3×3×3 + 3; depthwise + 1×1: 3×3×3 + 3 + 3×3 + 3
    assert "= 30 weights" in weights and "= 84" in weights and "= 42" in weights


def depthwise_output_and_code(page, live_server):
    """The depthwise preset's output as the API answered it, and the page's Copy as PyTorch code."""
    open_page(page, live_server)
    with page.expect_response(lambda response: response.url.endswith("/api/convolve")) as answer:
        page.select_option("select[name=preset]", "depthwise")
    page.locator("details.pytorch summary").click()
    page.wait_for_function("document.querySelector('#pytorch-code').textContent.includes('groups=3')")
    return np.array(answer.value.json()["output"]), page.locator("#pytorch-code").inner_text()


def test_copy_as_pytorch_passes_the_groups(page, live_server, monkeypatch):
    output, code = depthwise_output_and_code(page, live_server)
    install_stand_in(monkeypatch)
    np.testing.assert_allclose(np.asarray(result_of(code))[0], output, rtol=1e-12, atol=1e-12)


def test_copy_as_pytorch_with_groups_runs_in_pytorch(page, live_server):
    pytest.importorskip("torch")  # an optional oracle, as in tests/engine/test_torch.py
    output, code = depthwise_output_and_code(page, live_server)
    np.testing.assert_allclose(result_of(code)[0].double().numpy(), output, rtol=1e-5, atol=1e-4)


def test_a_1x1_convolution_mixes_the_channels_at_each_pixel(page, live_server):
    open_page(page, live_server)
    choose(page, "pointwise")
    params = url_params(page)
    x, bank = stack(params["in"]), np.array([stack(f)[:, 0, 0] for f in params["k"].split("/")])  # (3,4,4), (2,3)
    assert bank.shape == (2, 3)
    page.keyboard.press("End")
    for f in range(2):
        mixed = np.tensordot(bank[f], x, axes=1)  # (4, 4): Σc w[c]·x[c] at each pixel
        assert np.allclose(output_numbers(page, f), mixed, atol=0.006)  # as written: 2 decimals


def test_groups_that_do_not_divide_the_channels_are_explained(page, live_server):
    open_page(page, live_server)
    choose(page, "depthwise")
    page.fill("input[name=filters]", "2")
    page.dispatch_event("input[name=filters]", "change")
    problem = page.locator("#problem")
    problem.wait_for()
    assert "groups (3) must divide both the channels (3) and the filters (2)" in problem.text_content()


def test_the_korean_page_names_the_guides_presets(page, live_server):
    open_page(page, live_server, "?lang=ko")
    labels = page.locator("select[name=preset] optgroup").evaluate_all("(groups) => groups.map((g) => g.label)")
    assert "합성곱 산술 (Dumoulin & Visin)" in labels
    assert page.locator("option[value=guide-dilation]").text_content().startswith("팽창")
