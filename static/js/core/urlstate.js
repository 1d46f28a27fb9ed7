// A page's state in the URL (replaceState, no history spam), so a copied link reopens the same view.

export function readParams() {
  return new URLSearchParams(window.location.search);
}

/** Replace the page's own parameters (present among them: each page writes it); lang is kept as it is. */
export function writeParams(entries) {
  const url = new URL(window.location.href);
  const keep = ["lang"];
  const params = new URLSearchParams();
  for (const key of keep) if (url.searchParams.has(key)) params.set(key, url.searchParams.get(key));
  for (const [key, value] of Object.entries(entries)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  url.search = params.toString();
  window.history.replaceState(null, "", url);
}

/** "2,3" -> [2, 3] and "2" -> [2, 2], integers within [low, high]; null for anything else. */
export function readPair(text, low, high) {
  if (!text) return null;
  const parts = text.split(",").map(Number);
  if (parts.length === 1) parts.push(parts[0]);
  return parts.length === 2 && parts.every((v) => Number.isInteger(v) && v >= low && v <= high) ? parts : null;
}

/** "1,2,3;4,5,6" <-> [[1,2,3],[4,5,6]] (and "|" between channels for 3-D arrays). */
export function encodeMatrix(rows) {
  return rows.map((row) => row.join(",")).join(";");
}

export function decodeMatrix(text) {
  if (!text) return null;
  const rows = text.split(";").map((row) => row.split(",").map(Number));
  const width = rows[0].length;
  const ok = rows.every((row) => row.length === width && row.every(Number.isFinite));
  return ok ? rows : null;
}

export function encodeStack(stack) {
  return stack.map(encodeMatrix).join("|");
}

export function decodeStack(text) {
  if (!text) return null;
  const stack = text.split("|").map(decodeMatrix);
  return stack.every(Boolean) ? stack : null;
}
