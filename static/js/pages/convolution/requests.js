// Asking the server: each change of the settings redraws the formula, the PyTorch code and the
// feature maps, explains in words why a geometry cannot work, or POSTs /api/convolve with a trace.
import { latest } from "../../core/api.js";
import { resolvePadding } from "../../core/geometry.js";
import { errorText } from "../../core/problem.js";
import { whyImpossible } from "./checks.js";
import { renderFormula } from "./formula.js";
import { animateFlip, buildGrids } from "./grids.js";
import { requestBody } from "./state.js";

const convolve = latest("/api/convolve");
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

/** flip: turn the kernel into place (convolution mode was just chosen); maps: redraw image mode's maps. */
export async function refresh(page, { flip = false, maps = true } = {}) {
  showFormula(page.state);
  page.showPytorch();
  if (maps) page.images?.refreshMaps();
  const reason = whyImpossible(page.state);
  if (reason) {
    page.showProblem(reason);
    page.saveUrl();
    return;
  }
  try {
    const body = requestBody(page.state);
    const answer = await convolve(body);
    page.showProblem(null);
    page.result = { ...answer, sent: body }; // what was asked too: the kernel as written, the mode
    buildGrids(page);
    page.setSteps(answer.trace.steps);
    if (flip && !reducedMotion.matches) animateFlip();
  } catch (error) {
    if (error.name === "AbortError") return;
    page.showProblem(errorText(error));
  }
  page.saveUrl();
}

function showFormula(state) {
  const kernel = [state.kernel[0][0].length, state.kernel[0][0][0].length];
  renderFormula(document.getElementById("formula"), {
    height: state.input[0].length, width: state.input[0][0].length, kernel, stride: state.stride,
    dilation: state.dilation, pads: resolvePadding(state.padding, kernel, state.dilation),
  });
}
