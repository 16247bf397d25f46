"""GET /docs and /redoc: the API documentation, offline.

Swagger UI and ReDoc come from the `fastapi-offline` wheel (Swagger UI: Apache-2.0, ReDoc:
MIT, the package: MIT) and are served by the product under /docs-assets. Each page carries a
Content-Security-Policy that allows nothing outside its own origin: its one inline script
is allowed by its hash, not by 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from importlib import resources

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

__all__ = ["router", "ASSETS_PATH", "mount_assets", "content_security_policy"]

ASSETS_PATH = "/docs-assets"
router = APIRouter(include_in_schema=False)

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# ReDoc's sidebar shows Redocly's logo from their server; a blank image of our own instead.
_REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
_BLANK_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def _redoc_script() -> str:
    text = (resources.files("fastapi_offline") / "static" / "redoc.standalone.js").read_text(
        encoding="utf-8"
    )
    return text.replace(_REDOC_LOGO, _BLANK_SVG)


def mount_assets(app: FastAPI) -> None:
    """Serve the Swagger UI and ReDoc files shipped in fastapi-offline under ASSETS_PATH."""
    folder = resources.files("fastapi_offline") / "static"
    app.mount(ASSETS_PATH, StaticFiles(directory=str(folder)), name="docs-assets")


def content_security_policy(html: str) -> str:
    """A policy for `html` allowing only its own origin, and its inline scripts by hash.

    ReDoc needs inline styles (it builds them at run time) and a worker from a blob it makes.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


# Swagger UI's badges, ReDoc's inline code and its response titles (orange for 3xx) are too
# pale for WCAG AA contrast; links in text need more than colour.
_CONTRAST = """<style>
.swagger-ui .info .title small { background: #55606b; }
.swagger-ui .info .title small.version-stamp { background: #2f6b12; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1b5fa8; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1e6b45; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #9a4f00; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #11685b; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b02a2a; }
.swagger-ui .info .url, .swagger-ui .info a, .swagger-ui .info .link { color: #1f4e9c; }
.swagger-ui .json-schema-2020-12-expand-deep-button { color: #505a63; }
html body [id^="operation/"] p code, html body [data-role="redoc-description"] code { color: #a3201d; }
html body [data-role="redoc-description"] a { text-decoration: underline; }
html body [id^="operation/"] h5 { color: #5b6469; }
html body li[role="tab"]:not(.react-tabs__tab--selected) { color: #f2f2f2; }
html body li[role="tab"].react-tabs__tab--selected { color: #1f2328 !important; }
html body li.tab-error[role="tab"]:not(.react-tabs__tab--selected) { color: #ff8a80; }
html body li.tab-success[role="tab"]:not(.react-tabs__tab--selected) { color: #8fe0a0; }
html body [id^="operation/"] > * > * > * > button:has(> strong) {
  opacity: 1 !important; background: #f6f8fa !important; }
html body [id^="operation/"] > * > * > * > button > strong,
html body [id^="operation/"] > * > * > * > button > * > p {
  color: #1f2328 !important; opacity: 1 !important; }
</style>"""


def _page(response: HTMLResponse) -> HTMLResponse:
    html = bytes(response.body).decode()
    html = html.replace("<html>", '<html lang="en">', 1).replace(
        "</head>", _CONTRAST + "</head>", 1
    )
    return HTMLResponse(html, headers={"Content-Security-Policy": content_security_policy(html)})


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", ""))


# ReDoc's media-type pickers (an answer that is JSON or CSV) have no accessible name.
_REDOC_LABELS = """new MutationObserver(function () {
  document.querySelectorAll("select:not([aria-label])").forEach(function (select) {
    select.setAttribute("aria-label", "Media type");
  });
}).observe(document.documentElement, { subtree: true, childList: true });
"""


@router.get(ASSETS_PATH + "/redoc-labels.js")
def redoc_labels() -> Response:
    """A few lines that name ReDoc's unlabelled pickers for screen readers."""
    return Response(_REDOC_LABELS, media_type="text/javascript")


@router.get(ASSETS_PATH + "/redoc.offline.js")
def redoc_script() -> Response:
    """ReDoc's script as shipped, except that it shows no logo from Redocly's server."""
    return Response(_redoc_script(), media_type="text/javascript")


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over the app's OpenAPI schema, with no request leaving the server."""
    root = _root(request)
    app = request.app
    return _page(
        get_swagger_ui_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - API documentation",
            swagger_js_url=f"{root}{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
            # No online validator badge: it would call a server outside the product.
            swagger_ui_parameters={"validatorUrl": None, **(app.swagger_ui_parameters or {})},
        )
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over the app's OpenAPI schema, without web fonts or any outside request."""
    root = _root(request)
    app = request.app
    page = _page(
        get_redoc_html(
            openapi_url=f"{root}{app.openapi_url}",
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{root}{ASSETS_PATH}/redoc.offline.js",
            redoc_favicon_url=f"{root}{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        )
    )
    labels = f'<script src="{root}{ASSETS_PATH}/redoc-labels.js"></script></head>'
    html = bytes(page.body).decode().replace("</head>", labels, 1)
    return HTMLResponse(
        html, headers={"Content-Security-Policy": page.headers["content-security-policy"]}
    )
