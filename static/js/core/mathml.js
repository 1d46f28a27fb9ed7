// MathML built with the DOM (never from strings): a few element makers shared by every formula.
import { fmt } from "./format.js";

const MATHML = "http://www.w3.org/1998/Math/MathML";

/** m("mfrac", a, b): a MathML element; strings become text. */
export function m(tag, ...children) {
  const element = document.createElementNS(MATHML, tag);
  for (const child of children) element.append(typeof child === "string" ? document.createTextNode(child) : child);
  return element;
}

export const mi = (text) => m("mi", text);
export const mn = (value) => m("mn", typeof value === "number" ? fmt(value) : String(value));
export const mo = (text) => m("mo", text);
export const row = (...children) => m("mrow", ...children);
