// A convolution step's arithmetic from a trace: one product per kernel cell, per channel, then the sum.
import { fmt, readNumber } from "./format.js";
import { t } from "./i18n.js";

/** A <span> with a class, its text and data attributes (the pieces of an equation). */
export function span(className, text, data = {}) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  Object.assign(element.dataset, data);
  return element;
}

/** " = result" as nodes to append, the equals sign and the result on one line: a long equation may wrap
 * before the "=", never between it and its result. */
export function equalsResult(result) {
  const end = span("eq-end", "");
  end.append(span("op", "= "), result);
  return [document.createTextNode(" "), end];
}

/** The input channels filter f reads, as [first, count]: its group's C/groups channels (all C without groups). */
export function channelsOf(trace, f) {
  const groups = trace.groups ?? 1;
  const count = trace.kernel[f].length; // C/groups slices per filter
  const group = Math.floor((f * groups) / trace.kernel.length);
  return [group * count, count];
}

/** One channel's products "(1×1) + (2×1) + …" as spans that know their kernel cell. */
function products(values, kernel, c) {
  const parts = [];
  values.forEach((row, m) => row.forEach((value, n) => {
    if (parts.length) parts.push(span("op", " + "));
    parts.push(span("term", `(${fmt(value)}×${fmt(kernel[m][n])})`, { c, m, n }));
  }));
  return parts;
}

/**
 * Render step s of a trace into `element`; return the same arithmetic as one plain sentence.
 * ask: predict mode's answer box, which takes the result's place; the sums on the way ("?") and the
 * sentence's value ("?") are hidden with it.
 */
export function renderEquation(element, trace, s, { ask = null } = {}) {
  const [f, i, j] = trace.cell[s];
  const values = trace.values[s]; // C/groups × kh × kw
  const kernel = trace.kernel[f]; // C/groups × kh × kw
  const [first] = channelsOf(trace, f);
  const bias = trace.bias[s];
  const value = ask ? "?" : fmt(trace.value[s]);
  const partial = (c) => span("partial", ask ? "?" : fmt(trace.channel_sums[s][c]));
  const result = () => ask ?? span("result", value);
  element.replaceChildren();
  const biasText = bias !== 0 ? ` + ${fmt(bias)}` : "";
  if (values.length === 1) {
    const line = document.createElement("div");
    line.className = "eq-line";
    line.append(...products(values[0], kernel[0], 0));
    if (bias !== 0) line.append(span("op", " + "), span("bias", fmt(bias)));
    line.append(...equalsResult(result()));
    element.append(line);
  } else {
    values.forEach((channel, c) => {
      const line = document.createElement("div");
      line.className = "eq-line channel";
      line.append(span("label", `${t("equation.channel", { c: first + c + 1 })}: `), ...products(channel, kernel[c], c),
        span("op", " = "), partial(c));
      element.append(line);
    });
    const total = document.createElement("div");
    total.className = "eq-line total";
    total.append(span("label", `${t("equation.total")}: `));
    trace.channel_sums[s].forEach((_, c) => {
      if (c) total.append(span("op", " + "));
      total.append(partial(c));
    });
    if (bias !== 0) total.append(span("op", " + "), span("bias", fmt(bias)));
    total.append(...equalsResult(result()));
    element.append(total);
  }
  const terms = values.flatMap((channel, c) => channel.flatMap((row, m) =>
    row.map((v, n) => `${fmt(v)}×${fmt(kernel[c][m][n])}`)));
  return t("equation.live", { row: i, col: j, terms: terms.join(" + ") + biasText, value });
}

/** Step s's sum worked out from its numbers as the equation writes them (rounded): what a student
 * who reads them gets, which predict mode also accepts. */
export function sumAsWritten(trace, s) {
  const written = (value) => readNumber(fmt(value));
  const kernel = trace.kernel[trace.cell[s][0]]; // C × kh × kw
  let total = written(trace.bias[s]);
  trace.values[s].forEach((channel, c) => channel.forEach((row, m) => row.forEach((value, n) => {
    total += written(value) * written(kernel[c][m][n]);
  })));
  return total;
}
