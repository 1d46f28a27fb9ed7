// The lecture's bar: where we are ("3 / 10 · ReLU") and a progress track, one segment per view.
import { t } from "../../core/i18n.js";

/** One segment (a button) per view in `list`; pick(index) when one is pressed. */
export function buildProgress(list, views, pick) {
  list.replaceChildren(...views.map((view, index) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    const label = t("page.goto", { n: index + 1, title: view.title });
    button.setAttribute("aria-label", label);
    button.title = label;
    button.addEventListener("click", () => pick(index));
    item.append(button);
    return item;
  }));
}

/** Mark the views seen and the one on screen; write the position. */
export function showPosition({ list, position }, views, index) {
  [...list.children].forEach((item, i) => {
    item.classList.toggle("seen", i < index);
    const button = item.firstElementChild;
    if (i === index) button.setAttribute("aria-current", "step");
    else button.removeAttribute("aria-current");
  });
  const count = t("page.position", { n: index + 1, count: views.length });
  const where = document.createElement("span");
  where.className = "count";
  where.textContent = count;
  position.replaceChildren(where, ` · ${views[index].title}`);
  return `${count} · ${views[index].title}`;
}
