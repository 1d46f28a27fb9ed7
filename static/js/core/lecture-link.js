// A page shown as one view of a lecture: /lecture holds it in a frame of this origin, marked
// data-lecture-view. What belongs to the whole lecture (the next or previous view, a blank screen,
// full screen, presentation mode) goes up to the lecture page as a message; the lecture page sends
// down the keys pressed while it has the focus. Messages are {lecture: kind, ...details}.

// A frame's element is visible only to a parent of the same origin; anywhere else it is null.
export const inLecture = Boolean(window.frameElement?.hasAttribute("data-lecture-view"));

/** Tell the lecture page: "next", "previous", "blank", "fullscreen", or "present" with {on}. */
export function tellLecture(kind, details = {}) {
  if (inLecture) window.parent.postMessage({ lecture: kind, ...details }, window.location.origin);
}

/** handler(message) for every message the lecture page sends this view. */
export function listenToLecture(handler) {
  if (!inLecture) return;
  window.addEventListener("message", (event) => {
    if (event.source === window.parent && event.origin === window.location.origin && event.data?.lecture) {
      handler(event.data);
    }
  });
}
