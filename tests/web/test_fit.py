"""Issue 18, item 4: presentation mode fits. At 1280x720 and at 1920x1080 each explorer's main view
(input, kernel, output, the equation and the player) is on one screen without scrolling, for inputs
up to 7x7 with 3x3 kernels and padding 1, for the worked example, and for three channels of 5x5 with three
3x3 filters (grouped or not, the depthwise preset), and three of 4x4 with two 1x1 filters (the 1x1 preset);
the player is not faded; and on a phone (390x844) no page scrolls sideways.

Larger layers fit at 1920x1080 only: three channels of 7x7 with padding 1 and three 3x3 filters (243 input
and 147 output cells), and 1x1 filters over three channels of 5x5. At 1280x720 their numbers would have to
drop below 18 px, which the back of a lecture hall cannot read; presentation mode keeps them at 18 px there
and the page scrolls.

The exception: the network page with its maps three times larger in presentation mode (a lecturer
draws live and the room reads the maps) is taller than 1280x720 and 1920x1080; shrinking the maps
to fit would make them illegible, so there it is checked only that the page does not scroll sideways.
"""

from __future__ import annotations

import pytest

SCREENS = ((1280, 720), (1920, 1080))
PHONE = {"width": 390, "height": 844}

SEVEN = ";".join(",".join(str((r * 7 + c) % 9 + 1) for c in range(7)) for r in range(7))
LARGEST = f"in={SEVEN}&k=1,0,-1;1,0,-1;1,0,-1&p=1,1"  # 7x7 input, 3x3 kernel, padding 1: a 9x9 grid

# three channels of 5×5 and three 3×3 filters: depthwise (groups 3), and every filter reading every channel
FIVE = [";".join(",".join(str((r * 5 + c + k) % 4) for c in range(5)) for r in range(5)) for k in range(3)]
THREE_FILTERS = "in=" + "|".join(FIVE) + "&k=" + "/".join(
    ("0,1,2;2,2,0;0,1,2", "0,1,0;1,-4,1;0,1,0", "1,0,-1;2,0,-2;1,0,-1"))
FOUR = [";".join(",".join(str((r * 4 + c + k) % 4) for c in range(4)) for r in range(4)) for k in range(3)]
ONE_BY_ONE = "in=" + "|".join(FOUR) + "&k=0.3|0.59|0.11/1|0|-1"  # 1×1: two filters mixing three channels of 4×4
# three channels of 7×7 with padding 1 (9×9 grids) and the same three 3×3 filters; and 1×1 over three of 5×5
SEVENS = [";".join(",".join(str((r * 7 + c + k) % 9 + 1) for c in range(7)) for r in range(7)) for k in range(3)]
THREE_SEVENS = THREE_FILTERS.replace("in=" + "|".join(FIVE), "in=" + "|".join(SEVENS)) + "&p=1,1"
POINTWISE = "in=" + "|".join(FIVE) + "&k=0.3|0.59|0.11/1|0|-1"  # the "pointwise" preset's weights over 5×5

BOX_BLUR = ";".join([",".join(["0.11"] * 3)] * 3)
GAUSSIAN = "0.0625,0.125,0.0625;0.125,0.25,0.125;0.0625,0.125,0.0625"

# what must be on screen: (page and state, the main view's parts)
CONV_PARTS = ("[data-testid=input-0]", "[data-testid=kernel-0]", "[data-testid=output-0]",
              "[data-testid=equation]", ".player")
POOL_PARTS = ("[data-testid=input-0]", "[data-testid=output-0]", "[data-testid=equation]", ".player")
VIEWS = (
    ("/convolution", CONV_PARTS),  # the worked example
    ("/convolution?cov=1&m=conv", CONV_PARTS + ("[data-testid=original-0]",)),
    (f"/convolution?{LARGEST}", CONV_PARTS),
    (f"/convolution?{LARGEST}&m=conv", CONV_PARTS),
    (f"/convolution?{THREE_FILTERS}&g=3&step=11", CONV_PARTS),
    (f"/convolution?{THREE_FILTERS}&m=conv&step=11", CONV_PARTS),
    (f"/convolution?{ONE_BY_ONE}", CONV_PARTS),
    ("/pooling", POOL_PARTS),
    ("/pooling?in=" + SEVEN + "&pad=1,1&size=3,3", POOL_PARTS),
    ("/signal", ("[data-testid=formula]", ".player", ".plots")),
    # views taller than the screen until parts give way (stage-fit.js): nine decimal products on three
    # lines, a padded input beside the definition, a padded pooling input with its output-size rule
    (f"/convolution?k={BOX_BLUR}", CONV_PARTS),
    (f"/convolution?k={GAUSSIAN}&step=12", CONV_PARTS),
    ("/convolution?p=1,1&pm=reflect", CONV_PARTS),
    ("/pooling?kind=avg&size=3,3&stride=1,1", POOL_PARTS),
    ("/pooling?size=3,3&stride=2,2&pad=1,1", POOL_PARTS),
)

LARGE_VIEWS = (  # at 1920x1080 only
    (f"/convolution?{THREE_SEVENS}&step=11", CONV_PARTS),
    (f"/convolution?{THREE_SEVENS}&g=3&step=11", CONV_PARTS),
    (f"/convolution?{POINTWISE}", CONV_PARTS),
    (f"/convolution?{POINTWISE}/0.5|0.25|0.25&m=conv", CONV_PARTS),
)

PAGES = ("/", "/convolution", f"/convolution?{LARGEST}", "/pooling", "/activation", "/signal", "/network",
         "/lecture", "/docs")


def open_view(page, url, size=None):
    if size:
        page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the pages draw after their first response
    page.mouse.move(0, 0)


def overflow(page):
    """How far the page scrolls: (sideways, down) in CSS px."""
    return page.evaluate("""() => {
      const root = document.scrollingElement;
      return [root.scrollWidth - innerWidth, root.scrollHeight - innerHeight];
    }""")


def outside(page, selectors):
    """The parts that are missing, hidden or not wholly inside the viewport."""
    return page.evaluate("""(selectors) => selectors.filter((selector) => {
      const el = document.querySelector(selector);
      if (!el || !el.checkVisibility()) return true;
      const r = el.getBoundingClientRect();
      return r.width === 0 || r.left < -0.5 || r.top < -0.5
        || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5;
    })""", list(selectors))


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("path", "parts"), VIEWS, ids=[view[0][:40] for view in VIEWS])
def test_presentation_mode_shows_the_main_view_on_one_screen(page, live_server, size, path, parts):
    open_view(page, f"{live_server}{path}{'&' if '?' in path else '?'}present=1", size)
    assert overflow(page) == [0, 0]
    assert outside(page, parts) == []


def shown(page, selector):
    return page.locator(selector).evaluate("(el) => el.checkVisibility()")


def test_parts_give_way_only_where_the_view_needs_it_and_only_while_presenting(page, live_server):
    # the worked example fits whole; the box blur's three lines of products do not, until the output-size
    # rule and the definition give way; stepping keeps the page still; normal mode shows them again
    open_view(page, f"{live_server}/convolution?present=1", (1280, 720))
    assert shown(page, "#formula") and shown(page, ".definition")
    open_view(page, f"{live_server}/convolution?k={BOX_BLUR}&in=1,2,3,4;5,6,7,8;9,1,2,3;4,5,6,7&present=1",
              (1280, 720))
    assert not shown(page, "#formula") and not shown(page, ".definition")
    assert shown(page, "#weights")
    tops, positions = [], []
    for _ in range(3):
        tops.append(page.locator(".player").evaluate("(el) => el.getBoundingClientRect().top"))
        positions.append(page.locator('[data-player="position"]').inner_text())
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    assert positions == ["step 1 / 4", "step 2 / 4", "step 3 / 4"]
    assert len(set(tops)) == 1  # no part comes back or goes from one step to the next
    page.keyboard.press("p")
    page.wait_for_timeout(200)
    assert shown(page, "#formula") and shown(page, ".definition")


@pytest.mark.parametrize(("path", "parts"), LARGE_VIEWS, ids=[view[0][:40] for view in LARGE_VIEWS])
def test_larger_layers_show_on_one_1080p_screen(page, live_server, path, parts):
    open_view(page, f"{live_server}{path}&present=1", (1920, 1080))
    assert overflow(page) == [0, 0]
    assert outside(page, parts) == []


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_largest_input_keeps_18px_numbers_when_it_fits(page, live_server, size):
    open_view(page, f"{live_server}/convolution?{LARGEST}&present=1", size)
    sizes = page.evaluate("""() => [...document.querySelectorAll('[data-testid=input-0] td :is(.v, input)')]
      .map((v) => parseFloat(getComputedStyle(v).fontSize))""")
    assert len(sizes) == 81
    assert min(sizes) >= 18


@pytest.mark.parametrize("path", ("/convolution", "/pooling", "/activation", "/signal", "/network"))
def test_the_player_is_at_full_contrast_in_presentation_mode(page, live_server, path):
    open_view(page, f"{live_server}{path}?present=1")
    opacity = page.evaluate("""() => {
      let opacity = 1;
      for (let el = document.querySelector('.player'); el; el = el.parentElement) {
        opacity *= Number(getComputedStyle(el).opacity);
      }
      return opacity;
    }""")
    assert opacity == 1


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_network_in_presentation_mode_never_scrolls_sideways(page, live_server, size):
    open_view(page, f"{live_server}/network?present=1&sample=3&map=1,2", size)
    assert overflow(page)[0] == 0
    zoom = "(el) => getComputedStyle(el).getPropertyValue('--map-zoom').trim()"
    assert page.locator(".network").evaluate(zoom) == "3"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, live_server, path):
    open_view(page, live_server + path, (PHONE["width"], PHONE["height"]))
    assert overflow(page)[0] == 0


ACTIVATION_PARTS = ("[data-testid=curve]", "[data-testid=map-before]", "[data-testid=map-after]",
                    "[data-testid=value]", ".player", ".logits", "#softmax-math", "#logit-add")


@pytest.mark.parametrize("lang", ("en", "ko"))
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_activation_with_its_softmax_fits_one_screen(page, live_server, size, lang):
    open_view(page, f"{live_server}/activation?present=1&lang={lang}", size)
    assert overflow(page) == [0, 0]
    assert outside(page, ACTIVATION_PARTS) == []


STAGE_PARTS = ACTIVATION_PARTS[:5]
SOFTMAX_PARTS = ("#softmax-title", ".logits", "#softmax-math", "#softmax-sum", "#logit-add", "#logit-up")
TEN_SCORES = "2,1,0.1,-1,3,0.5,-2,1.5,2.5,-0.5"
EIGHT_BY_EIGHT = ";".join(",".join(str((c + 1) * (-1) ** r) for c in range(8)) for r in range(8))


def scrolled_to(page, key):
    page.keyboard.press(key)
    page.wait_for_timeout(200)
    return page.evaluate("scrollY")


@pytest.mark.parametrize(("size", "query"), [((1280, 720), f"z={TEN_SCORES}"), ((1280, 720), "z=2,1,0.1,0"),
                                             ((1920, 1080), f"z={TEN_SCORES}"), ((1280, 720), f"map={EIGHT_BY_EIGHT}")],
                         ids=["720p-10-scores", "720p-4-scores", "1080p-10-scores", "720p-8x8-map"])
def test_a_softmax_too_tall_to_share_the_screen_gets_one_of_its_own(page, live_server, size, query):
    # the activation fills the first screen; PageDown at the last step goes down to the softmax, whole on
    # the second; PageUp comes back
    open_view(page, f"{live_server}/activation?present=1&{query}", size)
    assert overflow(page) == [0, size[1]]
    assert outside(page, STAGE_PARTS) == []
    assert scrolled_to(page, "PageDown") == 0  # before the last step PageDown steps
    assert page.locator('[data-player="position"]').inner_text().startswith("step 2 /")
    page.keyboard.press("End")
    last = page.locator('[data-player="position"]').inner_text()
    assert scrolled_to(page, "PageDown") == size[1]
    assert outside(page, SOFTMAX_PARTS) == []
    assert page.evaluate("document.getElementById('softmax-math').scrollWidth") <= page.evaluate(
        "document.getElementById('softmax-math').clientWidth")
    assert scrolled_to(page, "PageUp") == 0
    assert page.locator('[data-player="position"]').inner_text() == last  # PageUp only went back up
    page.keyboard.press("p")  # normal mode: one page again, the softmax under the activation
    page.wait_for_timeout(300)
    assert not page.locator("#softmax").evaluate("(el) => el.classList.contains('apart')")


def test_adding_a_score_that_does_not_fit_follows_the_softmax_to_its_screen(page, live_server):
    open_view(page, f"{live_server}/activation?present=1", (1280, 720))
    assert overflow(page) == [0, 0]
    page.locator("#logit-add").click()
    page.wait_for_function("() => document.querySelector('[data-testid=prob-3]')?.textContent > ''")
    page.wait_for_timeout(300)
    assert page.evaluate("scrollY") == 720
    assert outside(page, SOFTMAX_PARTS) == []


@pytest.mark.parametrize("size", ((1280, 800), (390, 844)), ids=["laptop", "phone"])
def test_the_written_out_sums_wrap_instead_of_scrolling_sideways(page, live_server, size):
    open_view(page, f"{live_server}/activation?z={TEN_SCORES}", size)
    widths = page.evaluate("""() => { const e = document.getElementById('softmax-math');
      const right = Math.max(...[...e.querySelectorAll('math')].map((m) => m.getBoundingClientRect().right));
      return [e.scrollWidth - e.clientWidth, right - e.getBoundingClientRect().right]; }""")
    assert widths[0] <= 0 and widths[1] <= 0.5
    assert page.locator("#softmax-math").inner_text().count("+") >= 18  # both sums, every term


@pytest.mark.parametrize("function", ("leaky_relu", "elu", "sigmoid", "tanh", "gelu"))
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_activation_fits_with_its_formula_whole(page, live_server, size, function):
    # the last step: every activated number is in the map (the longest widen its cells), and the formula
    # of a negative x (the tallest: a fraction, or the branch with α) ends in the answer, not past the edge
    open_view(page, f"{live_server}/activation?present=1&f={function}&step=25", size)
    assert overflow(page) == [0, 0]
    assert outside(page, ACTIVATION_PARTS + ("#continue",)) == []
    formula = page.evaluate("""() => { const e = document.getElementById('formula');
      return [e.scrollWidth - e.clientWidth, e.textContent, document.querySelector('#value .result').textContent]; }""")
    assert formula[0] <= 0
    assert formula[1].endswith(formula[2])
    gap = page.evaluate("""() => document.querySelector('.player').getBoundingClientRect().top
      - document.getElementById('continue').getBoundingClientRect().bottom""")
    assert gap >= 0  # the Continue button sits above the player, never over it


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_activation_readout_is_shown_whole(page, live_server, size):
    open_view(page, f"{live_server}/activation?map=13,-2;3,4&present=1", size)
    page.wait_for_function("document.querySelector('#formula').textContent.includes('13')")
    clipped = page.evaluate("""() => [...document.querySelectorAll('.readout, .readout > *')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > innerWidth)
      .map((el) => el.className || el.id)""")
    assert clipped == []


@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_zeroed_cell_shows_its_old_value_and_its_zero_apart(page, live_server, size):
    # ReLU's last step: every negative cell is 0, its old value struck through in the corner; at the
    # floor both are 18 px, and each stays inside its cell, clear of the other
    open_view(page, f"{live_server}/activation?present=1&step=25", size)
    boxes = page.evaluate("""() => [...document.querySelectorAll('[data-testid=map-after] td.zeroed')].map((td) => {
      const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
      const range = document.createRange();
      range.selectNodeContents(td.querySelector('.v'));
      const v = range.getBoundingClientRect();
      return [box(td), box(td.querySelector('.badge')), [v.left, v.top, v.right, v.bottom]];
    })""")
    assert len(boxes) == 11  # the example map's negative cells
    for cell, badge, value in boxes:
        assert cell[0] - 0.5 <= badge[0] and badge[2] <= cell[2] + 0.5, (cell, badge)
        # above the 0, or beside it; text boxes hold the fonts' whole ascent and descent, so 3 px may meet
        assert badge[3] <= value[1] + 3 or badge[2] <= value[0], (badge, value)


def test_the_max_tag_leaves_the_winning_number_in_view(page, live_server):
    # a padded 6x6 input at 1280x720: 54-px cells, the tag and the number both at the 18 px floor
    open_view(page, f"{live_server}/pooling?size=3,3&stride=2,2&pad=1,1&present=1", (1280, 720))
    tag_bottom, text_top = page.locator("td.winner").evaluate("""(td) => {
      const input = td.querySelector('input');
      const style = getComputedStyle(input);
      const inner = input.getBoundingClientRect().top + parseFloat(style.paddingTop);
      const free = input.getBoundingClientRect().bottom - inner - parseFloat(style.fontSize);  // room below the text
      return [td.querySelector('.badge').getBoundingClientRect().bottom, inner + Math.max(0, free) / 2];
    }""")
    assert tag_bottom <= text_top + 1


@pytest.mark.parametrize("kernel", [GAUSSIAN, BOX_BLUR, "1,0,-1;2,0,-2;1,0,-1"])
def test_a_window_cell_s_weight_stays_in_its_corner_or_stays_out(page, live_server, kernel):
    open_view(page, f"{live_server}/convolution?k={kernel}&present=1", (1280, 720))
    spilled = page.evaluate("""() => [...document.querySelectorAll('[data-testid=input-0] td.win .badge')]
      .filter((b) => {
      const cell = b.closest('td').getBoundingClientRect(), r = b.getBoundingClientRect();
      return r.height > 1 && (r.left < cell.left - 0.5 || r.right > cell.right + 0.5);
    }).map((b) => b.textContent)""")
    assert spilled == []
