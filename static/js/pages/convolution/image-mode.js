// Image mode: a whole image convolved with the current kernels, its feature maps beside it, and a
// zoom rectangle whose pixels become the numeric input that the grids above animate.
import { post } from "../../core/api.js";
import { unpack } from "../../core/arrays.js";
import { renderLegend, scaleBetween } from "../../core/colormap.js";
import { drawImage, drawMap } from "../../core/heatmap.js";
import { t } from "../../core/i18n.js";
import { robustRange } from "../../core/percentiles.js";
import { captureWebcam, loadFile, loadSample } from "./images.js";

export class ImageMode {
  /** onRegion(stack): the zoomed pixels as C × h × w rows of numbers; onError(text). */
  constructor({ onRegion, onError }) {
    this.panel = document.getElementById("image-panel");
    this.source = document.getElementById("image-canvas");
    this.zoomBox = document.getElementById("zoom-box");
    this.maps = document.getElementById("feature-maps");
    this.onRegion = onRegion;
    this.onError = onError;
    this.image = null; // {channels, height, width}
    this.zoom = null; // the region's top-left [row, col]; null: the middle of the image
    this.size = [3, 3];
    this.request = 0; // the newest maps request; older answers are dropped
    this.source.addEventListener("pointerdown", (event) => this.drag(event));
  }

  async load(kind, value, channels) {
    if (kind === "file") this.image = await loadFile(value, channels);
    else if (kind === "webcam") this.image = await captureWebcam(channels);
    else this.image = await loadSample(value, channels);
    drawImage(this.source, this.image.channels, this.image.height, this.image.width);
    this.panel.hidden = false;
    this.moveZoom(this.zoom);
  }

  hide() {
    this.panel.hidden = true;
    this.image = null;
  }

  /** Zoom size (the numeric input's size) and position (null: centred), clamped to the image. */
  setZoom(size, position) {
    this.size = size;
    this.zoom = position;
    if (this.image) this.moveZoom(position);
  }

  /** Put the region's top-left at `position` (null: centre it), show it and send its pixels. */
  moveZoom(position) {
    const { height, width } = this.image;
    const [h, w] = [Math.min(this.size[0], height), Math.min(this.size[1], width)];
    const [row, col] = position ?? [Math.floor((height - h) / 2), Math.floor((width - w) / 2)];
    this.zoom = [Math.max(0, Math.min(height - h, row)), Math.max(0, Math.min(width - w, col))];
    // In percent of the picture as drawn: the box's ring lies outside these edges (explorer.css).
    Object.assign(this.zoomBox.style, {
      left: `${(this.zoom[1] / width) * 100}%`, top: `${(this.zoom[0] / height) * 100}%`,
      width: `${(w / width) * 100}%`, height: `${(h / height) * 100}%`,
    });
    const region = this.image.channels.map((plane) => Array.from({ length: h }, (_, r) =>
      Array.from({ length: w }, (_, c) => plane[(this.zoom[0] + r) * width + this.zoom[1] + c])));
    this.onRegion(region, this.zoom);
  }

  drag(event) {
    if (!this.image) return;
    const rect = this.source.getBoundingClientRect();
    const at = (e) => [
      Math.floor(((e.clientY - rect.top) / rect.height) * this.image.height - this.size[0] / 2),
      Math.floor(((e.clientX - rect.left) / rect.width) * this.image.width - this.size[1] / 2),
    ];
    this.moveZoom(at(event));
    const move = (e) => this.moveZoom(at(e));
    const stop = () => {
      this.source.removeEventListener("pointermove", move);
      this.source.removeEventListener("pointerup", stop);
    };
    this.source.setPointerCapture(event.pointerId);
    this.source.addEventListener("pointermove", move);
    this.source.addEventListener("pointerup", stop);
  }

  /** Convolve the whole image with the page's kernels and draw one feature map per filter. */
  async renderMaps(body) {
    if (!this.image) return;
    const request = ++this.request;
    const input = this.image.channels.map((plane) => Array.from({ length: this.image.height }, (_, r) =>
      Array.from(plane.subarray(r * this.image.width, (r + 1) * this.image.width))));
    try {
      const answer = await post("/api/convolve", { ...body, input, trace: false, encoding: "base64" });
      if (request !== this.request) return;
      const { shape, data } = unpack(answer.output); // (F, OH, OW)
      const [filters, oh, ow] = shape;
      // One scale for all maps, so they compare; clipped to the 1st-99th percentiles, so that a few
      // extreme values do not wash the maps out.
      const scale = scaleBetween(...robustRange(data));
      this.maps.replaceChildren();
      for (let f = 0; f < filters; f++) {
        const figure = document.createElement("figure");
        figure.className = "feature-map";
        const canvas = document.createElement("canvas");
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", t("page.image.map", { f: f + 1, h: oh, w: ow }));
        canvas.dataset.testid = `feature-map-${f}`;
        drawMap(canvas, data.subarray(f * oh * ow, (f + 1) * oh * ow), oh, ow, scale);
        const caption = document.createElement("figcaption");
        caption.textContent = t("page.image.map", { f: f + 1, h: oh, w: ow });
        figure.append(canvas, caption);
        this.maps.append(figure);
      }
      const legend = document.createElement("div");
      legend.className = "legend";
      renderLegend(legend, scale);
      this.maps.append(legend);
    } catch (error) {
      if (request === this.request) this.onError(error.detail ?? error.message);
    }
  }
}
