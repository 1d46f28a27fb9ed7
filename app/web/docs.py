"""/docs: Swagger UI served from our own static files (the stock page loads it from a CDN)."""

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html

router = APIRouter(include_in_schema=False)


@router.get("/docs")
def docs(request: Request):
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title="ConvScope API",
        swagger_js_url=str(request.url_for("static", path="vendor/swagger-ui/swagger-ui-bundle.js")),
        swagger_css_url=str(request.url_for("static", path="vendor/swagger-ui/swagger-ui.css")),
        swagger_favicon_url=str(request.url_for("static", path="favicon.svg")),
        swagger_ui_parameters={"validatorUrl": None, "defaultModelsExpandDepth": 0},
    )
