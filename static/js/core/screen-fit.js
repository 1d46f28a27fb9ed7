// Two facts the presented pages keep themselves on one screen with: whether the page is taller than the
// screen, and a call once the layout has settled after any change of size.

/** Whether the page scrolls down: it is taller than the screen. */
export function overflowsScreen() {
  return document.scrollingElement.scrollHeight > innerHeight + 0.5;
}

/** Call `callback` in the next frame after the page or the window changes size, once however many changes
 * came: a change made inside a ResizeObserver callback would be reported again. */
export function afterLayoutChanges(callback) {
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; callback(); });
  };
  new ResizeObserver(schedule).observe(document.body);
  addEventListener("resize", schedule);
}
