"""GET /: a plain page pointing people at the API docs and the maps."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Police collaboration graph</title>
<style>body{font-family:system-ui,sans-serif;max-width:46em;margin:3em auto;line-height:1.5;color:#222}
a{color:#1f4e9c}</style></head><body>
<h1>Police collaboration graph</h1>
<p>Who leads, takes part in, chairs and governs which police collaborations, read from public
reports, every fact cited to its document and paragraph.</p>
<ul>
<li><a href="/docs">API documentation</a> (try <code>/api/leads?q=NPAS</code>)</li>
<li><a href="/maps">Interactive maps</a>: leads, governance, participation, neighbourhoods</li>
<li><a href="/api/documents">Source documents</a></li>
<li><a href="/readyz">Status</a></li>
</ul></body></html>"""


@router.get("/")
def home() -> HTMLResponse:
    """The landing page (no external resources)."""
    return HTMLResponse(_PAGE)
