// A transposed convolution's geometry, one axis at a time, for drawing its two views: where each
// input cell lands in the output (the scatter), and the zero-stuffed, padded input that a stride-1
// convolution with the turned kernel reads (the direct view). The output-size rule mirrors
// app/engine/conv_transpose.py (tests/js checks they agree). Numbers come from the server.

/** O = (I − 1)·S − 2P + D·(K − 1) + output_padding + 1; below 1 the padding crops everything. */
export function transposedSize(size, kernel, stride = 1, padding = 0, outputPadding = 0, dilation = 1) {
  return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

/**
 * One axis {size, kernel, stride, padding, outputPadding, dilation} ->
 *   out: output cells;
 *   canvas: cells of the un-cropped scatter canvas, where output cell o is canvas cell o + padding
 *     (output_padding can reach past the last landing: those cells are on the canvas too);
 *   sources[o]: the input indices that add into output cell o, ascending;
 *   stuffed: the input's length with stride − 1 zeros between its cells;
 *   border: [before, after], the zeros around it for the direct view: D·(K − 1) − P, plus
 *     output_padding after; a negative border cuts that many stuffed cells off instead.
 */
export function axisLayout({ size, kernel, stride, padding, outputPadding, dilation }) {
  const out = transposedSize(size, kernel, stride, padding, outputPadding, dilation);
  const reach = dilation * (kernel - 1);
  const sources = Array.from({ length: Math.max(out, 0) }, () => []);
  for (let i = 0; i < size; i++) {
    for (let m = 0; m < kernel; m++) {
      const o = i * stride - padding + m * dilation;
      if (o >= 0 && o < out) sources[o].push(i);
    }
  }
  const before = reach - padding;
  return {
    out, padding, sources,
    canvas: Math.max((size - 1) * stride + reach + 1, padding + out),
    stuffed: (size - 1) * stride + 1,
    border: [before, before + outputPadding],
    stride,
  };
}

/** Per output cell, the input cells (row-major steps) that add into it: rows × cols of them. */
export function coverageCounts(rows, cols) {
  return rows.sources.map((down) => cols.sources.map((across) => down.length * across.length));
}

/**
 * Per output cell, the scatter step after which nothing more is added to it: its last source in
 * row-major order (input width `width`); −1 for a cell no input cell reaches (done from the start).
 */
export function finishingSteps(rows, cols, width) {
  return rows.sources.map((down) => cols.sources.map((across) =>
    (down.length && across.length ? down.at(-1) * width + across.at(-1) : -1)));
}

/**
 * The output cell both views show at scatter step `step`: the first (row-major) cell that this step
 * finishes; when it finishes none, the first cell of the next step that does; after the last such
 * step, the last cells finished. -> {cell: [r, c], finishedAt: its step}.
 */
export function focusCell(finishing, step) {
  const steps = finishing.flat().filter((s) => s >= 0);
  if (!steps.length) return { cell: [0, 0], finishedAt: -1 };
  const later = steps.filter((s) => s >= step);
  const finishedAt = later.length ? Math.min(...later) : Math.max(...steps);
  const width = finishing[0].length;
  const index = finishing.flat().indexOf(finishedAt);
  return { cell: [Math.floor(index / width), index % width], finishedAt };
}

/** The cells of the zero-stuffed, padded grid along one axis: [input index or −1 (a zero)] per cell. */
function stuffedAxis({ stuffed, border: [before, after], stride }) {
  const length = stuffed + before + after;
  return Array.from({ length }, (_, k) => {
    const at = k - before; // index in the stuffed input
    return at >= 0 && at < stuffed && at % stride === 0 ? at / stride : -1;
  });
}

/**
 * The direct view's input: the input's cells spread stride apart, zeros between them and around
 * them (the border). -> {values, source: per cell [i, j] of the input cell it holds, or null for a
 * zero, pads: [top, bottom, left, right] border cells (0 where the border cuts instead)}.
 */
export function stuffedInput(input, rows, cols) {
  const [down, across] = [stuffedAxis(rows), stuffedAxis(cols)];
  const source = down.map((i) => across.map((j) => (i >= 0 && j >= 0 ? [i, j] : null)));
  return {
    values: source.map((line) => line.map((cell) => (cell ? input[cell[0]][cell[1]] : 0))),
    source,
    pads: [...rows.border, ...cols.border].map((count) => Math.max(0, count)),
  };
}
