// "Continue with this output": a page's result opens the next page as its input (convolution ->
// ReLU -> pooling), with the numbers the API returned and the reader's language and presentation
// mode kept. The address is made when the button is pressed, so it follows the page as it is then.
import { carry, passedOn } from "./links.js";

/** `path` with `query` (name -> value) and the passed-on lang and present, root-relative. Matrices in
 * the query come from urlstate's encodeMatrix, whose String() is each number's shortest exact text. */
export function continueUrl(path, query, here, pageLang, presenting) {
  const href = `${path}?${new URLSearchParams(query)}`;
  return carry(href, here, passedOn(new URL(here).search, pageLang, presenting));
}

/** A "continue" button: offer({path, query, label}) enables it, refuse(label, reason) disables it with the reason as its tooltip. */
export class ContinueButton {
  constructor(button) {
    this.button = button;
    this.target = null;
    button.addEventListener("click", () => {
      if (!this.target) return;
      const presenting = document.body.classList.contains("present");
      const { path, query } = this.target;
      window.location.assign(continueUrl(path, query, window.location.href, document.documentElement.lang, presenting));
    });
  }

  offer({ path, query, label }) {
    this.target = { path, query };
    this.show(label, "");
  }

  refuse(label, reason) {
    this.target = null;
    this.show(label, reason);
  }

  show(label, reason) {
    this.button.textContent = label;
    this.button.disabled = Boolean(reason);
    this.button.title = reason;
    this.button.hidden = false;
  }
}
