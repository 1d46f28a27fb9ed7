// Starts Swagger UI on /docs. It lives in a file because the pages' Content-Security-Policy
// runs no inline script; the OpenAPI document's URL comes from the page.
const holder = document.getElementById("swagger-ui");
window.ui = window.SwaggerUIBundle({
  url: holder.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  validatorUrl: null,
  defaultModelsExpandDepth: 0,
  presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIBundle.SwaggerUIStandalonePreset],
});
