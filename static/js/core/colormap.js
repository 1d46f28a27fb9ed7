// Colour scales: diverging (signed values, white at zero) and sequential (magnitudes), with legends.
import { fmt } from "./format.js";

// Diverging blue–white–red (ColorBrewer RdBu, reversed) and sequential light-to-dark blue-green
// (ColorBrewer GnBu): both perceptually ordered, and neither uses the yellow of the highlight.
const DIVERGING = [[33, 102, 172], [103, 169, 207], [209, 229, 240], [247, 247, 247], [253, 219, 199], [239, 138, 98], [178, 24, 43]];
const SEQUENTIAL = [[247, 252, 240], [204, 235, 197], [123, 204, 196], [43, 140, 190], [8, 64, 129]];

function interpolate(stops, t) {
  const x = Math.min(1, Math.max(0, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return stops[i].map((channel, k) => Math.round(channel + (stops[i + 1][k] - channel) * f));
}

/** [min, max, count] of the finite values. An indexed loop: iterators over typed arrays of a
 * million values are several times slower. */
export function rangeOf(values) {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v !== 0) continue; // NaN or ±Infinity
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max, count];
}

/** A scale spanning the finite values: diverging around 0 when any is negative, sequential otherwise. */
export function scaleFor(values) {
  const [min, max] = rangeOf(values);
  return scaleBetween(min, max);
}

/** A scale from min to max (values beyond them take the end colours); [0, 1] when they are not finite. */
export function scaleBetween(min, max) {
  if (!Number.isFinite(min)) [min, max] = [0, 1];
  if (min < 0) {
    const bound = Math.max(Math.abs(min), Math.abs(max)) || 1;
    return { kind: "diverging", min, max, color: (v) => interpolate(DIVERGING, (v / bound + 1) / 2) };
  }
  const span = max - min || 1;
  return { kind: "sequential", min, max, color: (v) => interpolate(SEQUENTIAL, (v - min) / span) };
}

export function css([r, g, b]) {
  return `rgb(${r} ${g} ${b})`;
}

const AA_CONTRAST = 4.5;
const DARK_INK = "#0f172a";
const DARK_INK_LUMINANCE = relativeLuminance([15, 23, 42]);

/** Dark text on light colours, light text on dark ones, at WCAG AA contrast (4.5:1) or better. */
export function inkFor(colour) {
  // the page's dark ink where it reaches AA contrast; otherwise white or black, whichever contrasts
  // more (around the middle of a colour map only pure black still reaches AA)
  const background = relativeLuminance(colour);
  if (contrastRatio(background, DARK_INK_LUMINANCE) >= AA_CONTRAST) return DARK_INK;
  return contrastRatio(background, 1) >= contrastRatio(background, 0) ? "#ffffff" : "#000000";
}

function contrastRatio(luminanceA, luminanceB) {
  return (Math.max(luminanceA, luminanceB) + 0.05) / (Math.min(luminanceA, luminanceB) + 0.05);
}

/** WCAG relative luminance of an sRGB colour [r, g, b] in 0..255. */
function relativeLuminance([r, g, b]) {
  const linear = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** A legend: a gradient bar between the scale's min and max, with both numbers written out. */
export function renderLegend(element, scale) {
  const stops = Array.from({ length: 11 }, (_, i) => {
    const v = scale.min + ((scale.max - scale.min) * i) / 10;
    return `${css(scale.color(v))} ${i * 10}%`;
  });
  element.replaceChildren();
  const min = document.createElement("span");
  min.textContent = fmt(scale.min);
  const bar = document.createElement("span");
  bar.className = "legend-bar";
  bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
  const max = document.createElement("span");
  max.textContent = fmt(scale.max);
  element.append(min, bar, max);
}
