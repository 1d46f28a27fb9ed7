"""Language and presentation mode follow the reader from page to page; Korean reads and breaks as
Korean should; the network's layers and /docs speak the page's language."""

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

STRINGS = sorted((Path(__file__).resolve().parents[2] / "app/web/strings").glob("*.json"))
EXPLORERS = ["/convolution", "/transposed", "/pooling", "/activation", "/signal", "/network"]
PAGES = ["/", *EXPLORERS, "/docs"]
TOPBAR = "header.topbar"


def query(page) -> dict[str, str]:
    return {name: values[-1] for name, values in parse_qs(urlsplit(page.url).query).items()}


def bar_in_view(page) -> bool:
    return page.evaluate(f"document.querySelector('{TOPBAR}').getBoundingClientRect().bottom > 1")


def reveal_the_bar(page):
    """Presentation mode: the pointer at the top edge brings the navigation down."""
    page.mouse.move(640, 4)
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().top >= 0")


def nav_link(page, name):
    return page.get_by_role("navigation").get_by_role("link", name=name, exact=True)


# ---- 1. ?lang= and present=1 stick ------------------------------------------------------------------

def test_a_page_opened_with_lang_sets_the_cookie_so_the_next_address_is_in_that_language(page, live_server):
    page.goto(live_server + "/signal?lang=ko")
    cookie = next(c for c in page.context.cookies() if c["name"] == "lang")
    assert (cookie["value"], cookie["path"], cookie["httpOnly"]) == ("ko", "/", True)
    page.goto(live_server + "/convolution")  # typed without ?lang=
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", level=1).inner_text() == "합성곱"


def test_in_presentation_mode_the_bar_waits_above_the_stage_and_the_pointer_brings_it(page, live_server):
    page.goto(live_server + "/convolution?lang=ko&present=1")
    page.locator("#equation").wait_for()
    page.mouse.move(640, 400)  # the pointer starts wherever it was: away from the top edge
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().bottom <= 1")
    assert not bar_in_view(page)
    reveal_the_bar(page)
    nav_link(page, "풀링").click()
    page.wait_for_url("**/pooling?**")
    assert query(page)["lang"] == "ko" and query(page)["present"] == "1"
    assert page.locator("html").get_attribute("lang") == "ko"
    assert "present" in page.locator("body").get_attribute("class")
    page.mouse.move(640, 400)  # away from the top edge: the bar goes back up
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().bottom <= 1")


def test_in_presentation_mode_the_keyboard_reaches_the_navigation(page, live_server):
    page.goto(live_server + "/pooling?present=1")
    page.locator("#equation .result").wait_for()
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Signal":
            break
    assert page.evaluate("document.activeElement.closest('nav') !== null")
    page.wait_for_function(f"document.querySelector('{TOPBAR}').getBoundingClientRect().top >= 0")
    page.keyboard.press("Enter")
    page.wait_for_url("**/signal?**")
    assert query(page)["present"] == "1"
    assert "present" in page.locator("body").get_attribute("class")


def test_links_follow_presentation_mode_as_p_turns_it_on_and_off(page, live_server):
    page.goto(live_server + "/activation?lang=ko")
    page.get_by_role("heading", level=1).wait_for()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")
    reveal_the_bar(page)
    nav_link(page, "합성곱").click()
    page.wait_for_url("**/convolution?**")
    assert query(page)["present"] == "1" and query(page)["lang"] == "ko"
    page.locator("#equation").wait_for()
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("p")  # presentation mode off: the links stop asking for it
    nav_link(page, "신호").click()
    page.wait_for_url("**/signal?**")
    assert "present" not in query(page) and query(page)["lang"] == "ko"


def test_the_home_page_cards_and_brand_keep_the_language(page, live_server):
    page.goto(live_server + "/?lang=ko")
    page.locator(".explorer-cards a", has_text="신경망").click()
    page.wait_for_url("**/network?lang=ko")
    assert page.get_by_role("heading", level=1).inner_text() == "신경망"
    page.get_by_role("link", name="ConvScope", exact=True).click()
    page.wait_for_url(re.compile(r"/\?lang=ko$"))


def test_the_language_switch_keeps_the_view_and_presentation_mode(page, live_server):
    page.goto(live_server + "/pooling?size=3,3&present=1")
    page.locator("#equation .result").wait_for()
    before = query(page)
    reveal_the_bar(page)
    page.get_by_role("link", name="한국어").click()
    page.wait_for_url("**lang=ko**")
    page.locator("#equation .result").wait_for()
    assert query(page) == {**before, "lang": "ko"}
    assert page.locator("h1").text_content() == "풀링"
    assert next(c["value"] for c in page.context.cookies() if c["name"] == "lang") == "ko"


# ---- 2. Korean breaks between words; particles agree with the numbers before them ------------------

HANGUL = re.compile("[가-힣]")


def open_in_korean(page, live_server, path):
    page.goto(f"{live_server}{path}?lang=ko")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", PAGES)
def test_korean_text_keeps_its_words_whole_and_long_tokens_wrap(page, live_server, path):
    open_in_korean(page, live_server, path)
    not_keep_all = page.evaluate("""() => [...document.querySelectorAll('body *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && /[가-힣]/.test(n.data)))
      .filter((e) => getComputedStyle(e).wordBreak !== 'keep-all').map((e) => e.tagName)""")
    assert not_keep_all == []
    # The lead paragraph squeezed to a narrow column: every line break falls between words.
    lead = page.locator(".lead").first
    pairs = lead.evaluate("""(el) => {
      el.style.width = '9em';
      const pairs = [], range = document.createRange();
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let prev = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) {
          range.setStart(node, i); range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          if (prev && rect.top > prev.top + 2) pairs.push(prev.ch + node.data[i]);
          prev = { ch: node.data[i], top: rect.top };
        }
      }
      return pairs;
    }""")
    assert len(pairs) >= 3  # it did wrap
    assert [pair for pair in pairs if HANGUL.fullmatch(pair[0]) and HANGUL.fullmatch(pair[1])] == []
    long_token = "conv_transpose2d" * 6
    overflow = lead.evaluate("(el, token) => { el.append(' ' + token); return el.scrollWidth - el.clientWidth; }",
                             long_token)
    assert overflow <= 0


# Which particle a number takes depends on how it is read: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in
# a consonant (and so do 10, 100, 1000: 십, 백, 천); 2 이, 4 사, 5 오, 9 구 end in a vowel.
ENDS_IN_CONSONANT = set("013678")
ENDS_IN_RIEUL = set("178")  # ㄹ takes 로, not 으로
PARTICLES = {"이": True, "가": False, "을": True, "를": False, "은": True, "는": False, "과": True, "와": False}
NUMBER_PARTICLE = re.compile(r"[\d.,]*(\d)(으로|로|이|가|을|를|은|는|과|와)(?![가-힣])")


def particle_errors(text: str) -> list[str]:
    """Every number + particle whose particle does not fit the number's last sound ("0가")."""
    errors = []
    for match in NUMBER_PARTICLE.finditer(text):
        digit, particle = match.groups()
        consonant = digit in ENDS_IN_CONSONANT
        if particle in ("으로", "로"):
            wrong = (particle == "으로") != (consonant and digit not in ENDS_IN_RIEUL)
        else:
            wrong = PARTICLES[particle] != consonant
        if wrong:
            errors.append(match.group(0))
    return errors


def test_the_particle_check_knows_right_from_wrong():
    assert particle_errors("넓이 0가 아니라 2가 되고, 1로 나누고 3으로 곱하며 13이 남고 0.5를 뺍니다") == ["0가"]
    assert particle_errors("기울기가 1이라서 2이면 10을 9와 7과") == []
    assert particle_errors("6로 옮기고 2을 더하고 8으로") == ["6로", "2을", "8으로"]


def test_no_korean_string_puts_a_particle_right_after_a_number_it_is_given():
    """A {placeholder} that stands for a number must not carry 이/가-style particles: no one form fits
    every number. {where} is a place ("출력 0행 0열"), always ending in 열."""
    words = {"where"}
    found = []
    for path in STRINGS:
        for key, text in json.loads(path.read_text(encoding="utf-8"))["ko"].items():
            for name in re.findall(r"\{(\w+)\}(?:으로|로|이|가|을|를|은|는|과|와)(?![가-힣])", text):
                if name not in words:
                    found.append(f"{path.stem}:{key}: {{{name}}}")
    assert found == []


@pytest.mark.parametrize("path", EXPLORERS)
def test_every_step_of_a_korean_page_has_its_particles_right(page, live_server, path):
    page.goto(f"{live_server}{path}?lang=ko{'&sample=3&map=1,2' if path == '/network' else ''}")
    page.wait_for_load_state("networkidle")
    page.locator("body").click(position={"x": 5, "y": 300})
    texts = []
    for key in ["Home", *["ArrowRight"] * 6, "End", "ArrowLeft"]:
        page.keyboard.press(key)
        page.wait_for_load_state("networkidle")
        texts.append(page.evaluate("""() => [document.body.innerText, document.getElementById('live').textContent,
          ...[...document.querySelectorAll('[aria-label], [title]')]
            .map((e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`)].join('\\n')"""))
    shown = "\n".join(texts)
    assert HANGUL.search(shown)
    assert particle_errors(shown) == []
    assert page.console_errors == []


# ---- 3. The network's layers and units in Korean ---------------------------------------------------

def test_the_network_names_its_layers_and_units_in_korean(page, live_server):
    page.goto(live_server + "/network?lang=ko&sample=0")
    page.get_by_test_id("prediction").wait_for()
    heads = page.locator(".column-head strong").all_inner_texts()
    assert heads == ["입력", "합성곱 1", "ReLU 1", "최대 풀링 1", "합성곱 2", "ReLU 2", "최대 풀링 2", "평탄화",
                     "완전 연결", "소프트맥스"]
    conv1 = page.locator(".column-head").nth(1).inner_text()
    assert "매개변수 80개" in conv1 and "곱셈·덧셈" in conv1
    columns = page.locator(".network").inner_text()
    assert not re.search(r"params|mult-adds|conv1|pool1|flatten|dense|softmax", columns)
    page.get_by_test_id("map-conv1-2").click()
    assert page.locator("#detail-title").inner_text() == "합성곱 1의 3번 맵"
    assert page.get_by_test_id("map-conv1-2").get_attribute("aria-label").startswith("합성곱 1의 3번 맵")


# ---- 4. Korean fonts that every system has --------------------------------------------------------

def test_the_font_stack_names_the_korean_fonts_of_windows_macos_and_linux(page, live_server):
    page.goto(live_server + "/?lang=ko")
    families = page.evaluate("getComputedStyle(document.body).fontFamily")
    for name in ["Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans KR", "Noto Sans CJK KR", "NanumGothic"]:
        assert f'"{name}"' in families or name in families.split(", "), name
    assert families.endswith("sans-serif")
    assert page.offsite_requests == []  # no font is fetched: the system's own are used


# ---- 5. /docs in the page's language, with a way back ---------------------------------------------

def test_docs_follow_the_language_and_lead_back_to_the_app(page, live_server):
    page.goto(live_server + "/convolution?lang=ko")
    nav_link(page, "API 문서").click()
    page.wait_for_url("**/docs?lang=ko")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.title().startswith("API 문서")
    assert page.locator(".docs-head .lead").inner_text().startswith("JSON API의 모든 엔드포인트")
    assert nav_link(page, "API 문서").get_attribute("aria-current") == "page"
    page.get_by_text("/api/convolve").first.wait_for()  # Swagger UI still runs inside the frame
    page.get_by_role("link", name="ConvScope로 돌아가기").click()
    page.wait_for_url(re.compile(r"/\?lang=ko$"))
    assert page.get_by_role("heading", level=1).inner_text() == "합성곱 신경망이 하는 일을 눈으로 보세요"
    assert page.console_errors == [] and page.offsite_requests == []


def test_docs_in_english_by_default(page, live_server):
    page.goto(live_server + "/docs")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.title() == "API reference · ConvScope"
    back = page.get_by_role("link", name="Back to ConvScope")
    assert back.get_attribute("href") == "/"
