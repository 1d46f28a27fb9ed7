// 2-D maps drawn at data resolution on a canvas (CSS scales it up, pixelated): one pixel per value.

function paint(canvas, height, width, pixel) {
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  const image = context.createImageData(width, height);
  for (let i = 0; i < height * width; i++) image.data.set([...pixel(i), 255], i * 4);
  context.putImageData(image, 0, 0);
}

/** values: height × width numbers (row-major); colour(v) -> [r, g, b]. */
export function drawMap(canvas, values, height, width, colour) {
  if (!(height > 0 && width > 0 && values.length >= height * width)) return;
  paint(canvas, height, width, (i) => colour(values[i]));
}

/** channels: 1 (grey) or 3 (RGB) arrays of height × width levels in 0–255. */
export function drawImage(canvas, channels, height, width) {
  const pixel = channels.length === 3
    ? (i) => [channels[0][i], channels[1][i], channels[2][i]]
    : (i) => [channels[0][i], channels[0][i], channels[0][i]];
  paint(canvas, height, width, pixel);
}
