// API calls: answers, the server's error sentence, and error bodies that are not JSON at all.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { ApiError, get, latest, post, postFile } from "../../static/js/core/api.js";

const realFetch = globalThis.fetch;
const sent = [];

/** fetch answers with `response` and records each request. */
function answer(response) {
  globalThis.fetch = async (path, request) => {
    sent.push({ path, request });
    return response;
  };
}

afterEach(() => {
  globalThis.fetch = realFetch;
  sent.length = 0;
});

test("post sends JSON and resolves to the parsed answer", async () => {
  answer(new Response('{"output": [[13]]}', { status: 200, headers: { "content-type": "application/json" } }));
  assert.deepEqual(await post("/api/convolve", { input: [[1]] }), { output: [[13]] });
  assert.equal(sent[0].request.method, "POST");
  assert.equal(sent[0].request.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(sent[0].request.body), { input: [[1]] });
});

test("a JSON error body rejects with its sentence", async () => {
  const body = '{"detail": "kernel must be at most 7×7"}';
  answer(new Response(body, { status: 422, statusText: "Unprocessable Entity" }));
  await assert.rejects(post("/api/convolve", {}), (error) => {
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 422);
    assert.equal(error.detail, "kernel must be at most 7×7");
    assert.equal(error.message, "kernel must be at most 7×7");
    return true;
  });
});

test("an error body that is not JSON rejects with ApiError and the status line, not a SyntaxError", async () => {
  for (const body of ["Internal Server Error", "<html><body>502 Bad Gateway</body></html>", ""]) {
    answer(new Response(body, { status: 502, statusText: "Bad Gateway" }));
    await assert.rejects(post("/api/convolve", {}), (error) => {
      assert.ok(error instanceof ApiError, `${error.name} for ${JSON.stringify(body)}`);
      assert.equal(error.status, 502);
      assert.equal(error.detail, "502 Bad Gateway");
      return true;
    });
  }
});

test("a JSON error body without a sentence falls back to the status line", async () => {
  answer(new Response('{"error": "?"}', { status: 500, statusText: "Internal Server Error" }));
  await assert.rejects(post("/api/pool", {}), { name: "Error", detail: "500 Internal Server Error" });
});

test("postFile sends the file under its own type", async () => {
  answer(new Response('{"prediction": 3}', { status: 200 }));
  const file = new Blob([new Uint8Array([137, 80])], { type: "image/webp" });
  assert.deepEqual(await postFile("/api/models/m/forward", file), { prediction: 3 });
  assert.equal(sent[0].request.headers["content-type"], "image/webp");
  assert.equal(sent[0].request.body, file);
});

test("latest aborts the call still in flight when a new one starts", async () => {
  globalThis.fetch = (path, request) => new Promise((resolve, reject) => {
    sent.push(request);
    request.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
    if (sent.length === 2) resolve(new Response('{"n": 2}', { status: 200 }));
  });
  const call = latest("/api/convolve");
  const first = call({ n: 1 });
  const second = call({ n: 2 });
  await assert.rejects(first, { name: "AbortError" });
  assert.deepEqual(await second, { n: 2 });
});

test("get resolves to the answer, and a 404 rejects with the server's sentence", async () => {
  answer(new Response('{"name": "mnist_cnn"}', { status: 200 }));
  assert.deepEqual(await get("/api/models/mnist_cnn"), { name: "mnist_cnn" });
  answer(new Response('{"detail": "there is no model named \\"x\\""}', { status: 404 }));
  await assert.rejects(get("/api/models/x"), (error) => error instanceof ApiError && error.status === 404
    && error.detail === 'there is no model named "x"');
});
