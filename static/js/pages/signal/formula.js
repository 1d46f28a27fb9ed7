// The definitions in MathML, and the same sums with the current t and the API's value put in.
import { fmt } from "../../core/format.js";
import { m, mi, mn, mo } from "../../core/mathml.js";

const call = (name, ...argument) => [mi(name), mo("("), ...argument, mo(")")];

/** "(f∗g)(t)" with the operator ∗ (convolution) or ⋆ (cross-correlation) and t a symbol or a number. */
function lhs(op, at) {
  return [mo("("), mi("f"), mo(op), mi("g"), mo(")"), mo("("), at, mo(")")];
}

/** g's argument: t − τ when flipped, τ − t when only slid. t is a symbol or a number (written τⱼ + 0.2, not τⱼ − −0.2). */
function shifted(flip, t, tau) {
  if (flip) return [t(), mo("−"), tau()];
  const text = t().textContent;
  return text.startsWith("−") ? [tau(), mo("+"), mn(text.slice(1))] : [tau(), mo("−"), t()];
}

function upright(text) {
  const element = mi(text);
  element.setAttribute("mathvariant", "normal");
  return element;
}

/** (f∗g)(t) = ∫ f(τ) g(t − τ) dτ, or with ⋆ and g(τ − t) for the cross-correlation. */
export function definition(flip) {
  const op = flip ? "∗" : "⋆";
  const integral = m("msubsup", mo("∫"), m("mrow", mo("−"), mi("∞")), mi("∞"));
  return m("mrow", ...lhs(op, mi("t")), mo("="), integral, ...call("f", mi("τ")),
    ...call("g", ...shifted(flip, () => mi("t"), () => mi("τ"))), upright("d"), mi("τ"));
}

/** (f∗g)(0.4) ≈ Σⱼ f(τⱼ) g(0.4 − τⱼ) Δτ = value, the value's <mn> carrying `id` for tests and readers. */
function atNow(flip, tText, value, id) {
  const op = flip ? "∗" : "⋆";
  const tau = () => m("msub", mi("τ"), mi("j"));
  const tNumber = () => mn(tText);
  const result = mn(fmt(value));
  result.id = id;
  result.setAttribute("class", "value");
  return m("mrow", ...lhs(op, tNumber()), mo("≈"), m("munder", mo("∑"), mi("j")),
    ...call("f", tau()), ...call("g", ...shifted(flip, tNumber, tau)), upright("Δ"), mi("τ"), mo("="), result);
}

function math(row, className) {
  const element = m("math", row);
  element.setAttribute("class", className);
  return element;
}

/** One row per operation: its definition, then the sum with this t and the value; the element lays them out. */
export function renderFormula(element, { t, conv, xcorr }) {
  const tText = fmt(t);
  const parts = [math(definition(true), "conv"), math(atNow(true, tText, conv, "value-conv"), "conv")];
  if (xcorr !== null) {
    parts.push(math(definition(false), "xcorr"), math(atNow(false, tText, xcorr, "value-xcorr"), "xcorr"));
  }
  element.replaceChildren(...parts);
}
