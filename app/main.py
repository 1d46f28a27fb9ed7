"""Builds the app: middleware, routers, static files. No logic lives here."""

from __future__ import annotations

from collections import OrderedDict
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI

from . import __version__, heap
from .api import errors
from .api.body_limit import BodyLimitMiddleware
from .api.heavy import HeavyRequestMiddleware
from .api.imported import make_store
from .api.routes import OPERATIONS, health, models
from .headers import SecurityHeadersMiddleware
from .paths import STATIC_DIR
from .settings import Settings
from .shipped import MODELS_DIR, load_models
from .web import docs, export, pages
from .web.assets import VersionedStaticFiles

DESCRIPTION = """Convolution, pooling, activations and whole forward passes, computed by a pure-NumPy
engine with PyTorch's semantics (NCHW, cross-correlation by default, floor-mode sizes).
Errors are one sentence naming the field: 422 when malformed, 413 when over a limit, 415 for an
upload that is neither JSON nor an image."""


def create_app(settings: Settings | None = None, models_dir: Path = MODELS_DIR) -> FastAPI:
    settings = settings or Settings()  # from the CONVSCOPE_* environment variables

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.models = load_models(models_dir)  # once, at start-up
        heap.settle()  # after everything start-up builds
        yield

    app = FastAPI(title="ConvScope", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None,
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.store = make_store(settings)  # imported models, shared by every worker that sees the directory
    app.state.imported = OrderedDict()  # name -> Imported: this worker's parsed graphs (imported.CACHED_GRAPHS)
    app.state.exported = {}  # shipped model's name -> its ONNX file
    app.state.pages = {}  # (template, language, root path) -> the rendered page
    app.add_middleware(HeavyRequestMiddleware, settings=settings)  # a large body waits before it is parsed
    app.add_middleware(BodyLimitMiddleware, settings=settings)  # around it: reads (and measures) the body
    app.add_middleware(SecurityHeadersMiddleware, settings=settings)  # outermost: even a 413 carries them
    errors.install(app)
    for module in (*OPERATIONS, models, health):
        app.include_router(module.router)
    app.include_router(pages.router)
    app.include_router(docs.router)
    app.include_router(export.router)
    static = VersionedStaticFiles(STATIC_DIR)
    app.state.static_version = static.version
    app.mount("/static", static, name="static")
    return app


app = create_app()
