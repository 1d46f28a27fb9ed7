// What the explorer's main thread spends on one layer's answer, with the page's own functions, on random
// values of `shape` (C×H×W) sent as the server sends them (base64 float32 in JSON): parsing the JSON,
// unpack (arrays.js: atob, then Uint8Array.from with a function per byte), the layer's colour scale
// (scaleFor) and drawMap on one detached canvas per map; beside them, atob alone, and atob with the bytes
// copied by a plain charCodeAt loop instead. Medians of `runs` after one warm-up, in ms.
async ({ shape, runs }) => {
  const { unpack } = await import("/static/js/core/arrays.js");
  const { scaleFor } = await import("/static/js/core/colormap.js");
  const { drawMap } = await import("/static/js/core/heatmap.js");
  const [channels, h, w] = shape;
  const values = new Float32Array(channels * h * w).map(() => Math.random() * 2 - 1);
  const bytes = new Uint8Array(values.buffer);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const json = JSON.stringify({ output: { dtype: "float32", shape, base64: btoa(text) } });
  const canvases = Array.from({ length: channels }, () => document.createElement("canvas"));
  const steps = {
    parse: () => JSON.parse(json),
    unpack: (parsed) => unpack(parsed.output),
    scale: ({ data }) => ({ data, scale: scaleFor(data) }),
    draw: ({ data, scale }) => canvases.forEach((canvas, c) => drawMap(canvas, data.subarray(c * h * w, (c + 1) * h * w),
      h, w, scale)),
  };
  const { base64 } = JSON.parse(json).output;
  const extra = {
    atob: () => atob(base64),
    loop: () => {
      const binary = atob(base64);
      const out = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
      return out;
    },
  };
  const times = Object.fromEntries([...Object.keys(steps), ...Object.keys(extra)].map((key) => [key, []]));
  for (let run = 0; run <= runs; run++) {
    let carried;
    for (const [key, step] of Object.entries(steps)) {
      const start = performance.now();
      carried = step(carried);
      if (run) times[key].push(performance.now() - start);
    }
    for (const [key, step] of Object.entries(extra)) {
      const start = performance.now();
      step();
      if (run) times[key].push(performance.now() - start);
    }
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  return { bytes: json.length, ...Object.fromEntries(Object.entries(times).map(([key, list]) => [key, median(list)])) };
}
