"""A drawing as SVG text: shapes and real text (selectable, searchable, sharp at any size), no raster."""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

from .drawing import Bitmap, Circle, Drawing, Line, Path, Rect, Text, TextRow, ungrouped
from .themes import RGB

# The viewer's fonts draw the text: the server's first, then what other systems have.
FAMILIES = {
    "mono": "'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace",
    "sans": "'DejaVu Sans', 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
    "korean": "'NanumGothic', 'Noto Sans KR', 'Noto Sans CJK KR', 'Malgun Gothic', 'Apple SD Gothic Neo', sans-serif",
}
ANCHORS = {"l": "start", "m": "middle", "r": "end"}
DASH, GAP = 5, 4  # as raster.py


def svg(drawing: Drawing, scale: int, title: str) -> str:
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{drawing.width}" height="{drawing.height}" '
             f'viewBox="0 0 {drawing.width} {drawing.height}">',
             f"<title>{escape(title)}</title>",
             f'<rect width="100%" height="100%" fill="{_colour(drawing.background)}"/>']
    for item in ungrouped(drawing.items):
        parts.append(_element(item, scale))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _element(item, scale: int) -> str:
    if isinstance(item, Rect):
        corner = f' rx="{_n(item.radius)}"' if item.radius else ""
        return (f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}"{corner}'
                f'{_paint(item.fill, item.stroke, item.width)}{_dashes(item.dashed, scale)}/>')
    if isinstance(item, Line):
        return (f'<line x1="{_n(item.x1)}" y1="{_n(item.y1)}" x2="{_n(item.x2)}" y2="{_n(item.y2)}"'
                f'{_paint(None, item.stroke, item.width)}/>')
    if isinstance(item, Path):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in item.points)
        joins = ' stroke-linejoin="round"' if item.stroke else ""
        tag = "polygon" if item.fill else "polyline"
        return (f'<{tag} points="{points}"{_paint(item.fill, item.stroke, item.width)}{joins}'
                f'{_dashes(item.dashed, scale)}/>')
    if isinstance(item, Bitmap):
        data = base64.b64encode(item.png).decode("ascii")
        return (f'<image x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.w)}" height="{_n(item.h)}" '
                f'preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,{data}"/>')
    if isinstance(item, Circle):
        return (f'<circle cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
                f'{_paint(item.fill, item.stroke, item.width)}/>')
    if isinstance(item, TextRow):
        first = item.runs[0]
        spans = "".join(f'<tspan x="{_n(run.x)}"{_font(run)} fill="{_colour(run.fill)}">{escape(run.text)}</tspan>'
                        for run in item.runs)
        return f'<text y="{_n(first.y)}" dominant-baseline="central" xml:space="preserve">{spans}</text>'
    if isinstance(item, Text):
        return (f'<text x="{_n(item.x)}" y="{_n(item.y)}" text-anchor="{ANCHORS[item.anchor[0]]}" '
                f'dominant-baseline="central"{_font(item)} fill="{_colour(item.fill)}">{escape(item.text)}</text>')
    raise TypeError(f"no SVG for {type(item).__name__}")


def _dashes(dashed: bool, scale: int) -> str:
    return f' stroke-dasharray="{DASH * scale} {GAP * scale}"' if dashed else ""


def _font(text: Text) -> str:
    family = FAMILIES[text.role.removesuffix("-bold")]
    weight = ' font-weight="bold"' if text.role.endswith("-bold") else ""
    return f" font-family={quoteattr(family)} font-size=\"{text.size}\"{weight}"


def _paint(fill: RGB | None, stroke: RGB | None, width: float) -> str:
    text = f' fill="{_colour(fill)}"' if fill else ' fill="none"'
    if stroke:
        text += f' stroke="{_colour(stroke)}" stroke-width="{_n(width)}"'
    return text


def _colour(colour: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _n(value: float) -> str:
    """A coordinate, short: 12 not 12.0, 12.5 not 12.500000001."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
