// docs.js - starts Swagger UI (from the swagger-ui-bundle-v2 PyPI package, served by this
// server) on this server's OpenAPI document. No request leaves the server.
// source: written by the sitrep maintainers. licence: MIT (as sitrep). version: 2026.1
"use strict";
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
                               validatorUrl: null, tryItOutEnabled: false});
});
