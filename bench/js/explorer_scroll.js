// Scrolls the graph frame to `left` (CSS pixels; 0 is the input's end).
(left) => { document.getElementById("graph-frame").scrollLeft = left; }
