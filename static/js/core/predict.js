// Predict mode (Q): the student works out each step's value before the page shows it. The output
// cells the player has not reached are hidden (as always), and so is the current one, whose value
// the student types where the page would write it. The page checks it, allowing for rounding, and
// keeps the score for the visit (answers.js judges). → (or a remote's PageDown) on a question shows
// its answer; the next press moves on. ?predict=1 keeps the mode in a link.
import { judge } from "./answers.js";
import { t } from "./i18n.js";

export class Predictor {
  /**
   * on: start in predict mode. onChange(): the mode or an answer changed (the page redraws and
   * writes its URL). onRight(): a right answer; the page moves on.
   */
  constructor({ on = false, onChange, onRight }) {
    this.on = on;
    this.onChange = onChange;
    this.onRight = onRight;
    this.numbers = null; // what the questions are about (setNumbers)
    this.questions = true; // whether they can be asked
    this.answered = new Set(); // the steps of these numbers whose value has been given or shown
    this.score = { right: 0, tries: 0 };
    this.version = 0; // bumped on every change, for pages that draw a step only once
    this.box = null; // {step, truth, element, input}: the current question's answer box
    this.keepFocus = false; // the student is typing answers: each new box takes the focus
    this.status = document.getElementById("predict-status");
    this.button = document.querySelector('[data-action="predict"]');
    this.button?.addEventListener("click", () => this.toggle());
    // A press outside the box means the student has gone elsewhere: the next box waits to be clicked.
    document.addEventListener("pointerdown", (event) => {
      if (!this.box?.element.contains(event.target)) this.keepFocus = false;
    }, true);
    this.sync();
  }

  toggle() {
    this.on = !this.on;
    this.keepFocus = this.on;
    this.changed();
  }

  /** The page's numbers, as any text that changes with them: new numbers make every step a question
   * again (the score stays); the same numbers (a redraw, a setting that changes nothing) keep the answers.
   * questions: false where the numbers cannot be worked out from what the page shows. */
  setNumbers(key, { questions = true } = {}) {
    this.questions = questions;
    if (key === this.numbers) return;
    this.numbers = key;
    this.answered.clear();
    this.box = null;
    this.version++;
  }

  /** Whether step `step`, the player's, waits for the student's answer. */
  asks(step) {
    return this.on && this.questions && !this.answered.has(step);
  }

  /** If the player's step `step` is a question, show its answer (→ and PageDown do this). */
  reveal(step) {
    if (!this.asks(step) || this.box?.step !== step) return false;
    this.answered.add(step);
    this.changed();
    return true;
  }

  /**
   * The answer box for step `step`, whose true value is `truth`: to put where the page would write
   * the value. The same box while the step stays, so what the student has typed survives a redraw.
   * asShown: the value worked out from the numbers as the page writes them (rounded), also right.
   */
  field(step, truth, asShown = truth) {
    if (this.box?.step === step && this.box.truth === truth) {
      this.refocus();
      return this.box.element;
    }
    const element = document.createElement("span");
    element.className = "answer";
    element.dataset.testid = "answer";
    const input = document.createElement("input");
    input.type = "text";
    input.inputMode = "decimal";
    input.autocomplete = "off";
    input.size = 5;
    input.setAttribute("aria-label", t("predict.field"));
    input.placeholder = "?";
    input.addEventListener("focus", () => { this.keepFocus = true; });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        this.check();
      }
      if (event.key === "Escape") this.keepFocus = false;
    });
    const check = document.createElement("button");
    check.type = "button";
    check.textContent = t("predict.check");
    check.addEventListener("click", () => this.check());
    const verdict = document.createElement("span"); // what was wrong with the last try, beside it
    verdict.className = "verdict";
    verdict.setAttribute("role", "status");
    element.append(input, check, verdict);
    this.box = { step, truth, asShown, element, input, verdict };
    this.refocus();
    return element;
  }

  /** Judge the typed answer: a right one is shown and counted, and the page moves on. */
  check() {
    const { step, truth, asShown, input, verdict } = this.box;
    const verdicts = [judge(input.value, truth), judge(input.value, asShown)];
    const kind = ["right", "number", "decimals", "wrong"].find((each) => verdicts.includes(each));
    verdict.className = `verdict ${kind}`;
    if (kind === "number" || kind === "decimals") { // not a try: the student is told what to type
      verdict.textContent = t(`predict.${kind}`);
      input.focus();
      return;
    }
    this.score.tries++;
    if (kind === "wrong") {
      input.setAttribute("aria-invalid", "true");
      verdict.textContent = t("predict.wrong", { value: input.value.trim() });
      input.select();
      this.sync();
      return;
    }
    this.score.right++;
    this.answered.add(step);
    this.changed();
    this.onRight();
  }

  /** After the page has put the box in place: give it the focus if the student is answering. */
  refocus() {
    queueMicrotask(() => {
      const input = this.box?.input;
      if (this.on && this.keepFocus && input?.isConnected && document.activeElement !== input) {
        input.focus({ preventScroll: true });
      }
    });
  }

  changed() {
    this.version++;
    this.sync();
    this.onChange();
  }

  /** The Q button's state and the score (from the first try on). */
  sync() {
    document.body.classList.toggle("predicting", this.on);
    this.button?.setAttribute("aria-pressed", String(this.on));
    if (!this.status) return;
    const { right, tries } = this.score;
    this.status.hidden = !this.on || tries === 0;
    this.status.textContent = t("predict.score", { right, tries });
  }
}
