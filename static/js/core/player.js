// One integer step drives a page. One requestAnimationFrame loop, stopped by a generation token.

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16]; // steps per second, chosen by index
// 1 step a second unless a page says otherwise; templates/explorer.html starts its speed slider here too.
const SPEED_INDEX = 2;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

export class Player {
  /**
   * onFrame(step, fraction): fraction in [0, 1) is how far the animation is towards the next step.
   * continuous: call onFrame on every animation frame (for pages that glide between steps);
   * otherwise only when the step changes, so a page redraws 16 times a second, not 60.
   */
  constructor({ count = 1, step = 0, speedIndex = SPEED_INDEX, onFrame, onChange, continuous = false }) {
    this.count = Math.max(1, count);
    this.step = clamp(step, 0, this.count - 1);
    this.speedIndex = speedIndex;
    this.playing = false;
    this.onFrame = onFrame;
    this.onChange = onChange ?? (() => {});
    this.continuous = continuous;
    this.generation = 0; // bumping it cancels the running loop
  }

  get speed() {
    return SPEEDS[this.speedIndex];
  }

  /** Glide between steps only when the user has not asked for reduced motion. */
  get smooth() {
    return !reducedMotion.matches;
  }

  setCount(count) {
    this.count = Math.max(1, count);
    this.go(Math.min(this.step, this.count - 1));
  }

  go(step) {
    this.step = clamp(step, 0, this.count - 1);
    this.position = this.step;
    this.render(0);
    this.onChange(this);
  }

  get atFirst() { return this.step === 0; }
  get atLast() { return this.step === this.count - 1; }

  next() { this.go(this.step + 1 >= this.count ? 0 : this.step + 1); }
  prev() { this.go(this.step - 1 < 0 ? this.count - 1 : this.step - 1); }
  first() { this.go(0); }
  last() { this.go(this.count - 1); }

  setSpeedIndex(index) {
    this.speedIndex = clamp(index, 0, SPEEDS.length - 1);
    this.onChange(this);
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  play() {
    if (this.playing) return;
    this.playing = true;
    this.position = this.step;
    const generation = ++this.generation;
    let last = null;
    const frame = (now) => {
      if (generation !== this.generation) return;
      if (last !== null) this.advance((now - last) / 1000);
      last = now;
      window.requestAnimationFrame(frame);
    };
    window.requestAnimationFrame(frame);
    this.onChange(this);
  }

  pause() {
    this.playing = false;
    this.generation++;
    this.position = this.step;
    this.render(0);
    this.onChange(this);
  }

  /** Move the playhead by `seconds` of play time; wraps to the first step after the last. */
  advance(seconds) {
    this.position = (this.position + seconds * this.speed) % this.count;
    const step = Math.floor(this.position);
    const changed = step !== this.step;
    this.step = step;
    if (changed || this.continuous) this.render(this.smooth ? this.position - step : 0);
    if (changed) this.onChange(this);
  }

  render(fraction) {
    this.onFrame?.(this.step, fraction);
  }
}

function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}
