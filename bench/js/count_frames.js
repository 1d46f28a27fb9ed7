// Counts requestAnimationFrame callbacks for `seconds`, and long animation frames where supported.
async (seconds) => {
  const kind = ["long-animation-frame", "longtask"].find((t) => PerformanceObserver.supportedEntryTypes.includes(t));
  const long = [];
  const observer = new PerformanceObserver((list) => long.push(...list.getEntries().map((e) => e.duration)));
  if (kind) observer.observe({ type: kind });
  const stamps = [];
  await new Promise((resolve) => {
    const frame = (now) => {
      stamps.push(now);
      if (now - stamps[0] < seconds * 1000) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  observer.disconnect();
  return { stamps, kind: kind ?? null, long };
}
