// Calls to the JSON API. Every number the pages show comes through here.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

/** POST a JSON body; resolve to the parsed answer, or reject with ApiError carrying the server's sentence. */
export async function post(path, body, { signal } = {}) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  const answer = await response.json();
  if (!response.ok) throw new ApiError(response.status, answer.detail ?? response.statusText);
  return answer;
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
