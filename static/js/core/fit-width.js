// A line that must be read whole (a formula) in a column narrower than it: its type is made smaller,
// down to a floor, rather than its end hidden past the column's edge.

/** Shrink element's font until its content fits its width, to no less than `smallest` of its own size;
 * -> the share of its size the content needed (1: it fitted as it was; below `smallest`: it does not
 * fit even at the floor). Type does not shrink quite in proportion (scripts keep a floor of their own,
 * glyphs snap to pixels), so the size is measured again, up to eight times. */
export function fitWidth(element, smallest = 0.6) {
  element.style.fontSize = "";
  const size = parseFloat(getComputedStyle(element).fontSize);
  let share = 1;
  for (let attempt = 0; attempt < 8; attempt++) {
    const { scrollWidth, clientWidth } = element;
    if (!clientWidth || scrollWidth <= clientWidth) return share;
    share *= (clientWidth / scrollWidth) * 0.99;
    if (share < smallest) {
      element.style.fontSize = `${size * smallest}px`;
      return share;
    }
    element.style.fontSize = `${size * share}px`;
  }
  return share;
}
