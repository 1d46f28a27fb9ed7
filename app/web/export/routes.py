"""GET /<page>.<format>?<the page's query>: a view of an explorer page as a file for slides."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Request, Response

from ...api.deps import SettingsDep
from ...settings import Settings
from . import convolution
from .encode import FORMATS, Format, animation, still_png
from .fonts import FontSet, server_fonts
from .labels import Labels
from .layout import Layout
from .options import ExportOptions
from .page_query import invalid
from .raster import raster
from .scene import Story
from .svg import svg
from .themes import THEMES

FALLBACK_HEADER = "X-ConvScope-Font-Fallback"


class Plan(Protocol):
    """A page's view read from its query and checked against the limits; nothing computed yet."""

    steps: int

    def story(self, labels: Labels) -> Story: ...


# page -> its view: the query (and the limits) -> a plan. Each page adds its own; the rest is shared.
VIEWS: dict[str, Callable[[Mapping[str, str], Settings], Plan]] = {
    convolution.PAGE: convolution.plan,
}

router = APIRouter(tags=["exports"])
FontsDep = Annotated[FontSet, Depends(server_fonts)]


def render_export(request: Request, page: str, form: Format, settings: Settings, fonts: FontSet) -> Response:
    """Every check first (422 malformed, 413 over a limit), then layout, drawing and encoding."""
    query = dict(request.query_params)
    options = ExportOptions.from_query(query)
    plan = VIEWS[page](query, settings)
    settings.export_frames.check(plan.steps, "the number of frames (steps) of the view")
    if not form.animated and options.step is not None and options.step > plan.steps:
        raise invalid("step", f"must be between 1 and {plan.steps}, the view's steps (got {options.step})")
    lang, fallback = options.lang, []
    if lang == "ko" and not fonts.korean:
        lang, fallback = "en", ["ko: no Korean font on the server, so the labels are in English"]
    if not fonts.truetype:
        fallback.append("no TrueType font on the server: Pillow's built-in font, with ASCII for signs it lacks")
    story = plan.story(Labels(page, lang))
    layout = Layout((story.scene(s) for s in range(story.steps)), THEMES[options.theme], fonts, options.scale,
                    "korean-bold" if lang == "ko" else "sans-bold")
    settings.export_pixels.check(layout.pixels, f"the pixels of one frame ({layout.width}×{layout.height} "
                                                f"at scale {options.scale})")
    step = (options.step or 1) - 1
    name = page if form.animated else f"{page}-step-{step + 1}"
    headers = {"content-disposition": f'inline; filename="{name}.{form.extension}"'}
    if fallback:
        headers[FALLBACK_HEADER] = "; ".join(fallback)
    if form.extension == "svg":
        scene = story.scene(step)
        return Response(svg(layout.draw(scene), options.scale, scene.caption), media_type=form.media_type,
                        headers=headers)
    if form.animated:
        drawings = [layout.draw(story.scene(s)) for s in range(story.steps)]
        frames = [raster(drawing, fonts, options.scale) for drawing in drawings]
        colours = [c for d in (drawings[0], drawings[len(drawings) // 2], drawings[-1]) for c in d.colours()]
        content = animation(frames, form.extension, options.fps, options.loop, colours)
    else:
        content = still_png(raster(layout.draw(story.scene(step)), fonts, options.scale))
    return Response(content, media_type=form.media_type, headers=headers)


def _route(page: str, form: Format) -> None:
    def answer(request: Request, settings: SettingsDep, fonts: FontsDep) -> Response:
        return render_export(request, page, form, settings, fonts)

    answer.__doc__ = f"The /{page} page's view as {form.extension.upper()}."
    router.add_api_route(f"/{page}.{form.extension}", answer, methods=["GET"], include_in_schema=False,
                         name=f"{page}-{form.extension}")


for _page in VIEWS:
    for _form in FORMATS.values():
        _route(_page, _form)
