// The numbers view: two short sequences -> POST /api/convolve (their full convolution, with its trace)
// -> the rows of cells, the current n's equation, and the sum beside the integral.
import { latest } from "../../core/api.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";
import { errorText, problemLine } from "../../core/problem.js";
import { sequenceRequest } from "./sequences.js";
import { Strips } from "./strips.js";
import { renderDefinitions, renderSum } from "./sum.js";

const convolve = latest("/api/convolve"); // a newer request aborts the one in flight

export class NumbersView {
  /** player: the page's player, whose step is n; onEdit(k, value): a cell of x was typed into. */
  constructor({ player, onEdit }) {
    this.player = player;
    this.root = document.getElementById("numbers-view");
    this.equation = document.getElementById("sum-equation");
    this.result = null;
    this.hover = null; // y[n] under the pointer overrides the player's step
    this.showProblem = problemLine({ framing: "page.error.api", stale: [this.root] });
    this.strips = new Strips(this.root, {
      onEdit,
      onHover: (n) => {
        this.hover = n;
        this.show(this.current());
      },
      onPick: (n) => {
        this.hover = null;
        player.pause();
        player.go(n);
      },
    });
    renderDefinitions(document.getElementById("sum-formula"));
    // Hovering a term of the equation points at its x cell and its column of the slid h.
    this.equation.addEventListener("mouseover", (event) => {
      const term = event.target.closest(".term");
      if (term && this.result) this.strips.focus(this.step(), Number(term.dataset.m));
    });
    this.equation.addEventListener("mouseout", () => this.strips.focus(0, null));
    // The cells change size with the window and with presentation mode: keep the slider under its window.
    new ResizeObserver(() => this.show(this.current())).observe(this.root);
  }

  current() {
    return this.hover ?? this.player.step;
  }

  /** The step on screen: the player may count steps for new sequences whose answer is still on its way. */
  step(step = this.current()) {
    return Math.min(step, this.result.trace.steps - 1);
  }

  async refresh(state) {
    try {
      const answer = await convolve(sequenceRequest(state.x, state.h));
      this.result = answer;
      this.showProblem(null);
      this.strips.setResult(answer);
      this.show(this.current());
    } catch (error) {
      if (error.name !== "AbortError") this.showProblem(errorText(error));
    }
  }

  show(step) {
    if (!this.result || this.root.hidden) return;
    const s = this.step(step);
    this.strips.show(s);
    const sentence = renderSum(this.equation, this.result.trace, s);
    const { trace } = this.result;
    document.getElementById("explain-step").textContent = t("page.seq.explain.step", {
      n: s, count: trace.cols[s].length, value: fmt(trace.value[s]),
    });
    if (this.hover === null) document.getElementById("live").textContent = sentence;
  }
}
