// Image sources for image mode: sample digits, synthetic shapes, a photo, an upload, the webcam.
// Each becomes channels of 0–255 levels at a working size of at most MAX_SIDE pixels a side.
import { drawShape } from "../../core/shapes.js";
import { withWebcamFrame } from "../../core/webcam.js";

export const MAX_SIDE = 160;
const SHAPE_SIDE = 48;

/** An image's pixels: channels (1 grey or 3 RGB) of Float32Array(height × width), 0–255. */
function fromCanvas(canvas, channels) {
  const { width, height } = canvas;
  const rgba = canvas.getContext("2d", { willReadFrequently: true }).getImageData(0, 0, width, height).data;
  const planes = Array.from({ length: channels }, () => new Float32Array(width * height));
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = [rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]];
    if (channels === 3) {
      planes[0][i] = r;
      planes[1][i] = g;
      planes[2][i] = b;
    } else {
      planes[0][i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b); // ITU-R BT.601 luma
    }
  }
  return { channels: planes, height, width };
}

/** Draw any image source scaled to fit MAX_SIDE, then read its pixels. */
function fromDrawable(source, sourceWidth, sourceHeight, channels) {
  const scale = Math.min(1, MAX_SIDE / Math.max(sourceWidth, sourceHeight));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(sourceWidth * scale));
  canvas.height = Math.max(1, Math.round(sourceHeight * scale));
  canvas.getContext("2d", { willReadFrequently: true }).drawImage(source, 0, 0, canvas.width, canvas.height);
  return fromCanvas(canvas, channels);
}

let digitsCache = null;
async function digits() {
  digitsCache ??= fetch(new URL("../../../samples/digits.json", import.meta.url)).then((response) => response.json());
  return digitsCache;
}

/** The sample list: [{id, kind, label}] (labels are filled in by the page in its language). */
export async function sampleIds() {
  const { digits: list } = await digits();
  return [
    ...list.map((digit, i) => ({ id: `digit-${i}`, kind: "digit", value: digit.label })),
    ...["circle", "square", "stripes", "checker", "diagonal"].map((shape) => ({ id: `shape-${shape}`, kind: "shape", value: shape })),
    { id: "photo-chelsea", kind: "photo", value: "chelsea" },
  ];
}

function shape(name) {
  return fromCanvas(drawShape(name, SHAPE_SIDE), 1);
}

/** name: what a failure calls the image (an upload's file name rather than its blob: URL). */
function loadImage(url, name = url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`cannot read ${name}`));
    image.src = url;
  });
}

/** Pixels of a sample by id, in `channels` (1 or 3). */
export async function loadSample(id, channels) {
  if (id.startsWith("digit-")) {
    const digit = (await digits()).digits[Number(id.slice(6))];
    const plane = Float32Array.from(digit.pixels.flat());
    return { channels: Array.from({ length: channels }, () => plane), height: 28, width: 28 };
  }
  if (id.startsWith("shape-")) {
    const grey = shape(id.slice(6));
    return { ...grey, channels: Array.from({ length: channels }, () => grey.channels[0]) };
  }
  const image = await loadImage(new URL("../../../samples/chelsea.png", import.meta.url));
  return fromDrawable(image, image.naturalWidth, image.naturalHeight, channels);
}

/** Pixels of an uploaded image file (PNG, JPEG, WebP or GIF: whatever the browser decodes). */
export async function loadFile(file, channels) {
  const url = URL.createObjectURL(file);
  try {
    const image = await loadImage(url, file.name);
    return fromDrawable(image, image.naturalWidth, image.naturalHeight, channels);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** One frame of the webcam (the stream is stopped right after). */
export function captureWebcam(channels) {
  return withWebcamFrame((video, width, height) => fromDrawable(video, width, height, channels));
}
