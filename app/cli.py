"""The `convscope` command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
    serve.add_argument("--model", type=Path, help="an ONNX file to import into the model store first")
    serve.add_argument("--labels", type=Path, help="the model's class names, one a line")
    train = commands.add_parser("train", help="train the digit model on MNIST (see --data) and write it to the "
                                              "current directory (or --out)")
    add_training_arguments(train)
    inspect = commands.add_parser("inspect", help="print an ONNX model's layers as the engine reads them: name, "
                                                  "type, output shape, parameters, multiply-adds")
    inspect.add_argument("model", type=Path, help="an .onnx file")
    args = parser.parse_args(argv)
    if args.command == "serve":
        if args.labels and not args.model:
            parser.error("--labels names the classes of --model, which is missing")
        if args.model and (status := import_model(args.model, args.labels, args.host, args.port)):
            sys.exit(status)
        uvicorn.run("app.main:app", host=args.host, port=args.port, workers=args.workers)
    elif args.command == "train":
        run_training(args)
    elif args.command == "inspect":
        sys.exit(inspect_model(args.model))


def import_model(path: Path, labels: Path | None, host: str, port: int) -> int:
    """Store an ONNX file (and its labels) as POST /api/models would, and say where it is served. -> exit status"""
    from app.api.errors import ClientError
    from app.api.imported import keep_file
    from app.settings import Settings

    try:
        data, names = path.read_bytes(), labels.read_text(encoding="utf-8") if labels else None
    except OSError as error:
        print(f"convscope: cannot read {error.filename}: {error.strerror}.", file=sys.stderr)
        return 1
    try:
        summary = keep_file(data, Settings(), names, title=path.name)
    except ClientError as error:
        print(f"convscope: {path}: {error.message}.", file=sys.stderr)
        return 2
    print(f"convscope: {path} is stored as {summary['name']}; explore it at "
          f"http://{host}:{port}/network?model={summary['name']}")
    return 0


def inspect_model(path: Path) -> int:
    """Print the layer table, or one sentence on stderr saying why the file cannot be read. -> exit status"""
    from app import engine
    from app.interchange.onnx_import import ModelError, read_model
    from app.interchange.table import layer_table
    from app.settings import Settings

    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"convscope: cannot read {path}: {error.strerror}.", file=sys.stderr)
        return 1
    try:
        model = read_model(data, max_bytes=Settings().max_model_bytes)
        table = layer_table(model, engine.plan(model.input_shape, model.nodes))
    except (ModelError, engine.LayerError) as error:
        print(f"convscope: {path}: {error}.", file=sys.stderr)
        return 2
    print(table)
    return 0


if __name__ == "__main__":
    main()
