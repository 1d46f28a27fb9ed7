// Pixels as a BMP picture, for an <img> or a CSS background: a 122-byte header before the pixels.
// Written synchronously with no canvas and no encoder: canvas.toBlob encodes a PNG off the main
// thread, but in one queue, so that thousands of thumbnails held up any later toBlob for seconds.

const HEADER = 122; // BITMAPFILEHEADER (14) + BITMAPV4HEADER (108)

/** pixels: height × width RGBA words (little-endian, as ImageData and colourPixels lay them), top row
 * first -> a Blob of type image/bmp. */
export function bitmap(pixels, height, width) {
  const head = new DataView(new ArrayBuffer(HEADER));
  head.setUint8(0, 0x42); // "BM"
  head.setUint8(1, 0x4d);
  head.setUint32(2, HEADER + 4 * height * width, true); // file size
  head.setUint32(10, HEADER, true); // where the pixels start
  head.setUint32(14, 108, true); // the V4 header's size: it carries an alpha mask (NaN is see-through)
  head.setInt32(18, width, true);
  head.setInt32(22, -height, true); // negative: rows top to bottom
  head.setUint16(26, 1, true); // planes
  head.setUint16(28, 32, true); // bits per pixel
  head.setUint32(30, 3, true); // BI_BITFIELDS: the masks below say where each channel sits
  head.setUint32(34, 4 * height * width, true); // pixel bytes
  head.setUint32(38, 2835, true); // 72 dpi, both ways
  head.setUint32(42, 2835, true);
  head.setUint32(54, 0x000000ff, true); // red, green, blue and alpha of a little-endian RGBA word
  head.setUint32(58, 0x0000ff00, true);
  head.setUint32(62, 0x00ff0000, true);
  head.setUint32(66, 0xff000000, true);
  head.setUint32(70, 0x73524742, true); // "sRGB" colour space
  return new Blob([head, pixels.subarray(0, height * width)], { type: "image/bmp" });
}
