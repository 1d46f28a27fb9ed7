"""`python -m app.training [--epochs N] [--seed S] [--out DIR] [--limit N] [--data FILE]`."""

from .cli import main

main()
