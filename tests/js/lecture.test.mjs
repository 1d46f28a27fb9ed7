// A lecture's definition: which URLs may be views, the link's lines, the JSON file, and the checks
// that name the view at fault.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  LIMITS, LectureError, checkLecture, fromFile, fromLines, linkParams, ownPage, toFile, toLines, viewSource,
} from "../../static/js/pages/lecture/definition.js";

const origin = "http://127.0.0.1:8000";
const pages = { "/convolution": "Convolution", "/pooling": "Pooling", "/signal": "Signal", "/network": "Network" };
const site = { origin, pages };

/** The LectureError that `work` throws: its key and sentence variables. */
function refusal(work) {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof LectureError, String(error));
    return { key: error.key, vars: error.vars };
  }
  assert.fail("no LectureError");
}

test("a view is one of this app's pages, as a path or a URL of this origin", () => {
  assert.equal(ownPage("/convolution?in=1,2;3,4&k=1", site), "/convolution?in=1,2;3,4&k=1");
  assert.equal(ownPage(`${origin}/pooling?kind=avg`, site), "/pooling?kind=avg");
  assert.equal(ownPage("  /signal  ", site), "/signal");
  assert.equal(ownPage("/network?sample=4#sharing", site), "/network?sample=4#sharing");
});

test("a view's language and presentation mode are the lecture's: a pasted URL loses its own", () => {
  assert.equal(ownPage(`${origin}/convolution?lang=ko&in=1%2C2&present=1&step=3`, site), "/convolution?in=1%2C2&step=3");
  assert.equal(ownPage("/signal?present=1", site), "/signal");
});

test("anything from elsewhere, or not a page, is no view", () => {
  const refused = [
    "https://example.com/convolution", "//example.com/convolution", "/\\example.com/convolution",
    "javascript:alert(1)", "data:text/html,hi", "http://127.0.0.1:9000/convolution", "/api/convolve",
    "/lecture", "/", "/docs", "/convolution/../lecture", "", "   ", null, 42, `/convolution?${"x".repeat(LIMITS.url)}`,
  ];
  for (const text of refused) assert.equal(ownPage(text, site), null, String(text));
});

test("a checked lecture gives every view a title: its own, else its page's name", () => {
  const lecture = checkLecture({ title: " Mine ", views: [{ url: "/signal" }, { url: "/pooling", title: " Max " }] }, site);
  assert.deepEqual(lecture, { title: "Mine", views: [{ url: "/signal", title: "Signal" }, { url: "/pooling", title: "Max" }] });
});

test("the checks name the view at fault", () => {
  assert.deepEqual(refusal(() => checkLecture({ views: [{ url: "/signal" }, { url: "https://evil.example/x" }] }, site)),
    { key: "page.error.url", vars: { n: 2, url: "https://evil.example/x", pages: "/convolution, /pooling, /signal, /network" } });
  assert.equal(refusal(() => checkLecture({ views: [{ url: "/signal" }, "/pooling"] }, site)).key, "page.error.view");
  assert.deepEqual(refusal(() => checkLecture({ views: [{ url: "/signal", title: "x".repeat(LIMITS.title + 1) }] }, site)),
    { key: "page.error.title", vars: { n: 1, max: LIMITS.title } });
  assert.equal(refusal(() => checkLecture({ views: [{ url: "/signal", title: 7 }] }, site)).key, "page.error.title");
  assert.equal(refusal(() => checkLecture({ views: [{ url: 7 }] }, site)).vars.url, "7");
});

test("a lecture has one view at least, a limited number at most, and a short title", () => {
  assert.equal(refusal(() => checkLecture({ views: [] }, site)).key, "page.error.empty");
  const many = Array.from({ length: LIMITS.views + 1 }, () => ({ url: "/signal" }));
  assert.deepEqual(refusal(() => checkLecture({ views: many }, site)),
    { key: "page.error.many", vars: { count: LIMITS.views + 1, max: LIMITS.views } });
  assert.equal(refusal(() => checkLecture({ title: ["x"], views: [{ url: "/signal" }] }, site)).key, "page.error.name");
});

test("the link's lines: the URL, a space, the title; blank lines are skipped", () => {
  const views = [{ url: "/convolution?in=1,2;3,4", title: "Two words" }, { url: "/signal", title: "Flip" }];
  assert.equal(toLines(views), "/convolution?in=1,2;3,4 Two words\n/signal Flip");
  assert.deepEqual(fromLines("\n  /convolution?in=1,2;3,4   Two words \n\n/signal Flip\n"), views);
  assert.deepEqual(fromLines("/pooling"), [{ url: "/pooling" }]);
  assert.deepEqual(linkParams({ title: "T", views }), { views: toLines(views), title: "T" });
});

test("a file round-trips, and a bad one says what is wrong with it", () => {
  const lecture = { title: "T", views: [{ url: "/signal", title: "Flip" }] };
  assert.deepEqual(fromFile(toFile(lecture), "a.json", site), lecture);
  assert.deepEqual(refusal(() => fromFile("{views: [", "b.json", site)), { key: "page.error.json", vars: { name: "b.json" } });
  for (const text of ["[]", "null", '{"views": "/signal"}', '{"title": "T"}', "3"]) {
    assert.deepEqual(refusal(() => fromFile(text, "c.json", site)), { key: "page.error.shape", vars: { name: "c.json" } }, text);
  }
  assert.equal(refusal(() => fromFile('{"views": [{"url": "https://evil.example/"}]}', "d.json", site)).key, "page.error.url");
});

test("a view opens in the lecture's language and mode, its hash kept last", () => {
  assert.equal(viewSource("/signal", { lang: "ko", present: false }), "/signal?lang=ko");
  assert.equal(viewSource("/pooling?kind=avg", { lang: "en", present: true }), "/pooling?kind=avg&lang=en&present=1");
  assert.equal(viewSource("/network?sample=4#sharing", { lang: "en", present: true }), "/network?sample=4&lang=en&present=1#sharing");
});
