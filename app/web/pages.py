"""HTML pages: each renders a Jinja2 template with its strings in the chosen language."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import __version__, engine
from ..api.routes import operation_names
from ..api.schemas.convolve import SEED_EXAMPLE
from ..paths import TEMPLATES_DIR
from .assets import asset
from .export.routes import VIEWS as EXPORT_VIEWS
from .i18n import choose_language, for_scripts, remember_language, strings
from .lectures import lecture_data
from .worked_example import first_step

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)  # autoescape is on for .html
templates.env.globals["asset"] = asset

ENDPOINTS = operation_names()  # POST /api/<name>, each described in home.json

EXPLORERS = ("convolution", "transposed", "pooling", "activation", "signal", "network")
# The layer types whose cells POST /api/models/{name}/trace explains: the model explorer opens these.
TRACED = sorted({"conv2d", *(name for name, kind in engine.KINDS.items() if kind.record in engine.CELLS)})
PREDICTS = ("convolution", "pooling", "activation", "network")  # the explorers with predict mode (Q)
EXPORTS = tuple(EXPORT_VIEWS)  # the explorers whose view is also a file (/<page>.gif …): the Export dialog (E)


def render(request: Request, template: str, page: str | None, **context) -> HTMLResponse:
    """The page in the reader's language. A page depends on nothing else a request brings (links
    are root-relative), so each is rendered once per language and served from memory after that:
    a page then costs the server almost nothing, even while heavy requests keep it busy. The routes
    are async for the same reason: no hop to a worker thread, which would wait for the GIL that a
    heavy request's parsing holds."""
    lang = choose_language(request)
    key = (template, lang, request.scope.get("root_path", ""))
    cache = request.app.state.pages
    if key not in cache:
        text = strings(page, lang)
        cache[key] = templates.TemplateResponse(request, template, {
            "lang": lang, "t": text, "script_strings": for_scripts(text), "page": page, "version": __version__,
            "explorers": EXPLORERS, "predicts": page in PREDICTS, "exports": page in EXPORTS, **context,
        }).body
    response = HTMLResponse(cache[key], headers={"vary": "Accept-Language, Cookie"})  # the language decides
    remember_language(request, response)
    return response


@router.get("/", response_class=HTMLResponse)
async def home(request: Request):
    return render(request, "home.html", "home", endpoints=ENDPOINTS, seed=first_step(SEED_EXAMPLE))


@router.get("/convolution", response_class=HTMLResponse)
async def convolution(request: Request):
    return render(request, "convolution.html", "convolution")


@router.get("/transposed", response_class=HTMLResponse)
async def transposed(request: Request):
    return render(request, "transposed.html", "transposed")


@router.get("/pooling", response_class=HTMLResponse)
async def pooling(request: Request):
    return render(request, "pooling.html", "pooling")


@router.get("/activation", response_class=HTMLResponse)
async def activation(request: Request):
    return render(request, "activation.html", "activation")


@router.get("/signal", response_class=HTMLResponse)
async def signal(request: Request):
    return render(request, "signal.html", "signal")


@router.get("/network", response_class=HTMLResponse)
async def network(request: Request, model: str | None = None):
    """The shipped digit network's page, or with ?model= an imported model's explorer (its script reads
    the model from the URL: the page itself is the same for every imported model)."""
    if model is None or model in request.app.state.models:
        return render(request, "network.html", "network")
    return render(request, "model.html", "network", traced=TRACED, predicts=False)


@router.get("/lecture", response_class=HTMLResponse)
async def lecture(request: Request):
    """A lecture: the built-in one, or a lecturer's own from the link (read by the page's script)."""
    return render(request, "lecture.html", "lecture", lecture_data=lecture_data)
