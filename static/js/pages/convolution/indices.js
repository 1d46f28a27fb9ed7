// Where the kernel's cells lie on the input at one step. Cross-correlation lays K(0, 0) on the
// window's first cell; convolution turns the kernel 180°, so the K(0, 0) of the kernel as written
// lies on the window's last cell, and K(m, n) on the turned grid's cell (kh − 1 − m, kw − 1 − n).

/** [row, col] of the input cell (padded coordinates, from the trace's window) under K(0, 0) at step s. */
export function anchorOf(trace, s, mode) {
  const [rows, cols] = [trace.rows[s], trace.cols[s]];
  return mode === "convolution" ? [rows.at(-1), cols.at(-1)] : [rows[0], cols[0]];
}

/** The cell of a kh × kw kernel turned 180° that holds the kernel's cell [m, n] (and back). */
export function turnedCell([m, n], kh, kw) {
  return [kh - 1 - m, kw - 1 - n];
}
