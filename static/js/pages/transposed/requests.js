// Asking the server: each change of the settings redraws the output-size rule, explains in words
// why a geometry cannot work, or POSTs both views' requests: /api/conv_transpose (the scatter, with
// its trace) and /api/convolve (the zero-stuffed input with the turned kernel, with its trace).
import { latest } from "../../core/api.js";
import { errorText } from "../../core/problem.js";
import { whyImpossible } from "./checks.js";
import { renderFormula } from "./formula.js";
import { axisLayout, coverageCounts, finishingSteps, stuffedInput } from "./geometry.js";
import { axesOf, directBody, transposeBody } from "./state.js";

const transpose = latest("/api/conv_transpose");
const convolve = latest("/api/convolve");

export async function refresh(page) {
  const { state } = page;
  renderFormula(document.getElementById("formula"), axesOf(state));
  const reason = whyImpossible(state);
  if (reason) {
    page.showProblem(reason);
    page.saveUrl();
    return;
  }
  const [rows, cols] = axesOf(state).map(axisLayout);
  const stuffed = stuffedInput(state.input, rows, cols);
  try {
    const [scatter, direct] = await Promise.all([
      transpose(transposeBody(state)), convolve(directBody(state, stuffed.values)),
    ]);
    page.showProblem(null);
    page.hoverCell = null; // a cell of the old output may not exist in the new one
    page.result = {
      sent: structuredClone(state), transpose: scatter, direct,
      layout: { rows, cols, stuffed, finishing: finishingSteps(rows, cols, state.input[0].length),
                coverage: coverageCounts(rows, cols) },
    };
    page.setSteps(scatter.trace.steps); // draws the step
    page.refit();
  } catch (error) {
    if (error.name === "AbortError") return;
    page.showProblem(errorText(error));
  }
  page.saveUrl();
}
