// Predict mode's judge: is a typed answer the value, allowing for rounding? Pure, for node's tests.
import { fmt, readNumber } from "./format.js";

/**
 * Whether `text` is `truth` rounded to the decimals typed: "3.8" and "3.75" for 3.75, "13" for 13.
 * A value that is not whole (as the page writes it) needs at least one decimal, so "4" is not 3.75.
 * -> "right", "wrong", "decimals" (whole number for a fraction) or "number" (not a number).
 */
export function judge(text, truth) {
  const value = readNumber(text);
  if (Number.isNaN(value)) return "number";
  const decimals = (text.trim().replace(",", ".").split(".")[1] ?? "").length;
  const whole = !fmt(truth).includes(".");
  if (!whole && decimals === 0) return Math.abs(value - truth) < 0.5 ? "decimals" : "wrong";
  // half a unit in the last place typed, and a hair more for binary fractions (0.15 is 0.1499…)
  const tolerance = 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(truth));
  return Math.abs(value - truth) <= tolerance ? "right" : "wrong";
}
