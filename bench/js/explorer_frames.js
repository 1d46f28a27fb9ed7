// A helper, not a function to evaluate: explorer.py puts it in scope of the scripts that ask for it.
// Watches the long animation frames (50 ms or more) from now on, where Chromium reports them; stop()
// ends the watch and returns how many there were, their time summed and the longest (ms), and the
// scripts they ran (ms by invoker and file).
const watchLongFrames = () => {
  const frames = [];
  const supported = PerformanceObserver.supportedEntryTypes.includes("long-animation-frame");
  const observer = supported ? new PerformanceObserver((list) => frames.push(...list.getEntries())) : null;
  observer?.observe({ type: "long-animation-frame" });
  const stop = () => {
    frames.push(...(observer?.takeRecords() ?? []));
    observer?.disconnect();
    const scripts = {};
    for (const frame of frames) {
      for (const run of frame.scripts) {
        const where = `${run.invoker} (${run.sourceURL.split("/").pop().split("?")[0] || "?"})`;
        scripts[where] = (scripts[where] ?? 0) + run.duration;
      }
    }
    return { supported, count: frames.length, total: frames.reduce((sum, frame) => sum + frame.duration, 0),
             longest: Math.max(0, ...frames.map((frame) => frame.duration)), scripts };
  };
  return { stop };
};
