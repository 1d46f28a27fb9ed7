"""/lecture in Chromium: the built-in lecture in both languages, moving between views (N, Shift+N, the
bar, PageDown at a view's end), one language and presentation mode for all views, the blank screen,
and lectures of one's own: a link, the editor, a JSON file; anything from elsewhere is refused."""

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

BUILT_IN = [
    ("Flip and slide: convolution in 1-D", "/signal"),
    ("Cross-correlation, window by window", "/convolution"),
    ("Convolution: the kernel turned 180°", "/convolution"),
    ("ReLU on the output", "/activation"),
    ("Max pooling of the ReLU output", "/pooling"),
    ("Average pooling of the ReLU output", "/pooling"),
    ("Padding “same” and coverage", "/convolution"),
    ("Stride: fewer windows", "/convolution"),
    ("The network: flatten, dense, softmax", "/network"),
    ("Weight sharing", "/network"),
]
LOADED = "!document.getElementById('view').classList.contains('loading')"


def open_lecture(page, live_server, query=""):
    page.goto(f"{live_server}/lecture{query}")
    page.wait_for_function(LOADED)
    return page


def view(page):
    return page.frame_locator("#view")


def view_url(page):
    return page.evaluate("document.getElementById('view').contentWindow.location.href")


def position(page):
    return page.locator("#position").inner_text()


def wait_for_view(page, n):
    """Until view n (1-based) is on screen and its scripts have run."""
    page.wait_for_function(f"document.querySelector('#position .count').textContent.startsWith('{n} /') && {LOADED}")


def view_result(page, value):
    view(page).locator(f"#equation .result:text-is('{value}')").wait_for()


def test_the_built_in_lecture_plays_in_the_seed_posts_order(page, live_server):
    open_lecture(page, live_server)
    assert page.get_by_role("link", name="Lecture").get_attribute("aria-current") == "page"
    seen = []
    for n in range(1, len(BUILT_IN) + 1):
        wait_for_view(page, n)
        seen.append((position(page), view_url(page).removeprefix(live_server).split("?")[0]))
        if n < len(BUILT_IN):
            page.keyboard.press("n")
    assert seen == [(f"{n} / 10 · {title}", path) for n, (title, path) in enumerate(BUILT_IN, 1)]
    assert page.title() == "10 / 10 · Weight sharing · ConvScope"
    page.keyboard.press("n")  # the last view stays
    assert position(page).startswith("10 / 10")
    assert page.console_errors == [] and page.offsite_requests == []


def test_the_views_show_the_worked_example_and_what_follows_it(page, live_server):
    open_lecture(page, live_server, "?view=2")
    view_result(page, "13")
    assert "(1×1) + (2×1) + (4×0) + (5×2)" in view(page).locator("#equation").inner_text().replace("\n", "")
    page.keyboard.press("n")
    wait_for_view(page, 3)
    view_result(page, "11")  # convolution: the kernel turned 180°
    assert view(page).get_by_label("convolution (kernel turned 180°)").is_checked()
    page.keyboard.press("n")
    wait_for_view(page, 4)
    # ReLU on the worked example's output with a bias of −20 (−7, −3, 5, 9), so that it zeroes two cells
    assert view(page).get_by_label("input row 0 column 0").input_value() == "−7"
    assert view(page).get_by_label("input row 1 column 1").input_value() == "9"
    view(page).locator("#value .result:text-is('0')").wait_for()  # ReLU(−7) = 0
    page.keyboard.press("n")
    wait_for_view(page, 5)
    # pooling takes ReLU's output (0, 0, 5, 9): conv → ReLU → pool on one example
    view(page).locator("#equation").get_by_text("max(0, 0, 5, 9)").wait_for()
    page.keyboard.press("n")
    wait_for_view(page, 6)
    view_result(page, "3.5")  # (0 + 0 + 5 + 9) ÷ 4
    page.keyboard.press("n")
    wait_for_view(page, 7)
    assert view(page).locator('[data-player="position"]').inner_text() == "step 1 / 9"  # "same": 3×3 out
    assert view(page).get_by_label("Show coverage: how many windows use each input cell").is_checked()
    page.keyboard.press("n")
    wait_for_view(page, 8)
    view_result(page, "17")  # stride 2 on a 5×5 input: a 2×2 output
    assert view(page).locator('[data-player="position"]').inner_text() == "step 1 / 4"


def test_the_built_in_lecture_speaks_korean_in_every_view(page, live_server):
    open_lecture(page, live_server, "?lang=ko")
    assert position(page) == "1 / 10 · 뒤집고 밀기: 1차원 합성곱"
    assert page.get_by_role("link", name="강의").is_visible()
    page.keyboard.press("n")
    wait_for_view(page, 2)
    assert position(page) == "2 / 10 · 교차상관, 창 하나씩"
    assert "lang=ko" in view_url(page)
    assert view(page).locator("html").get_attribute("lang") == "ko"
    assert view(page).locator('[data-player="position"]').inner_text() == "4단계 중 1단계"


def test_n_and_shift_n_and_the_bar_move_between_views_and_the_url_follows(page, live_server, browser):
    open_lecture(page, live_server)
    entries = page.evaluate("history.length")
    page.keyboard.press("n")
    page.keyboard.press("n")
    wait_for_view(page, 3)
    page.keyboard.press("Shift+N")
    wait_for_view(page, 2)
    assert "view=2" in page.url
    page.get_by_role("button", name="Next view (N)").click()
    wait_for_view(page, 3)
    page.get_by_role("button", name="View 6: Average pooling").click()
    wait_for_view(page, 6)
    page.keyboard.press("ArrowRight")  # the keys are the view's again after a click on the bar
    page.get_by_role("button", name="Previous view (Shift+N)").click()
    wait_for_view(page, 5)
    assert page.get_by_role("button", name="View 5: Max pooling").get_attribute("aria-current") == "step"
    # a view reloads as the lecture defines it, not as it was left; no history entry per view
    assert page.evaluate("history.length") == entries
    other = browser.new_page()
    try:
        other.goto(page.url)
        other.locator("#position").filter(has_text="5 / 10 · Max pooling").wait_for()
        other.frame_locator("#view").locator("#equation").get_by_text("max(0, 0, 5, 9)").wait_for()
    finally:
        other.close()


def test_page_down_steps_through_a_view_then_goes_on_and_page_up_comes_back(page, live_server):
    open_lecture(page, live_server, "?view=2")
    view_result(page, "13")
    for value in ["17", "25", "29"]:
        page.keyboard.press("PageDown")
        view_result(page, value)
    assert position(page).startswith("2 / 10")
    page.keyboard.press("PageDown")  # past the last step: the next view
    wait_for_view(page, 3)
    view_result(page, "11")
    page.keyboard.press("PageUp")  # at the first step: the view before
    wait_for_view(page, 2)
    page.keyboard.press("PageUp")
    wait_for_view(page, 1)


def test_q_quizzes_the_room_and_a_remote_shows_each_answer_before_it_moves_on(page, live_server):
    open_lecture(page, live_server, "?view=2")
    view_result(page, "13")
    page.keyboard.press("q")  # predict mode in the view: each value is a question
    view(page).locator('[data-testid="answer"] input').wait_for()
    assert view(page).locator("#equation .result").count() == 0
    for value in ["13", "17", "25", "29"]:
        page.keyboard.press("PageDown")  # the answer first
        view_result(page, value)
        page.keyboard.press("PageDown")  # then the next question (or, after the last, the next view)
    wait_for_view(page, 3)


def test_presentation_mode_and_the_language_are_the_lectures_for_every_view(page, live_server):
    open_lecture(page, live_server, "?present=1&lang=ko")
    assert page.locator("body.present").count() == 1
    assert view(page).locator("body.present").count() == 1
    assert view(page).locator(".topbar").is_hidden()  # a view never shows its own menus
    page.mouse.move(640, 400)  # the lecture's own bar waits above the screen until the pointer comes up
    page.wait_for_function("document.querySelector('.topbar').getBoundingClientRect().bottom <= 1")
    page.keyboard.press("n")
    wait_for_view(page, 2)
    assert "present=1" in view_url(page) and "lang=ko" in view_url(page)
    page.keyboard.press("p")  # pressed in the view: the lecture leaves presentation mode too
    page.wait_for_function("!document.body.classList.contains('present')")
    assert "present=1" not in page.url
    page.keyboard.press("n")
    wait_for_view(page, 3)
    assert "present" not in view_url(page)
    assert view(page).locator("body.present").count() == 0
    assert view(page).locator(".topbar").is_hidden()  # a view never shows its own menus
    page.locator('.topbar [data-action="present"]').click()
    assert view(page).locator("body.present").count() == 1
    assert "present=1" in page.url


def test_b_blanks_the_whole_lecture_and_any_key_brings_it_back(page, live_server):
    open_lecture(page, live_server, "?view=2&present=1")
    view_result(page, "13")
    page.keyboard.press("b")  # in the view, which hands it to the lecture page
    curtain = page.locator("dialog.blank-screen")
    curtain.wait_for()
    box = curtain.bounding_box()
    assert (box["width"], box["height"]) == (1280, 720)  # the bar too
    page.keyboard.press("ArrowRight")  # brings the lecture back, and nothing else
    assert curtain.count() == 0
    view_result(page, "13")
    page.keyboard.press("ArrowRight")  # the view has the keys again
    view_result(page, "17")
    page.keyboard.press(".")
    curtain.wait_for()
    page.mouse.click(640, 360)
    assert curtain.count() == 0


def test_f_in_a_view_puts_the_whole_lecture_on_the_full_screen(page, live_server):
    open_lecture(page, live_server, "?view=2")
    view_result(page, "13")
    fullscreen = "document.fullscreenElement?.tagName ?? null"
    page.keyboard.press("f")
    page.wait_for_function(f"{fullscreen} === 'HTML'")  # the lecture page's, bar and all
    assert view(page).locator("html").evaluate("() => document.fullscreenElement") is None
    page.keyboard.press("f")
    page.wait_for_function(f"{fullscreen} === null")


def test_a_lecture_of_ones_own_plays_from_its_link(page, live_server):
    lines = "/pooling?kind=avg Average first\n/convolution?in=1,2;3,4&k=1 One by one\n/signal"
    open_lecture(page, live_server, f"?title=Mine&views={quote(lines)}")
    assert position(page) == "1 / 3 · Average first"
    assert view_url(page).removeprefix(live_server).startswith("/pooling?lang=en&")  # as the page writes it
    assert "kind=avg" in view_url(page)
    page.keyboard.press("n")
    wait_for_view(page, 2)
    view_result(page, "1")
    page.keyboard.press("n")
    wait_for_view(page, 3)
    assert position(page) == "3 / 3 · Signal"  # no title: the page's name
    assert "views=" in page.url and "view=3" in page.url


def test_a_link_to_anything_but_this_apps_pages_is_refused_with_the_reason(page, live_server):
    lines = "/signal Fine\nhttps://evil.example/phish Not fine"
    page.goto(f"{live_server}/lecture?views={quote(lines)}")
    problem = page.get_by_role("alert").filter(has_text="cannot be played")
    problem.wait_for()
    assert problem.locator("#problem-text").inner_text() == (
        "The lecture in this link cannot be played. View 2: “https://evil.example/phish” is not one of this app's "
        "pages. A lecture shows only this app's own pages (/convolution, /transposed, /pooling, /activation, /signal, "
        "/network), with their settings in the link.")
    assert page.locator("#view").is_hidden()
    assert page.offsite_requests == []
    problem.get_by_role("button", name="Edit this lecture").click()
    assert page.locator("#editor-views").input_value() == lines
    page.locator("#editor-views").fill("/signal Fine")
    page.get_by_role("button", name="Play this lecture").click()
    page.wait_for_function(LOADED)
    assert position(page) == "1 / 1 · Fine"


def test_the_editor_builds_a_lecture_from_the_views_on_screen(page, live_server):
    open_lecture(page, live_server, "?view=2")
    view_result(page, "13")
    page.keyboard.press("ArrowRight")
    view_result(page, "17")
    page.get_by_role("button", name="Your own lecture…").click()
    lines = page.locator("#editor-views")
    assert lines.input_value().splitlines()[1].endswith(" Cross-correlation, window by window")
    page.get_by_role("button", name="Add the view on screen, as it is now").click()
    added = lines.input_value().splitlines()[2]
    assert added.startswith("/convolution?") and "step=2" in added and "lang=" not in added
    page.get_by_label("Title of the lecture").fill("Two steps")
    lines.fill("\n".join(lines.input_value().splitlines()[1:3]))
    page.get_by_role("button", name="Play this lecture").click()
    page.wait_for_function(LOADED)
    assert position(page) == "1 / 2 · Cross-correlation, window by window"
    page.keyboard.press("n")
    wait_for_view(page, 2)
    view_result(page, "17")  # the added view, at the step it was added at
    assert "title=Two+steps" in page.url
    page.get_by_role("button", name="Your own lecture…").click()
    assert page.locator("#editor-link").input_value() == page.url.split("&view=")[0]
    page.get_by_role("button", name="Back to the built-in lecture").click()
    page.wait_for_function(LOADED)
    assert position(page).startswith("1 / 10") and "views=" not in page.url


def test_the_editor_refuses_a_line_from_elsewhere(page, live_server):
    open_lecture(page, live_server)
    page.get_by_role("button", name="Your own lecture…").click()
    page.locator("#editor-views").fill("/signal\n/convolution\nftp://example.com/x Elsewhere")
    page.get_by_role("button", name="Play this lecture").click()
    error = page.locator("#editor-problem")
    assert error.inner_text().startswith("View 3: “ftp://example.com/x” is not one of this app's pages.")
    assert page.locator("#editor").is_visible() and position(page).startswith("1 / 10")


def test_a_lecture_saved_as_a_file_opens_again(page, live_server):
    open_lecture(page, live_server)
    page.get_by_role("button", name="Your own lecture…").click()
    page.locator("#editor-views").fill("/pooling?kind=max Max\n/signal")
    page.get_by_label("Title of the lecture").fill("Filed")
    with page.expect_download() as download:
        page.get_by_role("button", name="Save as a file").click()
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved == {"title": "Filed", "views": [{"url": "/pooling?kind=max", "title": "Max"},
                                                 {"url": "/signal", "title": "Signal"}]}
    page.locator("#editor-file").set_input_files(files=[{
        "name": "filed.json", "mimeType": "application/json", "buffer": json.dumps(saved).encode()}])
    page.wait_for_function(f"document.querySelector('#position .count').textContent === '1 / 2' && {LOADED}")
    assert position(page) == "1 / 2 · Max" and page.locator("#editor").is_hidden()


@pytest.mark.parametrize("content, message", [
    (b"{not json", "“bad.json” is not a lecture file: it is not JSON."),
    (b'["/signal"]', "“bad.json” is not a lecture file: a lecture file holds {\"title\": …, \"views\": [{\"url\": …, "
                     "\"title\": …}, …]}."),
    (b'{"views": []}', "The lecture has no views."),
    (b'{"views": [{"url": "/signal"}, {"url": "/api/convolve"}]}', "View 2: “/api/convolve” is not one of this app's "
     "pages."),
])
def test_a_bad_file_is_refused_with_a_clear_message(page, live_server, content, message):
    open_lecture(page, live_server)
    page.get_by_role("button", name="Your own lecture…").click()
    page.locator("#editor-file").set_input_files(files=[{"name": "bad.json", "mimeType": "application/json",
                                                          "buffer": content}])
    error = page.locator("#editor-problem")
    error.wait_for()
    assert error.inner_text().startswith(message)
    assert position(page).startswith("1 / 10")


def test_the_lecture_runs_under_its_policy_with_nothing_refused(browser, live_server):
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # no CSP bypass here
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    response = page.goto(f"{live_server}/lecture?view=2")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.frame_locator("#view").locator("#equation .result").wait_for()
    page.keyboard.press("PageDown")
    page.keyboard.press("n")
    page.locator("#position").filter(has_text="3 / 10").wait_for()
    page.frame_locator("#view").get_by_label("convolution (kernel turned 180°)").wait_for()
    page.wait_for_load_state("networkidle")
    context.close()
    assert problems == []


def test_a_lecture_too_long_for_a_link_plays_from_its_file_and_says_so(page, live_server):
    digit = "0" * 784  # the network page's drawn digit: 784 levels
    views = [{"url": f"/network?digit={digit}&shift={i},0", "title": f"Shift {i}"} for i in range(12)]
    open_lecture(page, live_server)
    page.get_by_role("button", name="Your own lecture…").click()
    page.locator("#editor-file").set_input_files(files=[{"name": "long.json", "mimeType": "application/json",
                                                          "buffer": json.dumps({"views": views}).encode()}])
    page.wait_for_function(f"document.querySelector('#position .count').textContent === '1 / 12' && {LOADED}")
    assert "views=" not in page.url  # a link that long would not open everywhere
    page.get_by_role("button", name="Your own lecture…").click()
    assert page.locator("#editor-copied").inner_text().startswith("This lecture is too long for a link (")
    assert page.get_by_role("button", name="Copy the link").is_disabled()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_string_key_shows_through_on_the_lecture_page(page, live_server, lang):
    lines = "/signal\nhttps://example.com/ x"
    page.goto(f"{live_server}/lecture?lang={lang}&views={quote(lines)}")
    page.locator("#problem").wait_for()
    page.locator("#problem-edit").click()
    page.locator("#editor-play").click()
    page.locator("#editor-problem").wait_for()
    shown = page.evaluate("""() => [document.body.innerText, ...[...document.querySelectorAll('[aria-label], [title]')]
      .map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)].join('\\n')""")
    assert re.search(r"(?<![\w.])(page|key|nav|editor|error)\.\w", shown) is None
    assert page.console_errors == []
