// Calls to the JSON API. Every number the pages show comes through here.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/** GET a JSON answer; rejects as post() does. */
export function get(path) {
  return send(path, {});
}

/** POST a JSON body; resolve to the parsed answer, or reject with ApiError carrying the server's sentence. */
export function post(path, body, { signal } = {}) {
  return send(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
}

/** POST a file (an image) as it is, under its own content type; answers as post() does. */
export function postFile(path, file) {
  return send(path, { method: "POST", headers: { "content-type": file.type || "image/png" }, body: file });
}

/** PUT a text body (one item a line); answers as post() does. */
export function putText(path, text) {
  return send(path, { method: "PUT", headers: { "content-type": "text/plain; charset=utf-8" }, body: text });
}

async function send(path, request) {
  const response = await fetch(path, request);
  if (!response.ok) throw new ApiError(response.status, await detailOf(response));
  return response.json();
}

/** The server's sentence from its JSON error body; the status line for any other body (a proxy's
 * HTML page, a plain-text crash), which must not surface as a JSON SyntaxError. */
async function detailOf(response) {
  return detailIn(await response.text(), response);
}

/** The sentence in an error body's text, or {status, statusText}'s status line (an upload's XHR too). */
export function detailIn(text, { status, statusText }) {
  try {
    const { detail } = JSON.parse(text);
    if (typeof detail === "string") return detail;
  } catch {
    // not JSON: the status line below says what little is known
  }
  return `${status} ${statusText}`.trim();
}

/** The latest-wins wrapper: a new call aborts the one still in flight, so slow answers never overwrite new ones. */
export function latest(path) {
  let controller = null;
  return async (body) => {
    controller?.abort();
    controller = new AbortController();
    return post(path, body, { signal: controller.signal });
  };
}
