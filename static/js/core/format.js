// Numbers for reading: integers stay integers, others get 2–3 significant decimals, and a
// negative number gets a true minus sign (−), which is wider and clearer on a projector than "-".
export function fmt(value) {
  if (value === null || value === undefined) return "−∞"; // JSON's null stands for max pooling's −∞ padding
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return "0";
  const text = Number.isInteger(value) ? String(value)
    : String(Number(Math.abs(value) >= 100 ? value.toFixed(1) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(3)));
  return text.replace("-", "−");
}

/** A number as fmt writes it or a person types it: a true minus (−) and a decimal comma are read;
 * NaN for anything that is not one number. */
export function readNumber(text) {
  const clean = text.trim().replace(/−/g, "-").replace(",", ".");
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(clean) ? Number(clean) : NaN;
}
