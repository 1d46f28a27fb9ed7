"""/docs: Swagger UI served from our own static files (the stock page loads it from a CDN and
starts it with an inline script, which the Content-Security-Policy refuses), inside the app's own
frame: its navigation and language switch, and a link back."""

from fastapi import APIRouter, Request

from .pages import render

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def docs(request: Request):
    """The API reference; its frame follows the reader's language (the reference itself is English)."""
    return render(request, "docs.html", "docs", openapi_url=request.app.openapi_url)
