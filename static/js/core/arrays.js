// Arrays from the API: plain nested lists, or {dtype: "float32", shape, base64} when asked for.

/** -> {shape, data: Float32Array} for either form. */
export function unpack(array) {
  if (Array.isArray(array)) {
    const shape = [];
    for (let level = array; Array.isArray(level); level = level[0]) shape.push(level.length);
    return { shape, data: Float32Array.from(array.flat(Infinity)) };
  }
  const bytes = Uint8Array.from(atob(array.base64), (ch) => ch.charCodeAt(0));
  return { shape: array.shape, data: new Float32Array(bytes.buffer) };
}
