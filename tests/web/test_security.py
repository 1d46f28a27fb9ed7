"""Every page works under its Content-Security-Policy: nothing inline, nothing from elsewhere."""

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/convolution", "/convolution?src=digit-3", "/transposed", "/pooling", "/activation", "/signal",
         "/network", "/docs", "/convolution?lang=ko"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_runs_with_nothing_refused_by_its_policy(browser, live_server, path):
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # no CSP bypass here
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    response = page.goto(live_server + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("ArrowRight")  # a step: new marks, new equation
    page.wait_for_load_state("networkidle")
    shown = page.evaluate("() => document.body.innerText.length")
    context.close()
    assert problems == [] and shown > 200


def test_docs_render_the_operations_under_the_policy(browser, live_server):
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(live_server + "/docs")
    page.get_by_text("/api/convolve").first.wait_for()
    context.close()
    assert problems == []
