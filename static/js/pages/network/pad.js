// The drawing pad: dark ink on white paper, drawn with mouse, touch or pen; strokes can be undone.
const INK = 20; // stroke width in canvas pixels (the pad is 280 px: about 2 MNIST pixels)

export class Pad {
  /** onChange(final): called while drawing (final = false) and when a stroke ends (final = true). */
  constructor(canvas, onChange) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.strokes = []; // each a list of [x, y] in canvas pixels
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
    this.strokes.pop();
    this.redraw();
    this.onChange(true);
  }

  clear() {
    this.strokes = [];
    this.redraw();
    this.onChange(true);
  }

  redraw() {
    const g = this.context;
    g.fillStyle = "#fff";
    g.fillRect(0, 0, this.canvas.width, this.canvas.height);
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
