// Links carry ?lang= and present=1 to the app's other pages, and leave every other link alone.
import assert from "node:assert/strict";
import { test } from "node:test";

import { carry, inLanguage, isAppPage, passedOn } from "../../static/js/core/links.js";

const HERE = "http://host:8000/convolution?lang=ko&present=1&step=3";

test("a page passes on the language its URL chose, and presentation mode while it presents", () => {
  assert.deepEqual(passedOn("?lang=ko&step=3", "ko", false), { lang: "ko" });
  assert.deepEqual(passedOn("?lang=ko", "ko", true), { lang: "ko", present: "1" });
  assert.deepEqual(passedOn("?present=1", "en", false), { present: "1" });  // a page without the mode
  assert.deepEqual(passedOn("", "en", false), {});
  assert.deepEqual(passedOn("?lang=fr", "en", false), {});  // the server fell back: nothing chosen
});

test("a link to another page gets the parameters, root-relative, its own kept", () => {
  const passed = { lang: "ko", present: "1" };
  assert.equal(carry("/pooling", HERE, passed), "/pooling?lang=ko&present=1");
  assert.equal(carry("/", HERE, passed), "/?lang=ko&present=1");
  assert.equal(carry("/signal?ex=wave", HERE, passed), "/signal?ex=wave&lang=ko&present=1");
  assert.equal(carry("/docs?lang=en", HERE, { lang: "ko" }), "/docs?lang=ko");
  assert.equal(carry("/network", HERE, {}), "/network");
});

test("fragments of this page, files and other sites are left as they are", () => {
  const passed = { lang: "ko" };
  for (const href of ["#main", "/openapi.json", "/static/css/base.css", "https://pytorch.org/docs", "mailto:a@b.c"]) {
    assert.equal(carry(href, HERE, passed), href, href);
  }
  assert.equal(isAppPage(new URL("/convolution#main", "http://host:8000/pooling"), new URL("http://host:8000/pooling")), true);
});

test("the language switch keeps the whole view, presentation mode and state included", () => {
  assert.equal(inLanguage(HERE, "en"), "/convolution?lang=en&present=1&step=3");
  assert.equal(inLanguage("http://host:8000/signal", "ko"), "/signal?lang=ko");
});
