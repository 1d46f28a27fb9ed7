"""Training the digit model with ConvScope's own engine: data, augmentation, loop, model card and the CLI."""

from .cli import add_arguments, main, run

__all__ = ["add_arguments", "main", "run"]
