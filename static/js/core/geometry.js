// Window geometry for drawing. Mirrors app/engine/geometry.py (tests/js checks they agree).

/**
 * Window positions along one axis: floor((I + P0 + P1 − D(K − 1) − 1) / S) + 1; < 1 means none fit.
 * Pooling's ceil mode rounds up instead, keeping a last partial window, but only one that starts
 * inside the input or the left padding (PyTorch's rule).
 */
export function outputSize(size, kernel, stride = 1, padBefore = 0, padAfter = padBefore, dilation = 1, ceilMode = false) {
  const span = size + padBefore + padAfter - dilation * (kernel - 1) - 1;
  if (!ceilMode) return Math.floor(span / stride) + 1;
  const out = Math.ceil(span / stride) + 1;
  return (out - 1) * stride >= size + padBefore ? out - 1 : out;
}

/** [top, bottom, left, right] for padding = number pair, "valid" or "same" (odd pixel bottom/right). */
export function resolvePadding(padding, kernel, dilation) {
  if (padding === "valid") return [0, 0, 0, 0];
  if (padding === "same") {
    const totalH = dilation[0] * (kernel[0] - 1);
    const totalW = dilation[1] * (kernel[1] - 1);
    return [Math.floor(totalH / 2), totalH - Math.floor(totalH / 2), Math.floor(totalW / 2), totalW - Math.floor(totalW / 2)];
  }
  return [padding[0], padding[0], padding[1], padding[1]];
}

/** How many windows read each cell of the unpadded input: an H×W array of counts. */
export function coverage(height, width, kernel, stride, dilation, pads, ceilMode = false) {
  const [top, bottom, left, right] = pads;
  const outH = outputSize(height, kernel[0], stride[0], top, bottom, dilation[0], ceilMode);
  const outW = outputSize(width, kernel[1], stride[1], left, right, dilation[1], ceilMode);
  const counts = Array.from({ length: height }, () => new Array(width).fill(0));
  for (let i = 0; i < outH; i++) {
    for (let j = 0; j < outW; j++) {
      for (let m = 0; m < kernel[0]; m++) {
        for (let n = 0; n < kernel[1]; n++) {
          const r = i * stride[0] + m * dilation[0] - top;
          const c = j * stride[1] + n * dilation[1] - left;
          if (r >= 0 && r < height && c >= 0 && c < width) counts[r][c] += 1;
        }
      }
    }
  }
  return counts;
}
