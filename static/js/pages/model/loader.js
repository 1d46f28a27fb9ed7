// Layer outputs fetched as their cards scroll into view: the cards seen together go in one request
// (the server runs the network only as far as the last of them), and each answer is kept until the
// input changes. Once the cards in view are answered, the rest follow in graph order, up to
// PREFETCH_VALUES numbers: a scroll then finds ResNet-18's maps drawn, while a network of many 512-map
// layers is not fetched whole for every new input.
import { post } from "../../core/api.js";
import { sizeOf, unpack } from "../../core/arrays.js";

const BATCH_VALUES = 1 << 21; // numbers in one request's answer: half the server's default limit
const AHEAD = "0px 50% 0px 50%"; // start loading half a screen before a card comes into view
const PREFETCH_VALUES = 1 << 23; // 32 MB of float32: all of ResNet-18's 5.7 million

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
    this.asked = new Set(); // names in a request not yet answered
    this.failed = false; // a request for this input failed: nothing more is fetched ahead
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
    this.asked = new Set(); // requests for the old input no longer count
    this.failed = false;
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

  /** Ask for the wanted layers still in view, in graph order; with none, for the rest (ahead). */
  async flush() {
    // A card that scrolled past before its turn is not asked for: a fast scroll would queue the whole network.
    const names = [...this.wanted].filter((name) => this.visible.has(name) && !this.loaded.has(name))
      .sort((a, b) => this.order.get(a) - this.order.get(b));
    this.wanted.clear();
    if (!names.length) return this.fetchAll(this.ahead());
    await this.fetchAll(names);
    this.again = true; // then whatever came into view meanwhile, or the rest (sent with these, it slowed them)
  }

  /** The layers neither loaded nor asked for, in graph order, as far as they and the loaded ones stay
   * within PREFETCH_VALUES numbers; none after a failed request. */
  ahead() {
    if (this.failed) return [];
    let held = 0;
    for (const name of this.loaded.keys()) held += this.sizes.get(name);
    const names = [];
    for (const [name, size] of this.sizes) {
      if (this.loaded.has(name) || this.asked.has(name)) continue;
      if (held + size > PREFETCH_VALUES) break;
      names.push(name);
      held += size;
    }
    return names;
  }

  /** names in batches of at most BATCH_VALUES numbers, in their order, all sent at once: the server
   * computes the next batch while this page unpacks and draws the one before. */
  async fetchAll(names) {
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
    await Promise.all(batches.map((names) => this.fetch(names)));
  }

  async fetch(names) {
    const generation = this.generation;
    const asked = this.asked;
    names.forEach((name) => asked.add(name));
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
      if (generation === this.generation) {
        this.failed = true;
        this.onError(error);
      }
    } finally {
      names.forEach((name) => asked.delete(name));
    }
  }
}
