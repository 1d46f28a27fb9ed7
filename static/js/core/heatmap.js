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

/** (LEVELS + 1,) a see-through entry, then the scale sampled evenly from min to max, each colour
 * packed as one RGBA word (little-endian byte order, as on every platform browsers run on): one
 * write per pixel. */
function colourTable(scale) {
  if (tables.has(scale)) return tables.get(scale);
  const { min, max } = scale;
  const span = max - min || 1;
  const table = new Uint32Array(LEVELS + 1); // table[0] stays 0: transparent
  for (let k = 0; k < LEVELS; k++) {
    const [r, g, b] = scale.color(min + (span * k) / (LEVELS - 1));
    table[k + 1] = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
  }
  tables.set(scale, table);
  return table;
}

/** values: height × width numbers (row-major); scale: {min, max, color(v) -> [r, g, b]} from scaleFor. */
export function drawMap(canvas, values, height, width, scale) {
  if (!(height > 0 && width > 0 && values.length >= height * width)) return;
  const { context, image } = imageFor(canvas, height, width);
  colourPixels(new Uint32Array(image.data.buffer), values, height * width, scale);
  context.putImageData(image, 0, 0);
}

/** pixels[i] = the colour of values[i] on `scale`, as an RGBA word, for i < count. */
export function colourPixels(pixels, values, count, scale) {
  const { min, max } = scale;
  const span = max - min || 1;
  const table = colourTable(scale); // (LEVELS + 1,): entry 0 is see-through, for NaN
  const perUnit = (LEVELS - 1) / span;
  const offset = 1.5 - min * perUnit; // value -> its level + 1.5, so that |0 rounds half up
  for (let i = 0; i < count; i++) {
    // Clamped as a float (values outside the range clip), then truncated: NaN fails both tests
    // and truncates to 0, the see-through entry. (Math.round made this loop 3-5× slower.)
    let x = values[i] * perUnit + offset;
    if (x < 1) x = 1;
    else if (x > LEVELS) x = LEVELS;
    pixels[i] = table[x | 0];
  }
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
