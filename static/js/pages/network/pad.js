// The drawing pad: dark ink on white paper, drawn with mouse, touch or pen; strokes can be undone.
// While nothing is drawn it shows the digit the network is reading (a sample, an upload), as the
// network sees it; the first stroke starts a new drawing.
const INK = 20; // stroke width in canvas pixels (the pad is 280 px: about 2 MNIST pixels)
const WHITE = 255;

export class Pad {
  /** onChange(final): called while drawing (final = false) and when a stroke ends (final = true). */
  constructor(canvas, onChange) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.strokes = []; // each a list of [x, y] in canvas pixels
    this.digit = null; // a canvas holding the shown digit at its own size, or null
    this.onChange = onChange;
    canvas.addEventListener("pointerdown", (event) => this.start(event));
    canvas.addEventListener("pointermove", (event) => this.move(event));
    canvas.addEventListener("pointerup", () => this.end());
    canvas.addEventListener("pointercancel", () => this.end());
    this.redraw();
  }

  get empty() {
    return this.strokes.length === 0;
  }

  point(event) {
    const rect = this.canvas.getBoundingClientRect();
    return [((event.clientX - rect.left) / rect.width) * this.canvas.width,
            ((event.clientY - rect.top) / rect.height) * this.canvas.height];
  }

  start(event) {
    event.preventDefault();
    this.canvas.setPointerCapture(event.pointerId);
    this.digit = null;
    this.current = [this.point(event)];
    this.strokes.push(this.current);
    this.redraw();
    this.onChange(false);
  }

  move(event) {
    if (!this.current) return;
    for (const e of event.getCoalescedEvents?.() ?? [event]) this.current.push(this.point(e));
    this.redraw();
    this.onChange(false);
  }

  end() {
    if (!this.current) return;
    this.current = null;
    this.onChange(true);
  }

  undo() {
    if (this.empty) return; // nothing of the user's to undo (a shown digit stays)
    this.strokes.pop();
    this.redraw();
    this.onChange(true);
  }

  clear() {
    this.strokes = [];
    this.digit = null;
    this.redraw();
    this.onChange(true);
  }

  /** rows: the digit the network reads (0 = background, 1 = ink), or null to show none. */
  showDigit(rows) {
    this.digit = null;
    if (rows) {
      const [height, width] = [rows.length, rows[0].length];
      this.digit = document.createElement("canvas");
      [this.digit.width, this.digit.height] = [width, height];
      const image = this.digit.getContext("2d").createImageData(width, height);
      rows.flat().forEach((v, i) => {
        const level = WHITE - Math.round(Math.min(1, Math.max(0, v)) * WHITE); // ink is dark on the pad
        image.data.set([level, level, level, WHITE], i * 4);
      });
      this.digit.getContext("2d").putImageData(image, 0, 0);
    }
    this.redraw();
  }

  redraw() {
    const g = this.context;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, this.canvas.width, this.canvas.height);
    if (this.digit) {
      g.imageSmoothingEnabled = false; // one square per pixel the network reads
      g.drawImage(this.digit, 0, 0, this.canvas.width, this.canvas.height);
    }
    g.strokeStyle = "#000";
    g.fillStyle = "#000";
    g.lineWidth = INK;
    g.lineCap = "round";
    g.lineJoin = "round";
    for (const stroke of this.strokes) {
      g.beginPath();
      g.moveTo(...stroke[0]);
      for (const p of stroke.slice(1)) g.lineTo(...p);
      if (stroke.length === 1) g.arc(...stroke[0], INK / 2, 0, 2 * Math.PI);
      g.stroke();
      if (stroke.length === 1) g.fill();
    }
  }

  /** The drawing as PNG bytes, for the server to prepare as MNIST's digits were. */
  png() {
    return new Promise((resolve) => this.canvas.toBlob(resolve, "image/png"));
  }
}
