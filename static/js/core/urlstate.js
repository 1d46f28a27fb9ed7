// A page's state in the URL (replaceState, no history spam), so a copied link reopens the same view.

// The URL's step counts from 1, as the player's label does ("step 3 / 4" is step=3); pages count
// from 0, so the step is translated here, on its way in and out. Links written before counted from
// 0 as well: they still open, one step earlier than they meant (their step=0 opens the first step),
// since nothing in such a link tells the two countings apart.
const STEP = "step";

/** The URL's step (1 = the first) as a page's step (0 = the first); anything else stays as it is. */
export function stepFromUrl(text) {
  const step = Number(text);
  return text !== "" && Number.isInteger(step) && step >= 1 ? String(step - 1) : text;
}

/** A page's step (0 = the first) as the URL writes it (1 = the first); "" (no step) stays "". */
export function stepToUrl(step) {
  return step === "" || step === null || step === undefined ? step : String(Number(step) + 1);
}

/** The page's parameters, its step counted from 0. */
export function readParams() {
  const params = new URLSearchParams(window.location.search);
  if (params.has(STEP)) params.set(STEP, stepFromUrl(params.get(STEP)));
  return params;
}

/** Replace the page's own parameters (present among them: each page writes it); lang is kept as it is.
 * A step is counted from 0 here and written counted from 1. */
export function writeParams(entries) {
  const url = new URL(window.location.href);
  const keep = ["lang"];
  const params = new URLSearchParams();
  for (const key of keep) if (url.searchParams.has(key)) params.set(key, url.searchParams.get(key));
  for (const [key, given] of Object.entries(entries)) {
    const value = key === STEP ? stepToUrl(given) : given;
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  url.search = params.toString();
  window.history.replaceState(null, "", url);
}

/** The modes every explorer's URL keeps: present=1 (presentation mode), predict=1 (predict mode). */
export function modeParams({ present = false, predict = false }) {
  return { present: present ? "1" : "", predict: predict ? "1" : "" };
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
