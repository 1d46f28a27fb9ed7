"""Exports for slides: every explorer view as a file at the page's URL plus an extension.

One job per module: a page's view turns its query into scenes (convolution.py, pooling.py); layout.py places a
scene's grids, operators and equation as drawing primitives; raster.py draws them with Pillow and
svg.py writes them as SVG text; encode.py makes files of the frames; routes.py answers the URLs.
A new page adds only its own view (query -> scenes) and one entry in routes.VIEWS.
"""

from .routes import router

__all__ = ["router"]
