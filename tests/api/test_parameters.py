"""Every HTTP parameter is refused with 422 naming it when it holds a control character or
is too long; the engine never sees it, and the answer does not echo it."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.parameters import MAX_PARAMETER_CHARS, NO_CONTROL_PATTERN


def _refused(response: Any, where: str, name: str) -> str:
    assert response.status_code == 422, (response.status_code, response.text[:300])
    [problem] = response.json()["detail"]
    assert problem["loc"] == [where, name]
    return str(problem["msg"])


@pytest.mark.parametrize("value", ["\x00", "ab\x00cd", "a\nb", "a\rb", "\tx", "x\x1b[31m", "\x7f"])
def test_control_characters_in_a_query_parameter_answer_422(client: TestClient, value: str) -> None:
    message = _refused(client.get("/api/search", params={"q": value}), "query", "q")
    assert "control characters" in message


def test_nul_in_a_path_parameter_answers_422(client: TestClient) -> None:
    _refused(client.get("/api/entities/necb%00"), "path", "id")
    _refused(client.get("/api/exports/flowchart/necb%0A"), "path", "root")


def test_a_long_analysis_parameter_is_refused_at_once_without_echo(client: TestClient) -> None:
    started = time.perf_counter()
    response = client.get("/api/analysis/impact", params={"force": "x" * 60_000})
    elapsed = time.perf_counter() - started
    message = _refused(response, "query", "force")
    assert message == f"is 60000 characters long; at most {MAX_PARAMETER_CHARS}"
    assert len(response.content) < 500 and elapsed < 1.0
    at_cap = client.get("/api/analysis/impact", params={"force": "x" * MAX_PARAMETER_CHARS})
    assert at_cap.status_code == 404  # long enough to be refused only as an unknown force


def test_ordinary_requests_still_answer(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "NECB"}).json()["results"][0]["id"] == "necb"
    assert client.get("/api/entities/necb").status_code == 200


def _string_parameters(schema: dict[str, Any]) -> list[tuple[str, str, str]]:
    found = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        for parameter in get.get("parameters", []) if get else []:
            options = parameter["schema"].get("anyOf", [parameter["schema"]])
            if any(o.get("type") == "string" for o in options):
                found.append((path, parameter["in"], parameter["name"]))
    return found


def test_every_string_parameter_of_every_route_refuses_nul(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    parameters = _string_parameters(schema)
    assert len(parameters) > 30
    for path, where, name in parameters:
        params = {name: "a\x00"} if where == "query" else {}
        url = re.sub(r"\{(\w+)\}", lambda m, n=name: "a%00" if m.group(1) == n else "necb", path)
        _refused(client.get(url, params=params), where, name)


def test_openapi_states_the_limits(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    for path, where, name in _string_parameters(schema):
        [parameter] = [
            p
            for p in schema["paths"][path]["get"]["parameters"]
            if (p["in"], p["name"]) == (where, name)
        ]
        options = parameter["schema"].get("anyOf", [parameter["schema"]])
        for option in (o for o in options if o.get("type") == "string"):
            assert option["maxLength"] <= MAX_PARAMETER_CHARS, (path, name)
            assert "pattern" in option, (path, name)
    search_q = schema["paths"]["/api/search"]["get"]["parameters"][0]["schema"]
    assert search_q["pattern"] == NO_CONTROL_PATTERN


def test_console_refuses_nul_in_its_query_and_parameters(client: TestClient) -> None:
    query = client.post("/api/cypher", json={"query": "RETURN 1\x00"})
    assert "control characters" in _refused(query, "body", "query")
    multiline = client.post("/api/cypher", json={"query": "MATCH (n)\n\tRETURN count(n)"})
    assert multiline.status_code == 200, multiline.text
    params = client.post("/api/cypher", json={"query": "RETURN $x", "params": {"x": ["a\x00"]}})
    assert "'x' must not contain NUL" in _refused(params, "body", "params")
