// What the explorer draws for a model: its layer cards, the canvases in them (a map each, or a strip),
// the graph frame's visible and scrolled widths, the window's width, the samples offered and the chosen one.
() => {
  const frame = document.getElementById("graph-frame");
  return {
    cards: document.querySelectorAll(".layer-card").length,
    canvases: document.querySelectorAll(".layer-card canvas").length,
    frameWidth: frame.clientWidth,
    graphWidth: frame.scrollWidth,
    windowWidth: window.innerWidth,
    samples: [...document.querySelectorAll("select[name=sample] option")].map((option) => option.value),
    sample: document.querySelector("select[name=sample]").value,
  };
}
