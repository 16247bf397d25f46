"""Schemathesis generates requests from the app's own OpenAPI schema and runs every one of its
checks on the answers of the live server (uvicorn over real HTTP): no 5xx, and every status
code, content type, header and body the API answers is the one its schema documents."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, seed
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import CHECKS, load_all_checks

from graphmodel.engine.base import Engine
from graphmodel.engine.server import free_port
from graphmodel.settings import Settings

EXAMPLES_PER_OPERATION = 25  # keeps the whole run to a minute or two

# Operations whose valid requests depend on a rule JSON Schema cannot state, so a request the
# schema allows may rightly answer 400/422; every other check still runs on them.
RULES_BEYOND_THE_SCHEMA = {
    ("POST", "/api/cypher"): "the query must be valid read-only Cypher",
    ("GET", "/api/leads"): "exactly one of q and leader",
    ("GET", "/api/analysis/diff"): "from must not be after to",
}


@pytest.fixture(scope="module")
def api_server(engine: Engine, settings: Settings) -> Iterator[str]:
    """The API served by uvicorn on a free loopback port, on the seed graph; its base URL."""
    from api.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, engine=engine), host="127.0.0.1",
                                           port=port, log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_every_check_passes_on_generated_requests(api_server: str) -> None:
    load_all_checks()
    all_checks = list(CHECKS.get_all())
    schema = schemathesis.openapi.from_url(f"{api_server}/openapi.json")
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        checks = all_checks
        if (operation.method.upper(), operation.path) in RULES_BEYOND_THE_SCHEMA:
            checks = [c for c in all_checks if c.__name__ != "positive_data_acceptance"]

        @given(case=operation.as_strategy())
        @seed(20261130)
        @hypothesis_settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
                             suppress_health_check=list(HealthCheck), database=None)  # fmt: skip
        def check(case) -> None:  # type: ignore[no-untyped-def]
            try:
                case.call_and_validate(checks=checks)  # noqa: B023 (called before the loop moves on)
            except BaseException as exc:  # noqa: B036 (a FailureGroup); one line per operation
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {exc}"[:600])

        check()
    assert operations >= 10
    assert not failures, "\n\n".join(
        dict.fromkeys(f.split(":", 1)[0] + ":" + f.split(":", 1)[1][:400] for f in failures)
    )
