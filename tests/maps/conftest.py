"""Fixtures for the map tests: the API served for real by uvicorn on a loopback port, and
Debian's Chromium driven by Playwright with every request that leaves the page recorded
and refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, Playwright, Request, Route, sync_playwright

from graphmodel.engine.server import free_port

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1600, "height": 1000}


@pytest.fixture(scope="session")
def live_server(engine: Any, settings: Any) -> Iterator[str]:
    """The API served by uvicorn on a free loopback port, on the seed graph; its base URL."""
    from api.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver for this session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless."""
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Watched:
    """A page with what it tried to fetch outside its origin and what it logged as errors."""

    page: Page
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """No request left the page and nothing was logged as an error."""
        assert self.refused == [], f"requests left the page: {self.refused}"
        assert self.errors == [], f"console errors: {self.errors}"

    def open(self, url: str, timeout_ms: int = 60_000) -> None:
        """Go to `url` and wait until the map is drawn and settled."""
        self.page.goto(url)
        self.page.wait_for_selector("body[data-map-ready]", state="attached", timeout=timeout_ms)

    def rendered(self) -> tuple[int, int]:
        """(nodes, edges) the page says it drew."""
        body = self.page.locator("body")
        return int(body.get_attribute("data-rendered-nodes") or -1), int(
            body.get_attribute("data-rendered-edges") or -1
        )


@pytest.fixture
def watched_page(browser: Browser) -> Iterator[Callable[[str], Watched]]:
    """A factory of pages allowed to load only `allowed` (their own origin or file)."""
    contexts = []

    def make(allowed: str) -> Watched:
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        watched = Watched(page)

        def guard(route: Route, request: Request) -> None:
            url = request.url
            if url.startswith(allowed) or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                watched.refused.append(url)
                route.abort()

        context.route("**/*", guard)
        page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: None)
        return watched

    yield make
    for context in contexts:
        context.close()


AXE = Path(__file__).parents[1] / "tools" / "node_modules" / "axe-core" / "axe.min.js"
AXE_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, installed for the tests only by tests/tools/install-node-tools.sh."""
    if not AXE.exists():
        pytest.fail(f"axe-core is missing: run tests/tools/install-node-tools.sh ({AXE})")
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Page, source: str, known: tuple[str, ...] = ()) -> list[str]:
    """The serious and critical accessibility violations axe-core finds on `page`.

    axe is evaluated by the test (through the DevTools protocol, so no page policy applies
    and nothing is added to the product). Rules in `known` are left out: only for markup
    that a third-party page owns."""
    page.evaluate(source + "\n;0")
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {v['nodes']}"
        for v in result
        if v["impact"] in AXE_IMPACTS and v["id"] not in known
    ]
