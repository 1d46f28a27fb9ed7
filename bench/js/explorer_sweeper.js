// A helper, not a function to evaluate: explorer.py puts it in scope of the scripts that ask for it.
// One step of a sweep of the graph frame from end to end and back: a frame's width in `direction` (1 to
// the right, -1 to the left), turning at either end. Returns the direction for the next step.
const sweepStep = (frame, direction) => {
  const end = frame.scrollWidth - frame.clientWidth;
  const turn = (direction > 0 && frame.scrollLeft >= end - 1) || (direction < 0 && frame.scrollLeft <= 0);
  const next = turn ? -direction : direction;
  frame.scrollLeft = Math.max(0, Math.min(end, frame.scrollLeft + next * frame.clientWidth));
  return next;
};
