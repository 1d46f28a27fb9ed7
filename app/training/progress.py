"""A plain-text progress bar on stderr: `epoch 3/12 [#####.....] loss 0.123 acc 96.5%`."""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 20
UPDATES_PER_EPOCH = 20  # redraws per epoch: enough to see it move, few enough for a log file


class Progress:
    """Running loss and accuracy of one epoch, redrawn in place; one finished line per epoch."""

    def __init__(self, epochs: int, steps: int, stream: TextIO = sys.stderr):
        self.epochs, self.steps, self.stream = epochs, steps, stream
        self.every = max(1, steps // UPDATES_PER_EPOCH)
        self._start(0)

    def _start(self, epoch: int) -> None:
        self.epoch, self.step, self.loss_sum, self.correct, self.seen = epoch, 0, 0.0, 0, 0

    def line(self) -> str:
        done = round(BAR_WIDTH * self.step / self.steps)
        loss = self.loss_sum / max(1, self.seen)
        accuracy = 100.0 * self.correct / max(1, self.seen)
        return (f"epoch {self.epoch + 1}/{self.epochs} [{'#' * done}{'.' * (BAR_WIDTH - done)}] "
                f"loss {loss:.3f} acc {accuracy:.1f}%")

    def update(self, epoch: int, batch_loss: float, correct: int, size: int) -> None:
        """Count one batch (its mean loss, correct predictions, size) of `epoch` (from 0)."""
        if epoch != self.epoch:
            self._start(epoch)
        self.step += 1
        self.loss_sum += batch_loss * size
        self.correct += correct
        self.seen += size
        if self.step == self.steps:
            self.stream.write(f"\r{self.line()}\n")
        elif self.step % self.every == 0:
            self.stream.write(f"\r{self.line()}")
        self.stream.flush()
