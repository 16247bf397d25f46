"""Bad input, the console's refusals, and the engine going away and coming back."""

from __future__ import annotations

import signal
import time

from fastapi.testclient import TestClient

from graphmodel.engine.base import Engine
from graphmodel.engine.falkordb import EmbeddedFalkorDB


def test_missing_parameter_answers_422_naming_it(client: TestClient) -> None:
    response = client.get("/api/search")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "q"


def test_bad_date_answers_422_naming_as_of(client: TestClient) -> None:
    response = client.get("/api/leads", params={"q": "npas", "as_of": "2013-13"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "as_of"


def test_over_long_input_is_refused(client: TestClient) -> None:
    response = client.get("/api/search", params={"q": "x" * 5000})
    assert response.status_code == 422


def test_unknown_leader_answers_404(client: TestClient) -> None:
    response = client.get("/api/leads", params={"leader": "west-yorks"})
    assert response.status_code == 404
    assert any(s["id"] == "west-yorkshire" for s in response.json()["suggestions"])


def test_console_refuses_writes_through_the_engine(client: TestClient) -> None:
    response = client.post(
        "/api/cypher", json={"query": "MATCH (n:Entity) SET n.name = 'x' RETURN n"}
    )
    assert response.status_code == 400
    assert "read-only" in response.json()["detail"]
    check = client.post(
        "/api/cypher",
        json={
            "query": "MATCH (n:Entity {id: $id}) RETURN n.name AS name",
            "params": {"id": "npas"},
        },
    )
    assert check.json()["rows"] == [{"name": "National Police Air Service"}]


def test_console_applies_its_row_limit(client: TestClient) -> None:
    body = client.post("/api/cypher", json={"query": "UNWIND range(1, 5000) AS x RETURN x"}).json()
    assert body["truncated"] is True and len(body["rows"]) == body["row_limit"]


def test_console_is_refused_unless_enabled(engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.app import create_app
    from graphmodel.settings import Settings

    app = create_app(
        Settings(collabgraph_data_dir=tmp_path, collabgraph_cypher_console=False), engine=engine
    )
    with TestClient(app) as disabled:
        assert disabled.post("/api/cypher", json={"query": "RETURN 1"}).status_code == 403


def test_engine_stopped_answers_503_then_recovers_by_itself(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.app import create_app
    from graphmodel.dataset import read_dataset
    from graphmodel.loading import load_dataset
    from graphmodel.settings import DEFAULT_SEED_DIR, Settings

    engine = EmbeddedFalkorDB(tmp_path / "data")
    try:
        load_dataset(engine, read_dataset(DEFAULT_SEED_DIR))
        engine.server.process.send_signal(signal.SIGTERM)  # type: ignore[union-attr]  # saves, then exits
        engine.server.process.wait(timeout=30)  # type: ignore[union-attr]
        app = create_app(Settings(collabgraph_data_dir=tmp_path / "data"), engine=engine)
        with TestClient(app, raise_server_exceptions=False) as http:
            down = http.get("/api/entities/npas")
            assert down.status_code == 503
            assert "Retry-After" in down.headers and "traceback" not in down.text.lower()
            assert http.get("/readyz").status_code == 503
            deadline = time.monotonic() + 30
            status = down.status_code
            while status != 200 and time.monotonic() < deadline:
                time.sleep(0.5)
                status = http.get("/api/entities/npas").status_code
            assert status == 200
            assert http.get("/readyz").json()["status"] == "ready"
    finally:
        engine.close()
    assert engine.server.process is None or engine.server.process.poll() is not None


def test_missing_graphviz_answers_503_with_the_install_command(
    client: TestClient, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))  # no `dot` on it
    response = client.get("/api/exports/flowchart/necb", params={"format": "png"})
    assert response.status_code == 503
    assert "apt-get install graphviz" in response.json()["detail"]


def test_console_query_past_its_time_limit_answers_408(engine: Engine, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from api.app import create_app
    from graphmodel.settings import Settings

    settings = Settings(
        collabgraph_data_dir=tmp_path,
        collabgraph_cypher_console=True,
        collabgraph_console_timeout_ms=5,
    )
    with TestClient(create_app(settings, engine=engine)) as http:
        response = http.post(
            "/api/cypher",
            json={
                # 400M rows: far longer than the 2 s between Neo4j's checks of its
                # transactions' time limits (16M could finish between two checks)
                "query": "UNWIND range(1, 20000) AS x UNWIND range(1, 20000) AS y "
                "WITH x WHERE (x + y) % 7 = 0 RETURN count(x)"
            },
        )
    assert response.status_code == 408
    assert "time limit" in response.json()["detail"]
