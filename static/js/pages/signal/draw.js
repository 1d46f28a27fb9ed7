// Drawing a function on the top plot with a mouse, a finger or a pen (pointer events).
import { DRAW_RANGE, N, nearest } from "./functions.js";

/**
 * target(): null when nothing is being drawn, else store(j, y) that keeps the value drawn over τ sample j.
 * onStroke() runs after every change. Between two pointer positions every sample is filled in, so a fast
 * stroke leaves no gaps.
 */
export function bindDrawing(svg, plot, { target, onStroke }) {
  let last = null;
  let store = null;

  const at = (event) => {
    const box = svg.getBoundingClientRect();
    const { x, y } = plot.invert(event.clientX - box.left, event.clientY - box.top);
    return { j: nearest(x), y: Math.min(DRAW_RANGE[1], Math.max(DRAW_RANGE[0], y)) };
  };

  const paint = (from, to) => {
    const span = Math.abs(to.j - from.j);
    const direction = Math.sign(to.j - from.j);
    for (let k = 0; k <= span; k++) {
      const j = from.j + direction * k;
      const y = span ? from.y + ((to.y - from.y) * k) / span : to.y;
      if (j >= 0 && j < N) store(j, Math.round(y * 100) / 100);
    }
    onStroke();
  };

  svg.addEventListener("pointerdown", (event) => {
    if (event.button > 0) return;
    store = target();
    if (!store) return;
    event.preventDefault();
    svg.setPointerCapture(event.pointerId);
    last = at(event);
    paint(last, last);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!last) return;
    const next = at(event);
    paint(last, next);
    last = next;
  });
  const end = () => { last = null; };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
}
