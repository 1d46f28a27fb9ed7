// Waits for an armed probe (explorer_click.js, explorer_step.js) and returns what it timed.
(probe) => probe.done
