// Armed before an event in the detail panel (`on`: "keydown" for a key, "click" for a map button):
// resolves when the equation has been replaced (the new cell's arithmetic, its value in `.result`), then
// at the next animation frame. Times from the event's timestamp; the trace request's times come from
// Resource Timing (the last one's, and how many were sent: the page may ask for more than the cell
// shown); `step` is the URL's, which follows the player (counted from 1); `blocked`, the long animation
// frames meanwhile (watchLongFrames, explorer_frames.js). Gives up after `timeout` ms.
({ on, timeout }) => {
  performance.clearResourceTimings();
  const equation = document.getElementById("equation");
  const long = watchLongFrames(); // explorer_frames.js
  const done = new Promise((resolve) => {
    let event = null;
    window.addEventListener(on, (e) => { event = e.timeStamp; }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const result = equation.querySelector(".result");
      if (event === null || !result) return;
      observer.disconnect();
      clearTimeout(timer);
      const shown = performance.now();
      const traces = performance.getEntriesByType("resource").filter((e) => e.name.includes("/trace"));
      const trace = traces.at(-1);
      requestAnimationFrame(() => resolve({
        event, shown, frame: performance.now(), value: result.textContent,
        step: new URLSearchParams(location.search).get("step"),
        sent: trace?.startTime ?? null, waited: trace ? trace.responseStart - trace.requestStart : null,
        answered: trace?.responseEnd ?? null, traces: traces.length, blocked: long.stop(),
      }));
    });
    observer.observe(equation, { childList: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ timedOut: true, event, blocked: long.stop() });
    }, timeout);
  });
  return { done };
}
