// The softmax section: editable logits, a bar for each logit and each probability, the sum written out.
import { scaleFor, css } from "../../core/colormap.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { renderSoftmaxFormula, softmaxTerm } from "./formula.js";

function make(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** "z" with a subscript index, e.g. z₃ as z<sub>3</sub>. */
function symbol(letter, index) {
  const span = make("span", "sym", letter);
  span.append(make("sub", "", String(index)));
  return span;
}

function parse(text) {
  const clean = text.trim().replace("−", "-").replace(",", ".");
  const value = Number(clean);
  return clean !== "" && Number.isFinite(value) ? value : null;
}

export class SoftmaxView {
  /** root holds #logit-rows, #softmax-math, #softmax-sum; onEdit(logits) reports the user's new logits. */
  constructor(root, { onEdit }) {
    this.rows = root.querySelector("#logit-rows");
    this.math = root.querySelector("#softmax-math");
    this.sum = root.querySelector("#softmax-sum");
    this.onEdit = onEdit;
    this.lines = [];
    this.logits = [];
  }

  /** Show these logits in the inputs (rebuilding the rows when their number changed). */
  setLogits(logits) {
    this.logits = [...logits];
    if (this.lines.length !== logits.length) this.build(logits.length);
    this.lines.forEach((line, i) => {
      if (document.activeElement !== line.input) line.input.value = fmt(logits[i]);
      line.input.removeAttribute("aria-invalid");
    });
  }

  build(count) {
    this.rows.replaceChildren();
    this.lines = Array.from({ length: count }, (_, i) => {
      const tr = make("tr");
      const head = make("th");
      head.scope = "row";
      head.append(t("page.softmax.class", { i: i + 1 }));
      const input = make("input");
      input.type = "text";
      input.inputMode = "decimal";
      input.autocomplete = "off";
      input.setAttribute("aria-label", t("page.softmax.logit.label", { i: i + 1 }));
      input.dataset.testid = `logit-${i}`;
      input.addEventListener("focus", () => input.select());
      input.addEventListener("input", () => {
        const value = parse(input.value);
        input.setAttribute("aria-invalid", String(value === null));
        if (value === null) return;
        const next = [...this.logits];
        next[i] = value;
        this.onEdit(next);
      });
      const logitBar = make("span", "bar signed");
      const logitTrack = make("span", "track signed-track");
      logitTrack.append(make("span", "zero"), logitBar);
      const term = make("td", "term");
      const probBar = make("span", "bar prob-bar");
      const probTrack = make("span", "track");
      probTrack.append(probBar);
      const prob = make("span", "prob");
      prob.dataset.testid = `prob-${i}`;
      const cells = [make("td", "logit-input"), make("td", "logit-bar"), term, make("td", "prob-cell")];
      cells[0].append(input);
      cells[1].append(logitTrack);
      cells[3].append(probTrack, prob);
      tr.append(head, ...cells);
      this.rows.append(tr);
      return { input, logitBar, term, probBar, prob };
    });
  }

  /** Draw the answer: logits (what was sent); probabilities and softmax's steps (what the API returned). */
  setResult(logits, probabilities, steps) {
    const scale = scaleFor([...logits, -Math.max(...logits.map(Math.abs))]);
    const bound = Math.max(...logits.map(Math.abs)) || 1;
    this.lines.forEach((line, i) => {
      const z = logits[i];
      const p = probabilities[i];
      const half = (Math.abs(z) / bound) * 50;
      Object.assign(line.logitBar.style, {
        width: `${half}%`, left: z >= 0 ? "50%" : `${50 - half}%`, background: css(scale.color(z)),
      });
      line.term.replaceChildren(softmaxTerm(z, steps.max[0], steps.exp[i], steps.sum[0]));
      line.probBar.style.width = `${p * 100}%`;
      line.prob.textContent = fmt(p);
    });
    renderSoftmaxFormula(this.math, logits, steps);
    this.renderSum(probabilities);
  }

  /** p₁ + p₂ + … = 0.659 + 0.242 + … = 1: softmax's outputs always add up to 1. */
  renderSum(probabilities) {
    this.sum.replaceChildren();
    probabilities.forEach((_, i) => {
      if (i) this.sum.append(" + ");
      this.sum.append(symbol("p", i + 1));
    });
    this.sum.append(` = ${probabilities.map(fmt).join(" + ")} = 1`);
    this.sum.append(make("small", "note", ` ${t("page.softmax.rounded")}`));
  }
}
