// 2-D maps drawn at data resolution on a canvas (CSS scales it up, pixelated): one pixel per value.
// Colours come from a 256-entry table built once per scale, so a 224×224 map costs one pass of
// integer arithmetic and no allocation per pixel.

const LEVELS = 256;

const images = new WeakMap(); // canvas -> {context, image}, reused while the size stays the same

/** The canvas's 2-D context and an ImageData of its size. Resizing a canvas clears and reallocates
 * its backing store, so it happens only when the size changes. */
function imageFor(canvas, height, width) {
  const cached = images.get(canvas);
  if (cached && canvas.width === width && canvas.height === height) return cached;
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  const entry = { context, image: context.createImageData(width, height) };
  images.set(canvas, entry);
  return entry;
}

const tables = new WeakMap(); // scale -> its colour table: maps drawn on one scale share it

/** (LEVELS,) the scale sampled evenly from min to max, each colour packed as one RGBA word
 * (little-endian byte order, as on every platform browsers run on): one write per pixel. */
function colourTable(scale) {
  if (tables.has(scale)) return tables.get(scale);
  const { min, max } = scale;
  const span = max - min || 1;
  const table = new Uint32Array(LEVELS);
  for (let k = 0; k < LEVELS; k++) {
    const [r, g, b] = scale.color(min + (span * k) / (LEVELS - 1));
    table[k] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  tables.set(scale, table);
  return table;
}

/** values: height × width numbers (row-major); scale: {min, max, color(v) -> [r, g, b]} from scaleFor. */
export function drawMap(canvas, values, height, width, scale) {
  if (!(height > 0 && width > 0 && values.length >= height * width)) return;
  const { min, max } = scale;
  const span = max - min || 1;
  const table = colourTable(scale);
  const { context, image } = imageFor(canvas, height, width);
  const pixels = new Uint32Array(image.data.buffer);
  const top = LEVELS - 1;
  const perUnit = top / span;
  for (let i = 0; i < height * width; i++) {
    // Rounds half up with `| 0` (Math.round made this loop 3-5× slower); outside the range clips;
    // NaN (no value) stays see-through.
    const value = values[i];
    let level = ((value - min) * perUnit + 0.5) | 0;
    if (level < 0) level = 0;
    else if (level > top) level = top;
    pixels[i] = value === value ? table[level] : 0;
  }
  context.putImageData(image, 0, 0);
}

/** channels: 1 (grey) or 3 (RGB) arrays of height × width levels in 0–255. */
export function drawImage(canvas, channels, height, width) {
  const { context, image } = imageFor(canvas, height, width);
  const pixels = image.data;
  const [r, g, b] = channels.length === 3 ? channels : [channels[0], channels[0], channels[0]];
  for (let i = 0; i < height * width; i++) {
    pixels[i * 4] = r[i];
    pixels[i * 4 + 1] = g[i];
    pixels[i * 4 + 2] = b[i];
    pixels[i * 4 + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}
