"""The `convscope` command."""

from __future__ import annotations

import argparse

import uvicorn

from app import __version__
from app.training import add_arguments as add_training_arguments
from app.training import run as run_training


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="convscope", description="See what a CNN does.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the web app and the JSON API")
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    train = commands.add_parser("train", help="train the digit model on MNIST (see --data) and write it to the "
                                              "current directory (or --out)")
    add_training_arguments(train)
    args = parser.parse_args(argv)
    if args.command == "serve":
        uvicorn.run("app.main:app", host=args.host, port=args.port, workers=args.workers)
    elif args.command == "train":
        run_training(args)


if __name__ == "__main__":
    main()
