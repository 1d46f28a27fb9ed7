// Arrays from the API: plain nested lists, or {dtype: "float32" | "int32", shape, base64} when asked for.

const TYPED = { float32: Float32Array, int32: Int32Array };

/** -> {shape, data: Float32Array (or Int32Array for encoded indices)} for either form. */
export function unpack(array) {
  if (Array.isArray(array)) {
    const shape = [];
    for (let level = array; Array.isArray(level); level = level[0]) shape.push(level.length);
    return { shape, data: Float32Array.from(array.flat(Infinity)) };
  }
  // A plain loop: Uint8Array.from(text, mapFn) calls a function per byte, 15× slower on a 4 MB map.
  const text = atob(array.base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return { shape: array.shape, data: new TYPED[array.dtype](bytes.buffer) };
}

/** An H×W array in either form -> its rows, as plain arrays of numbers. */
export function rowsOf(array) {
  const { shape, data } = unpack(array);
  const [height, width] = shape.slice(-2);
  return Array.from({ length: height }, (_, r) => Array.from(data.subarray(r * width, (r + 1) * width)));
}

/** How many numbers an array of `shape` holds. */
export function sizeOf(shape) {
  return shape.reduce((a, b) => a * b, 1);
}

/** The index of the largest value (the first of equals). */
export function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}
