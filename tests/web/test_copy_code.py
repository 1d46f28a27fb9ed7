"""The Copy button of the Copy as PyTorch panel, on both pages that have one: the code on the clipboard."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/convolution", "/pooling"])
def test_copy_puts_the_panels_code_on_the_clipboard(page, live_server, path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.goto(f"{live_server}{path}")
    page.locator("#equation .result").wait_for()
    page.locator("details.pytorch summary").click()
    page.get_by_role("button", name="Copy").click()
    page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.locator("#pytorch-code").inner_text() and "torch" in copied
    assert page.console_errors == []
