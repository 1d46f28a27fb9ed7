"""`python -m app.training [--epochs N] [--seed S] [--out DIR] [--limit N]`."""

from .cli import main

main()
