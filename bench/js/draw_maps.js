// One colour scale over all maps, robust as in the convolution page's image mode (the one place that
// draws 16 maps of 224×224), then drawMap on each canvas; both timed, after one warm-up run.
async ({ count, side, runs }) => {
  const { drawMap } = await import("/static/js/core/heatmap.js");
  const { scaleBetween } = await import("/static/js/core/colormap.js");
  const { robustRange } = await import("/static/js/core/percentiles.js");
  const size = side * side;
  const values = new Float32Array(count * size).map(() => Math.random() * 2 - 1);
  const canvases = Array.from({ length: count }, () => document.createElement("canvas"));
  const drawAll = () => {
    const scale = scaleBetween(...robustRange(values));
    canvases.forEach((canvas, m) =>
      drawMap(canvas, values.subarray(m * size, (m + 1) * size), side, side, scale));
  };
  const timed = (run) => {
    const start = performance.now();
    run();
    return performance.now() - start;
  };
  drawAll();
  const totals = [];
  const scales = [];
  for (let run = 0; run < runs; run++) {
    totals.push(timed(drawAll));
    scales.push(timed(() => scaleBetween(...robustRange(values))));
  }
  return { totals, scales };
}
