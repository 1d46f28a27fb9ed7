"""GET /<page>.<format>?<the page's query>: a view of an explorer page as a file for slides."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Annotated, Protocol

from fastapi import APIRouter, Depends, Request, Response
from fastapi.concurrency import run_in_threadpool

from ...api.deps import SettingsDep
from ...api.heavy import heavy_turn
from ...settings import Settings
from . import activation, convolution, pooling, signal, transposed
from .encode import FORMATS, Format, animation, shared_palette, still_png
from .fonts import FontSet, server_fonts
from .labels import Labels
from .layout import Layout
from .options import ExportOptions
from .page_query import invalid
from .raster import frames, raster
from .scene import Scene, Story
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
    transposed.PAGE: transposed.plan,
    pooling.PAGE: pooling.plan,
    activation.PAGE: activation.plan,
    signal.PAGE: signal.plan,
}

router = APIRouter(tags=["exports"])
FontsDep = Annotated[FontSet, Depends(server_fonts)]


@dataclass(frozen=True)
class Export:
    """A request that passed the checks that cost nothing: what remains is laying out and drawing."""

    story: Story
    form: Format
    options: ExportOptions
    fonts: FontSet
    label_role: str
    headers: dict[str, str]

    def render(self, settings: Settings) -> bytes:
        """The file. Its layout (over every frame) is checked against the pixel limit before any drawing."""
        story, options, fonts = self.story, self.options, self.fonts
        layout = _layout(story, options, fonts, self.label_role, settings, self.form, range(story.steps))
        step = (options.step or 1) - 1
        if self.form.extension == "svg":
            scene = story.scene(step)
            return svg(layout.draw(scene), options.scale, scene.caption).encode()
        if not self.form.animated:
            return still_png(raster(layout.draw(story.scene(step)), fonts, options.scale))
        drawings = [layout.draw(story.scene(s)) for s in range(story.steps)]
        samples = [drawings[0], drawings[len(drawings) // 2], drawings[-1]]
        palette = shared_palette([raster(d, fonts, options.scale) for d in samples],
                                 [colour for d in samples for colour in d.colours()])
        return animation(frames(drawings, fonts, options.scale), palette, self.form.extension, options.fps,
                         options.loop)


def prepare(query: Mapping[str, str], page: str, form: Format, settings: Settings, fonts: FontSet) -> Export:
    """422 for a malformed query, 413 over a limit; the first frame laid out on its own, which no frame
    is smaller than, stands for all in the pixel limit's first check."""
    options = ExportOptions.from_query(query)
    plan = VIEWS[page](query, settings)
    settings.export_frames.check(plan.steps, "the number of frames (steps) of the view")
    if not form.animated and options.step is not None and options.step > plan.steps:
        raise invalid("step", f"must be between 1 and {plan.steps}, the view's steps (got {options.step})")
    lang, notes = _language(options.lang, fonts)
    story = plan.story(Labels(page, lang))
    if not (options.equation and options.caption):
        story = Trimmed(story, options.equation, options.caption)
    label_role = "korean-bold" if lang == "ko" else "sans-bold"
    _layout(story, options, fonts, label_role, settings, form, range(1))
    name = page if form.animated else f"{page}-step-{(options.step or 1)}"
    headers = {"content-disposition": f'inline; filename="{name}.{form.extension}"'}
    if notes:
        headers[FALLBACK_HEADER] = "; ".join(notes)
    return Export(story, form, options, fonts, label_role, headers)


@dataclass(frozen=True)
class Trimmed:
    """A story with what the export leaves out taken away: the equation, the step caption."""

    story: Story
    equation: bool
    caption: bool

    @property
    def steps(self) -> int:
        return self.story.steps

    def scene(self, step: int) -> Scene:
        scene = self.story.scene(step)
        return replace(scene, equation=scene.equation if self.equation else (),
                       caption=scene.caption if self.caption else "")


def _language(asked: str, fonts: FontSet) -> tuple[str, list[str]]:
    """The labels' language the fonts can draw, and notes on what the server's fonts lacked."""
    lang, notes = asked, []
    if asked == "ko" and not fonts.korean:
        lang, notes = "en", ["ko: no Korean font on the server, so the labels are in English"]
    if not fonts.truetype:
        notes.append("no TrueType font on the server: Pillow's built-in font, with ASCII for signs it lacks")
    return lang, notes


def _layout(story: Story, options: ExportOptions, fonts: FontSet, label_role: str, settings: Settings,
            form: Format, steps: range) -> Layout:
    """The layout of the scenes of these steps, within the pixel limits."""
    layout = Layout((story.scene(s) for s in steps), THEMES[options.theme], fonts, options.scale, label_role)
    size = f"{layout.width}×{layout.height} at scale {options.scale}"
    settings.export_pixels.check(layout.pixels, f"the pixels of one frame ({size})")
    if form.animated:
        settings.export_total_pixels.check(layout.pixels * story.steps,
                                           f"the pixels of all {story.steps:,} frames ({size} each)")
    return layout


def _route(page: str, form: Format) -> None:
    async def answer(request: Request, settings: SettingsDep, fonts: FontsDep) -> Response:
        # Off the event loop; and drawing takes a heavy turn, so that large exports queue rather than
        # crowd out pages and small requests.
        export = await run_in_threadpool(prepare, dict(request.query_params), page, form, settings, fonts)
        async with heavy_turn():
            content = await run_in_threadpool(export.render, settings)
        return Response(content, media_type=form.media_type, headers=export.headers)

    answer.__doc__ = f"The /{page} page's view as {form.extension.upper()}."
    router.add_api_route(f"/{page}.{form.extension}", answer, methods=["GET"], include_in_schema=False,
                         name=f"{page}-{form.extension}")


for _page in VIEWS:
    for _form in FORMATS.values():
        _route(_page, _form)
