// A helper, not a function to evaluate: browser.py puts it in scope of the scripts that ask for it.
// Rows of the grid with this test id, as a table or as a heat map (beyond 16 a side).
const rowsOf = (id) => {
  const grid = document.querySelector(`[data-testid=${id}]:not([hidden])`);
  return !grid ? 0 : grid.dataset.rows ? Number(grid.dataset.rows) : grid.querySelectorAll("tr").length;
};
