// Image mode, the page's side: the Input menu's image sources, and the feature maps redrawn when the
// kernels or parameters they depend on change. Fetched, with image-mode.js, when an image is chosen.
import { normalise, requestBody } from "./state.js";

export class ImageSource {
  constructor(page) {
    this.page = page;
    this.mode = null; // the ImageMode, made the first time an image is the source
    this.mapsKey = ""; // the kernels and parameters the feature maps were drawn with
  }

  /** Image mode's code is a third of the page's script: it is fetched only when an image is chosen. */
  async load() {
    if (this.mode) return this.mode;
    const { ImageMode } = await import("./image-mode.js");
    this.mode ??= new ImageMode({
      onRegion: (region, zoom) => {
        const { page } = this;
        page.state.input = region.map((plane) => plane.map((row) => row.map(Math.round)));
        page.state.zoom = zoom;
        page.state = normalise(page.state);
        page.refresh({ maps: false });
      },
      onError: (detail) => this.page.showProblem(detail),
    });
    return this.mode;
  }

  /** Image channels follow the page: RGB when it has 3 input channels, grey otherwise. */
  channels() {
    return this.page.state.input.length === 3 ? 3 : 1;
  }

  /** The zoom box takes the numeric input's size and the state's position. */
  followZoom(mode = this.mode) {
    const { state } = this.page;
    mode?.setZoom([state.input[0].length, state.input[0][0].length], state.zoom);
  }

  /** The Input menu or the file field changed: show the source the menu now names. */
  async choose() {
    const { page } = this;
    const value = page.form.elements.source.value;
    if (value === "numbers") {
      page.state.source = "numbers";
      this.mode?.hide();
      page.saveUrl();
      return;
    }
    try {
      const mode = await this.load();
      if (value !== page.state.source) page.state.zoom = null; // another picture: its region starts in the middle
      this.followZoom(mode);
      if (value === "upload") await mode.load("file", page.form.elements.upload.files[0], this.channels());
      else if (value === "webcam") await mode.load("webcam", null, this.channels());
      else await mode.load("sample", value, this.channels());
      page.state.source = value;
      this.mapsKey = "";
      this.refreshMaps();
    } catch (error) {
      page.showProblem(error.message, value === "webcam" ? "page.image.webcamError" : "page.image.error");
    }
  }

  /** Open the sample image a link names. */
  start() {
    const { source } = this.page.state;
    this.load().then((mode) => {
      this.followZoom(mode);
      return mode.load("sample", source, this.channels());
    }).then(() => this.refreshMaps(), (error) => this.page.showProblem(error.message, "page.image.error"));
  }

  /** Redraw the feature maps when the kernels or parameters they depend on have changed. */
  refreshMaps() {
    const { state } = this.page;
    if (state.source === "numbers") return;
    const { input, trace, ...rest } = requestBody(state);
    const key = JSON.stringify(rest);
    if (key === this.mapsKey) return;
    this.mapsKey = key;
    this.mode?.renderMaps(rest);
  }
}
