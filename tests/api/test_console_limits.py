"""The console cannot hurt the service: memory, rows and queries at once are limited."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from graphmodel.dataset import Dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.loading import load_dataset
from graphmodel.settings import Settings


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def test_console_query_past_its_memory_limit_is_refused_and_the_engine_lives(
    embedded: EmbeddedFalkorDB, seed_dataset: Dataset, tmp_path: Path
) -> None:
    """The embedded engine (Neo4j's transaction memory limit: tests/graphmodel/test_neo4j.py)."""
    from api.app import create_app

    load_dataset(embedded, seed_dataset)
    assert embedded.server.process is not None
    pid = embedded.server.process.pid
    settings = Settings(collabgraph_data_dir=tmp_path, collabgraph_cypher_console=True)
    with TestClient(create_app(settings, engine=embedded)) as http:
        response = http.post("/api/cypher", json={"query": "RETURN size(range(1, 2000000000))"})
        assert response.status_code == 400
        assert "more memory than the console allows" in response.json()["detail"]
        assert http.get("/readyz").status_code == 200
        assert http.get("/api/entities/npas").status_code == 200
        again = http.post("/api/cypher", json={"query": "RETURN 1 AS one"})
        assert again.status_code == 200 and again.json()["rows"] == [{"one": 1}]
    assert embedded.server.process.pid == pid and embedded.server.process.poll() is None


def test_console_stops_at_the_row_limit_without_fetching_every_row(client: TestClient) -> None:
    before = _rss_mb()
    response = client.post("/api/cypher", json={"query": "UNWIND range(1, 10000000) AS x RETURN x"})
    grown = _rss_mb() - before
    body = response.json()
    assert response.status_code == 200, body
    assert body["truncated"] is True and len(body["rows"]) == body["row_limit"]
    assert body["rows"][0] == {"x": 1}
    assert grown < 100, f"the API process grew by {grown:.0f} MB"


def test_console_busy_answers_503_with_retry_after(client: TestClient) -> None:
    gate = client.app.state.console_gate  # type: ignore[attr-defined]
    with gate.slot():  # as if another console query were running
        response = client.post("/api/cypher", json={"query": "RETURN 1"})
    assert response.status_code == 503
    assert "busy" in response.json()["detail"] and response.headers["Retry-After"] == "1"
    assert client.post("/api/cypher", json={"query": "RETURN 1"}).status_code == 200
