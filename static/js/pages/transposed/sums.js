// The scatter's running output: what the output holds after some steps of a trace from
// POST /api/conv_transpose (one kh×kw kernel), as the animation adds each step's products in turn.

/**
 * trace: the API's trace; step: the last step added (−1: none yet); [oh, ow]: the output's size.
 * -> sums: bias plus the kept products added so far, per output cell; added: how many steps have
 * added into each cell so far.
 */
export function runningSums(trace, step, [oh, ow]) {
  const sums = Array.from({ length: oh }, () => new Array(ow).fill(trace.bias[0]));
  const added = Array.from({ length: oh }, () => new Array(ow).fill(0));
  for (let s = 0; s <= step; s++) {
    trace.rows[s].forEach((r, m) => trace.cols[s].forEach((c, n) => {
      if (!trace.kept[s][m][n]) return;
      sums[r][c] += trace.products[s][m][n];
      added[r][c] += 1;
    }));
  }
  return { sums, added };
}
