// What a model can be given, by its input shape: a drawn digit for 1×28×28, pictures (a photo, simple
// shapes, the reader's own, the webcam) for 1- or 3-channel images, and random numbers for anything.
// Pictures go to the server as they are; it fits and normalises them and says how.
import { sizeOf } from "../../core/arrays.js";
import { drawShape } from "../../core/shapes.js";
import { withWebcamFrame } from "../../core/webcam.js";

const SHAPE_SIDE = 224;

/** The sample ids a model of input shape [C, H, W, …] offers, the first being where it opens. */
export function samplesFor(shape) {
  const image = shape.length === 3 && [1, 3].includes(shape[0]);
  if (!image) return ["random"];
  const pictures = ["photo-chelsea", "shape-circle", "shape-stripes", "shape-checker"];
  if (shape[0] === 1 && shape[1] === 28 && shape[2] === 28) return ["draw", ...pictures, "random"];
  return [...pictures, "random"];
}

/** A picture as a PNG blob: the shipped photo, or a shape drawn white on black. */
export async function sampleBlob(id) {
  if (id === "photo-chelsea") {
    const response = await fetch(new URL("../../../samples/chelsea.png", import.meta.url));
    return response.blob();
  }
  const canvas = drawShape(id.replace("shape-", ""), SHAPE_SIDE);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
}

/** Standard normal numbers in `shape`, the same every time for a seed (so a URL shows the same maps). */
export function randomInput(shape, seed = 1) {
  let state = seed >>> 0 || 1;
  const uniform = () => { // xorshift32: small, fast, and the same in every browser
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 2 ** 32;
  };
  const size = sizeOf(shape);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { shape, data };
}

/** One frame of the webcam as a PNG blob. */
export function webcamBlob() {
  return withWebcamFrame((video, width, height) => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d").drawImage(video, 0, 0);
    return new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  });
}

/** A Float32Array as the API's compact array: {dtype, shape, base64}. */
export function compact({ shape, data }) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dtype: "float32", shape, base64: btoa(text) };
}
