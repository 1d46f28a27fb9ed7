// The current step's arithmetic: max(1, 3, 5, 6) = 6, or (1 + 3 + 5 + 6) ÷ 4 = 3.75.
import { span } from "../../core/equation.js";
import { fmt } from "../../core/format.js";
import { t } from "../../core/i18n.js";

/** Where in the window ([m, n]) the winner of step s sits, or null for average pooling. */
export function winnerOf(trace, s) {
  if (!trace.winner) return null;
  const [r, c] = trace.winner[s];
  return [trace.rows[s].indexOf(r), trace.cols[s].indexOf(c)];
}

/** Render step s of a pooling trace into `element`; return the step as one plain sentence.
 * ask: predict mode's answer box, which takes the result's place (and the winner is not marked). */
export function renderEquation(element, trace, s, { channels, ask = null }) {
  const [c, i, j] = trace.cell[s];
  const win = winnerOf(trace, s);
  const max = Boolean(trace.winner);
  const separator = max ? ", " : " + ";
  const line = document.createElement("div");
  line.className = "eq-line";
  if (channels > 1) line.append(span("label", `${t("page.equation.channel", { c: c + 1 })}: `));
  if (max) line.append(span("fn", "max"));
  line.append(span("sym", "("));
  const texts = [];
  trace.values[s].forEach((row, m) => row.forEach((value, n) => {
    if (texts.length) line.append(span("sym", separator));
    const winner = !ask && win && win[0] === m && win[1] === n;
    line.append(span(winner ? "term winner" : "term", fmt(value), { m, n }));
    texts.push(fmt(value));
  }));
  line.append(span("sym", ")"));
  if (!max) line.append(span("sym", " ÷ "), span("count", fmt(trace.count)));
  line.append(span("sym", " = "), ask ?? span("result", fmt(trace.value[s])));
  element.replaceChildren(line);

  const where = channels > 1 ? t("page.live.where.channel", { c: c + 1, row: i, col: j })
    : t("page.live.where", { row: i, col: j });
  const common = { step: s + 1, count: trace.steps, where, terms: texts.join(", "), value: fmt(trace.value[s]) };
  if (win) {
    const [top, , left] = trace.padding;
    const [wr, wc] = trace.winner[s];
    return t("page.live.max", { ...common, wr: wr - top, wc: wc - left });
  }
  return t("page.live.avg", { ...common, sum: fmt(trace.sum[s]), n: trace.count });
}
