// Simple shapes drawn white on black, as test pictures: the convolution page's image mode reads them as
// pixels, the model explorer sends them to a network. Sizes are fractions of the side, so every size
// shows the same picture (at 48 pixels: stripes and squares of 8).

/** Draw shape `name` (circle, square, stripes, checker, or a diagonal half) on a new side × side canvas. */
export function drawShape(name, side) {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = side;
  const g = canvas.getContext("2d", { willReadFrequently: true });
  g.fillStyle = "#000";
  g.fillRect(0, 0, side, side);
  g.fillStyle = "#fff";
  const s = side;
  const cell = side / 6;
  if (name === "circle") {
    g.beginPath();
    g.arc(s / 2, s / 2, s * 0.3, 0, 2 * Math.PI);
    g.fill();
  } else if (name === "square") {
    g.fillRect(s * 0.25, s * 0.25, s * 0.5, s * 0.5);
  } else if (name === "stripes") {
    for (let k = 0; k < 6; k++) g.fillRect(k * cell, 0, cell / 2, s);
  } else if (name === "checker") {
    for (let row = 0; row < 6; row++) {
      for (let col = row % 2; col < 6; col += 2) g.fillRect(col * cell, row * cell, cell, cell);
    }
  } else {
    g.beginPath();
    g.moveTo(0, s);
    g.lineTo(s, 0);
    g.lineTo(s, s);
    g.fill();
  }
  return canvas;
}
