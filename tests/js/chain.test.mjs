// "Continue with this output" writes the next page's address: the numbers exactly, lang and present kept.
import assert from "node:assert/strict";
import { test } from "node:test";

import { continueUrl } from "../../static/js/core/chain.js";
import { decodeMatrix, encodeMatrix } from "../../static/js/core/urlstate.js";

const HERE = "http://host:8000/convolution?in=1,2;3,4&b=-20&lang=ko&present=1&step=3";

test("the next page gets its input, the chosen language and presentation mode, and nothing else of this page", () => {
  const url = continueUrl("/activation", { f: "relu", map: "-7,-3;5,9" }, HERE, "ko", true);
  assert.equal(url, "/activation?f=relu&map=-7%2C-3%3B5%2C9&lang=ko&present=1");
});

test("a language the URL did not choose and a page not presenting are not passed on", () => {
  const url = continueUrl("/pooling", { in: "0,0;5,9" }, "http://host:8000/activation?map=1", "en", false);
  assert.equal(url, "/pooling?in=0%2C0%3B5%2C9");
});

test("the API's numbers survive the address exactly", () => {
  const rows = [[0.30000000000000004, -1e-7, 0.8413447460685429], [1e21, -0, 123456.789]];
  const url = new URL(continueUrl("/pooling", { in: encodeMatrix(rows) }, HERE, "ko", false), HERE);
  const back = decodeMatrix(url.searchParams.get("in"));
  assert.deepEqual(back.flat().map(String), rows.flat().map(String));
});
