// Scrolls the graph frame from end to end and back, a frame's width per animation frame, for `seconds`,
// with nothing to load (every map drawn already): how fast the page can be scrolled. Returns the frames
// per second and the longest frame in ms, then puts the frame back at its start.
async (seconds) => {
  const frame = document.getElementById("graph-frame");
  const stamps = [];
  let direction = 1;
  await new Promise((resolve) => {
    const move = (now) => {
      stamps.push(now);
      if (now - stamps[0] >= seconds * 1000) {
        resolve();
        return;
      }
      direction = sweepStep(frame, direction);
      requestAnimationFrame(move);
    };
    requestAnimationFrame(move);
  });
  frame.scrollLeft = 0;
  const intervals = stamps.slice(1).map((stamp, i) => stamp - stamps[i]);
  return { fps: intervals.length / ((stamps.at(-1) - stamps[0]) / 1000), longest: Math.max(...intervals) };
}
