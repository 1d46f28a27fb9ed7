// Presentation mode shows the activation and the softmax on one screen where they fit (three scores
// beside a 5×5 map at 1280×720). Where they do not (more scores, a larger map), the softmax takes a
// screen of its own below the activation's, laid out to hold all ten scores: the page snaps to either
// screen when scrolled, and a presenter remote gets there too: PageDown after the player's last step
// goes down to the softmax, PageUp comes back.
import { isPresentation } from "../../core/presentation.js";
import { afterLayoutChanges, overflowsScreen } from "../../core/screen-fit.js";

const APART = "apart";

export class SoftmaxScreen {
  constructor(section) {
    this.section = section;
    afterLayoutChanges(() => this.place());
  }

  get apart() {
    return this.section.classList.contains(APART);
  }

  /** Whether the softmax's own screen is the one in view. */
  get shown() {
    return this.apart && this.section.getBoundingClientRect().top < innerHeight / 2;
  }

  /** Together on one screen if they fit there, else apart; measured with them together. */
  place() {
    const wasApart = this.apart;
    const scrolled = scrollY;
    this.section.classList.remove(APART);
    const apart = isPresentation() && overflowsScreen();
    this.section.classList.toggle(APART, apart);
    if (apart && !wasApart && this.section.contains(document.activeElement)) {
      this.section.scrollIntoView(); // a score added on the shared screen: follow the softmax to its own
    } else if (scrollY !== scrolled) {
      scrollTo(0, scrolled); // measuring shortened the page for a moment
    }
  }

  /** PageDown: at the player's last step, down to the softmax's own screen; true if it went. */
  onward(atLast) {
    if (!atLast || !this.apart || this.shown) return false;
    this.section.scrollIntoView();
    return true;
  }

  /** PageUp on the softmax's own screen: back up to the activation; true if it went. */
  back() {
    if (!this.shown) return false;
    scrollTo(0, 0);
    return true;
  }
}
