// Layer outputs fetched as their cards scroll into view: the cards seen together go in one request
// (the server runs the network only as far as the last of them), and each answer is kept until the
// input changes. A network of 512-map layers never has all of its maps in the browser at once.
import { post } from "../../core/api.js";
import { sizeOf, unpack } from "../../core/arrays.js";

const BATCH_VALUES = 1 << 21; // numbers in one request's answer: half the server's default limit
const AHEAD = "0px 50% 0px 50%"; // start loading half a screen before a card comes into view

export class MapLoader {
  /**
   * model: the summary; frame: the scrolling element; onLayer(name, {shape, data}) draws a layer;
   * onError(error) reports a failed request.
   */
  constructor({ model, frame, onLayer, onError }) {
    this.model = model;
    this.sizes = new Map(model.layers.map((layer) => [layer.name, sizeOf(layer.shape)]));
    this.order = new Map(model.layers.map((layer, index) => [layer.name, index]));
    this.onLayer = onLayer;
    this.onError = onError;
    this.input = null; // the compact input every request sends
    this.loaded = new Map(); // name -> {shape, data}
    this.wanted = new Set(); // seen, not yet asked for
    this.visible = new Set();
    this.generation = 0; // answers for an older input are dropped
    this.flushing = false; // a round of requests is in flight
    this.again = false; // cards came into view meanwhile
    this.observer = new IntersectionObserver((entries) => this.seen(entries), { root: frame, rootMargin: AHEAD });
  }

  observe(element) {
    this.observer.observe(element);
  }

  /** A new input: forget every map, and ask again for the cards in view. */
  setInput(input) {
    this.input = input;
    this.loaded.clear();
    this.generation++;
    this.wanted = new Set(this.visible);
    this.schedule();
  }

  /** An output the page already has (the model's own, answered with the top classes): not asked again. */
  keep(name, output) {
    this.loaded.set(name, output);
    this.wanted.delete(name);
    this.onLayer(name, output);
  }

  /** The layer's output, fetched now if it is not here yet. -> Promise<{shape, data}> */
  async need(name) {
    if (this.loaded.has(name)) return this.loaded.get(name);
    await this.fetch([name]);
    return this.loaded.get(name);
  }

  seen(entries) {
    for (const entry of entries) {
      const name = entry.target.dataset.layer;
      if (entry.isIntersecting) {
        this.visible.add(name);
        if (!this.loaded.has(name)) this.wanted.add(name);
      } else {
        this.visible.delete(name);
      }
    }
    this.schedule();
  }

  /** Flush soon; while a flush is in flight, once it is done (one round of requests at a time, so a
   * fast scroll asks only for where it stops, not for every card it passed). */
  schedule() {
    if (!this.input) return;
    if (this.flushing) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      this.flushing = true;
      try {
        await this.flush();
      } finally {
        this.flushing = false;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      }
    }, 0);
  }

  /** Ask for the wanted layers still in view, in batches of at most BATCH_VALUES numbers, in graph order. */
  async flush() {
    // A card that scrolled past before its turn is not asked for: a fast scroll would queue the whole network.
    const names = [...this.wanted].filter((name) => this.visible.has(name) && !this.loaded.has(name))
      .sort((a, b) => this.order.get(a) - this.order.get(b));
    this.wanted.clear();
    let batch = [];
    let values = 0;
    const batches = [];
    for (const name of names) {
      if (batch.length && values + this.sizes.get(name) > BATCH_VALUES) {
        batches.push(batch);
        batch = [];
        values = 0;
      }
      batch.push(name);
      values += this.sizes.get(name);
    }
    if (batch.length) batches.push(batch);
    // All at once: the server computes the next batch while this page unpacks and draws the one before.
    await Promise.all(batches.map((names) => this.fetch(names)));
  }

  async fetch(names) {
    const generation = this.generation;
    try {
      const answer = await post(`/api/models/${this.model.name}/forward`, {
        input: this.input, outputs: names, encoding: "base64",
      });
      if (generation !== this.generation) return;
      for (const layer of answer.layers) {
        const output = unpack(layer.output);
        this.loaded.set(layer.name, output);
        this.onLayer(layer.name, output);
      }
    } catch (error) {
      if (generation === this.generation) this.onError(error);
    }
  }
}
