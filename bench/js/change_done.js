// Waits for an armed change probe (change_probe.js) and returns what it timed.
(probe) => probe.done
