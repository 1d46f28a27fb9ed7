// Armed before the key press: resolves when the output grid has `rows` rows, then at the next frame.
// The promise sits in an object so that evaluate_handle returns at once instead of awaiting it.
(rows) => {
  performance.clearResourceTimings();
  const output = document.getElementById("output-grids");
  const shownRows = () => rowsOf("output-0");
  const done = new Promise((resolve) => {
    let input = null;
    document.addEventListener("input", (event) => { input = event.timeStamp; }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (input === null || shownRows() !== rows) return;
      observer.disconnect();
      const shown = performance.now();
      const request = performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/api/convolve")).at(-1);
      requestAnimationFrame(() => resolve({
        input, shown, frame: performance.now(),
        sent: request?.startTime ?? null, answered: request?.responseEnd ?? null,
      }));
    });
    observer.observe(output, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  return { done };
}
