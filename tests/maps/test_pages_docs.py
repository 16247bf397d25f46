"""/docs and /redoc in Chromium with every request outside the server refused: both render
every operation of the OpenAPI schema, under a policy that allows nothing from elsewhere."""

from __future__ import annotations

import pytest

from tests.maps.conftest import axe_violations

# Swagger UI's operation summary is a button holding the copy and expand buttons: its own
# markup, not ours, reported by axe as nested-interactive.
SWAGGER_UI_OWN = ("nested-interactive",)
_METHODS = {"get", "post", "put", "patch", "delete", "head", "options"}


def _operations(client) -> list[tuple[str, str]]:
    schema = client.get("/openapi.json").json()
    return [(m, p) for p, item in schema["paths"].items() for m in item if m in _METHODS]


def _operation_ids(client) -> list[str]:
    schema = client.get("/openapi.json").json()
    return [op["operationId"] for item in schema["paths"].values() for op in item.values()]


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_allow_only_their_own_origin(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "http" not in policy and "*" not in policy
    assert "cdn" not in response.text and "googleapis" not in response.text


def test_docs_assets_are_served_by_the_product(client):
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.offline.js"):
        response = client.get(f"/docs-assets/{name}")
        assert response.status_code == 200 and len(response.content) > 100_000
    assert "cdn.redoc.ly" not in client.get("/docs-assets/redoc.offline.js").text


def test_swagger_ui_renders_every_operation_offline(
    client, live_server, watched_page, artifacts_dir, axe_source
):
    operations = _operations(client)
    page = watched_page(live_server)
    page.page.goto(f"{live_server}/docs")
    page.page.wait_for_selector(".opblock", timeout=30_000)
    blocks = page.page.locator(".opblock")
    assert blocks.count() == len(operations)
    shown = {
        (
            b.locator(".opblock-summary-method").inner_text().lower(),
            b.locator(".opblock-summary-path").get_attribute("data-path"),
        )
        for b in blocks.all()
    }
    assert shown == set(operations)
    page.page.screenshot(path=str(artifacts_dir / "docs-swagger.png"))
    found = axe_violations(page.page, axe_source, known=SWAGGER_UI_OWN)
    assert found == [], "\n".join(found)
    page.assert_clean()


def test_redoc_renders_every_operation_offline(
    client, live_server, watched_page, artifacts_dir, axe_source
):
    operations = _operations(client)
    page = watched_page(live_server)
    page.page.goto(f"{live_server}/redoc")
    page.page.wait_for_selector("[data-section-id*='operation/']", timeout=60_000)
    # The content has one section per operation, "tag/<tag>/operation/<operationId>".
    sections = page.page.evaluate(
        "() => [...document.querySelectorAll('[data-section-id^=\"tag/\"]')]"
        ".map(e => e.getAttribute('data-section-id')).filter(s => s.includes('/operation/'))"
    )
    assert sorted(s.split("/operation/")[1] for s in set(sections)) == sorted(
        op_id for op_id in _operation_ids(client)
    )
    headings = page.page.locator("[data-section-id*='/operation/'] h2").all_inner_texts()
    assert len(headings) == len(operations)
    page.page.screenshot(path=str(artifacts_dir / "docs-redoc.png"))
    found = axe_violations(page.page, axe_source)
    assert found == [], "\n".join(found)
    page.assert_clean()
