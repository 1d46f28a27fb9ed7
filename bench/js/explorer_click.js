// The click: chooses `sample` in the sample select, as a reader does, and resolves when the new input's
// top five and layer maps are on screen, in ms after the change event.
// `sweep` false: the run waits for the cards the map loader asks for, those that meet the graph frame
// widened by half its width on each side (its IntersectionObserver's root and margin).
// `sweep` true: from the click on, it scrolls the frame from end to end and back, a frame's width per
// animation frame (sweepStep, explorer_sweeper.js), and waits until every layer has been drawn.
// A card counts once it is drawn in or after the task that shows the top five: in that task the page
// sets the loader's new input, draws the picture's card and the model's output (answered with the top
// five) and shows the top five, and from then on it drops answers for the old input; the mutations of
// one task reach the observer together. Cards drawn between the click and then are the old input's
// (`stale`). A draw is seen as a class mutation: graph.js adds `loaded` on every draw, and classList.add
// sets the attribute (one record) even when the card has the class already.
// Also returned: the /forward requests (Resource Timing; `image` is the picture's, the others are the
// loader's) and the long animation frames (50 ms or more) meanwhile, with the scripts they ran.
// Gives up after `timeout` ms. The promise sits in an object so that evaluate_handle returns at once.
({ sample, sweep, timeout }) => {
  const INPUT = "input";
  const EDGE = 1; // px a card must overlap the loader's area by: one that only touches it is not awaited
  const frame = document.getElementById("graph-frame");
  const prediction = document.getElementById("prediction");
  const select = document.querySelector("select[name=sample]");
  const cards = [...document.querySelectorAll(".layer-card")].filter((card) => card.dataset.layer !== INPUT);

  const inLoaderView = () => {
    const box = frame.getBoundingClientRect();
    const left = box.left + frame.clientLeft;
    const right = left + frame.clientWidth;
    const top = box.top + frame.clientTop;
    const bottom = top + frame.clientHeight;
    const margin = frame.clientWidth / 2;
    return cards.filter((card) => {
      const r = card.getBoundingClientRect();
      return r.right > left - margin + EDGE && r.left < right + margin - EDGE
        && r.bottom > top + EDGE && r.top < bottom - EDGE;
    }).map((card) => card.dataset.layer);
  };

  let sweeping = sweep;
  const move = (direction) => {
    if (sweeping) requestAnimationFrame(() => move(sweepStep(frame, direction)));
  };

  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(1000);
  const drawn = new Set(); // layers drawn for the new input
  let stale = 0;
  let top = null;
  let expected = sweep ? cards.map((card) => card.dataset.layer) : null;
  let start = 0;

  const long = watchLongFrames(); // explorer_frames.js

  const done = new Promise((resolve) => {
    const requests = () => performance.getEntriesByType("resource").filter((e) => e.name.includes("/forward"))
      .map((e) => ({
        image: e.name.includes("encoding=base64"), start: e.startTime - start, end: e.responseEnd - start,
        waited: e.responseStart - e.requestStart, received: e.responseEnd - e.responseStart, bytes: e.decodedBodySize,
      }));
    const observer = new MutationObserver((records) => {
      if (top === null && records.some((record) => record.target === prediction)
          && prediction.querySelector(".top-list li")) {
        top = performance.now();
        expected ??= inLoaderView();
      }
      for (const record of records) {
        if (record.target === prediction) continue;
        const card = record.target;
        if (!card.classList.contains("layer-card") || !card.classList.contains("loaded")) continue;
        if (card.dataset.layer === INPUT) continue;
        if (top === null) stale++;
        else drawn.add(card.dataset.layer);
      }
      if (top === null || !expected.every((name) => drawn.has(name))) return;
      observer.disconnect();
      clearTimeout(timer);
      sweeping = false;
      const shown = performance.now();
      requestAnimationFrame(() => resolve({
        top: top - start, shown: shown - start, frame: performance.now() - start, stale,
        expected: expected.length, drawn: drawn.size, requests: requests(), blocked: long.stop(),
      }));
    });
    observer.observe(prediction, { childList: true });
    observer.observe(document.getElementById("graph"), { attributes: true, attributeFilter: ["class"], subtree: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      sweeping = false;
      const problem = document.getElementById("problem");
      resolve({ timedOut: true, top: top === null ? null : top - start, expected: expected?.length ?? null,
                drawn: drawn.size, missing: (expected ?? []).filter((name) => !drawn.has(name)),
                problem: problem.hidden ? null : problem.textContent, stale, requests: requests(), blocked: long.stop() });
    }, timeout);
  });

  start = performance.now();
  select.value = sample;
  select.dispatchEvent(new Event("input", { bubbles: true }));
  select.dispatchEvent(new Event("change", { bubbles: true }));
  move(1);
  return { done };
}
