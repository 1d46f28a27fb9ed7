// What a model can be given, by its input shape: a drawn digit for 1×28×28, pictures (a photo, simple
// shapes, the reader's own, the webcam) for 1- or 3-channel images, and random numbers for anything.
// Pictures go to the server as they are; it fits and normalises them and says how.

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
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = SHAPE_SIDE;
  const g = canvas.getContext("2d");
  g.fillStyle = "#000";
  g.fillRect(0, 0, SHAPE_SIDE, SHAPE_SIDE);
  g.fillStyle = "#fff";
  const s = SHAPE_SIDE;
  if (id === "shape-circle") {
    g.beginPath();
    g.arc(s / 2, s / 2, s * 0.3, 0, 2 * Math.PI);
    g.fill();
  } else if (id === "shape-stripes") {
    for (let x = 0; x < s; x += 28) g.fillRect(x, 0, 14, s);
  } else {
    for (let y = 0; y < s; y += 28) for (let x = (y / 28) % 2 ? 28 : 0; x < s; x += 56) g.fillRect(x, y, 28, 28);
  }
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
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { shape, data };
}

/** One frame of the webcam as a PNG blob (the camera is stopped right after). */
export async function webcamBlob() {
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  try {
    const video = document.createElement("video");
    video.srcObject = stream;
    video.muted = true;
    await video.play();
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    return await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
  } finally {
    stream.getTracks().forEach((track) => track.stop());
  }
}

/** A Float32Array as the API's compact array: {dtype, shape, base64}. */
export function compact({ shape, data }) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { dtype: "float32", shape, base64: btoa(text) };
}
