"""HTML pages."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from .. import __version__
from ..api.schemas.convolve import SEED_EXAMPLE
from ..paths import TEMPLATES_DIR
from .worked_example import first_step

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=TEMPLATES_DIR)  # autoescape is on for .html

ENDPOINTS = [
    ("POST", "/api/convolve", "slide a kernel over an input: output, shape and an optional step-by-step trace"),
    ("POST", "/api/pool", "max or average pooling, with the winning cell of every max window"),
    ("POST", "/api/activate", "ReLU, leaky ReLU, ELU, sigmoid, tanh, GELU, softmax, identity"),
    ("POST", "/api/forward", "run a list of layers and get every layer's output"),
]


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return templates.TemplateResponse(request, "home.html", {
        "endpoints": ENDPOINTS, "version": __version__, "seed": first_step(SEED_EXAMPLE),
    })
