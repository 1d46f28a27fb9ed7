// A line that must be read whole (a formula) in a column narrower than it: its type is made smaller,
// down to a floor, rather than its end hidden past the column's edge.

/** Shrink element's font until its content fits its width, to no less than `smallest` of its own size;
 * -> the share of its size the content needed (1: it fitted as it was). */
export function fitWidth(element, smallest = 0.6) {
  element.style.fontSize = "";
  const { scrollWidth, clientWidth } = element;
  if (!clientWidth || scrollWidth <= clientWidth) return 1;
  const needed = (clientWidth / scrollWidth) * 0.98; // type does not shrink quite in proportion
  const size = parseFloat(getComputedStyle(element).fontSize);
  element.style.fontSize = `${size * Math.max(smallest, needed)}px`;
  return needed;
}
