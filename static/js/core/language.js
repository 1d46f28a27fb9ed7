// The reader's language and presentation mode follow them from page to page. A link's address is
// brought up to date just before it can be used (pointer over it, focus on it, a click), so it
// reflects the page as it is then, a link added later included. The EN | 한국어 switch leads to this
// very view in the other language; the server remembers the choice in a cookie.
import { carry, inLanguage, passedOn } from "./links.js";

const original = new WeakMap(); // link -> its href as the page wrote it

function refresh(link) {
  if (!original.has(link)) original.set(link, link.getAttribute("href"));
  const here = window.location.href;
  if (link.dataset.lang) {
    link.setAttribute("href", inLanguage(here, link.dataset.lang));
    return;
  }
  const presenting = document.body.classList.contains("present");
  const passed = passedOn(window.location.search, document.documentElement.lang, presenting);
  link.setAttribute("href", carry(original.get(link), here, passed));
}

for (const type of ["pointerover", "focusin", "click"]) {
  document.addEventListener(type, (event) => {
    const link = event.target.closest?.("a[href]");
    if (link) refresh(link);
  }, true);
}
