"""/docs: Swagger UI served from our own static files (the stock page loads it from a CDN and
starts it with an inline script, which the Content-Security-Policy refuses)."""

from fastapi import APIRouter, Request

from .pages import templates

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def docs(request: Request):
    return templates.TemplateResponse(request, "docs.html", {"openapi_url": request.app.openapi_url})
