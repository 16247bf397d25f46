"""Schemathesis generates requests from the app's own OpenAPI schema: none answers 5xx."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from graphmodel.engine.base import Engine
from graphmodel.settings import Settings


def test_no_generated_request_answers_a_server_error(engine: Engine, settings: Settings) -> None:
    from api.app import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings, engine=engine))
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            if response.status_code >= 500:
                failures.append(
                    f"{case.method} {case.formatted_path} {case.query}: {response.status_code} {response.text[:200]}"
                )

        check()
    assert operations >= 10
    assert not failures, failures[:5]
