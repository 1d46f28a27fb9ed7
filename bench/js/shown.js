// What the convolution page shows: its input and output rows, whether the input is a heat map, its problem.
() => ({
  inputRows: rowsOf("input-0"),
  outputRows: rowsOf("output-0"),
  heat: document.querySelector("[data-testid=input-0]:not([hidden])").classList.contains("heat"),
  problem: document.getElementById("problem").hidden ? null : document.getElementById("problem").textContent,
})
