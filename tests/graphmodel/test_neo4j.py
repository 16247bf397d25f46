"""What only a real Neo4j can show: its read-only access mode, its limits, its URI schemes,
and the faults a user meets (wrong password, wrong database, server away), each a clear
error; the service recovers by itself when Neo4j comes back."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient
from neo4j import exceptions as neo4j_errors

from graphmodel.dataset import Dataset
from graphmodel.engine.neo4j import Neo4jEngine
from graphmodel.engine.neo4j_local import LocalNeo4j
from graphmodel.errors import GraphUnavailableError, QueryRefusedError, QueryTimeoutError
from graphmodel.loading import load_dataset
from graphmodel.settings import Settings

WRITES = [
    "CREATE (n:Entity {id: 'intruder'}) RETURN n",
    "MERGE (n:Entity {id: 'intruder'}) RETURN n",
    "MATCH (n:Entity) SET n.name = 'x' RETURN count(n)",
    "MATCH (n:Entity) DETACH DELETE n",
    "MATCH (n:Entity) REMOVE n.name RETURN count(n)",
    "CREATE INDEX intruder FOR (n:Entity) ON (n.name)",
    "DROP INDEX entity_kind",
    "CALL db.createLabel('Intruder')",
    "CALL db.createProperty('intruder')",
    "CREATE DATABASE intruder",
    "ALTER USER neo4j SET PASSWORD 'intruder-password'",
]


@pytest.fixture
def seed_on_neo4j(
    neo4j_password: str, neo4j_scratch_server: LocalNeo4j, seed_dataset: Dataset
) -> Iterator[Neo4jEngine]:
    """The seed graph on the scratch Neo4j, through the adapter."""
    with Neo4jEngine(neo4j_scratch_server.uri, "neo4j", neo4j_password) as adapter:
        adapter.write("clear_graph", {})
        load_dataset(adapter, seed_dataset)
        yield adapter


@pytest.mark.parametrize("query", WRITES)
def test_console_reads_refuse_every_write_form(seed_on_neo4j: Neo4jEngine, query: str) -> None:
    with pytest.raises(QueryRefusedError):
        seed_on_neo4j.run_readonly(query, {}, timeout_ms=5000, row_limit=10)
    assert seed_on_neo4j.read("entity_kind", {"id": "west-yorkshire"})[0]["name"]
    assert seed_on_neo4j.read("entity_kind", {"id": "intruder"}) == []


def test_console_rows_stop_at_the_limit(seed_on_neo4j: Neo4jEngine) -> None:
    columns, rows, truncated = seed_on_neo4j.run_readonly(
        "UNWIND range(1, 10000000) AS x RETURN x", {}, timeout_ms=20_000, row_limit=25
    )
    assert columns == ["x"] and len(rows) == 25 and truncated
    assert rows[-1] == {"x": 25}


def test_console_paths_come_back_as_nodes_and_edges(seed_on_neo4j: Neo4jEngine) -> None:
    columns, rows, _ = seed_on_neo4j.run_readonly(
        "MATCH p = (:Entity {id: 'emsou'})-[r]->(:Entity) RETURN p, r LIMIT 1",
        {}, timeout_ms=5000, row_limit=10,
    )  # fmt: skip
    path = rows[0]["p"]
    assert [node["labels"] for node in path["nodes"]] == [["Entity"], ["Entity"]]
    assert path["nodes"][0]["properties"]["id"] == "emsou"
    assert path["edges"] == [rows[0]["r"]] and rows[0]["r"]["type"]


def test_console_time_limit_is_enforced_by_neo4j(seed_on_neo4j: Neo4jEngine) -> None:
    with pytest.raises(QueryTimeoutError):
        seed_on_neo4j.run_readonly(
            "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)",
            {}, timeout_ms=500, row_limit=10,
        )  # fmt: skip


def test_transaction_memory_limit_refuses_a_huge_query(seed_on_neo4j: Neo4jEngine) -> None:
    with pytest.raises(QueryRefusedError, match="memory"):
        seed_on_neo4j.run_readonly(
            "UNWIND range(1, 60000000) AS x RETURN size(collect(x)) AS n",
            {},
            timeout_ms=60_000,
            row_limit=1,
        )
    assert seed_on_neo4j.read("entity_kind", {"id": "west-yorkshire"})  # still serving


@pytest.mark.parametrize("lost", [1, 2, 3])
def test_a_read_that_loses_its_connection_is_run_again_a_few_times(
    seed_on_neo4j: Neo4jEngine, monkeypatch: pytest.MonkeyPatch, lost: int
) -> None:
    opened = seed_on_neo4j._session
    failures = iter([neo4j_errors.SessionExpired("connection lost")] * lost)

    def flaky(mode: str) -> neo4j.Session:
        failure = next(failures, None)
        if failure is not None:
            raise failure
        return opened(mode)

    monkeypatch.setattr(seed_on_neo4j, "_session", flaky)
    if lost < 3:
        assert seed_on_neo4j.read("entity_kind", {"id": "west-yorkshire"})
    else:
        with pytest.raises(GraphUnavailableError, match="unreachable"):
            seed_on_neo4j.read("entity_kind", {"id": "west-yorkshire"})


def test_routing_uri_scheme_works(
    neo4j_password: str, neo4j_scratch_server: LocalNeo4j, seed_on_neo4j: Neo4jEngine
) -> None:
    routed = neo4j_scratch_server.uri.replace("bolt://", "neo4j://")
    with Neo4jEngine(routed, "neo4j", neo4j_password) as adapter:
        assert adapter.read("entity_kind", {"id": "emsou"})[0]["kind"]


def test_failed_reload_leaves_no_half_built_generation(
    seed_on_neo4j: Neo4jEngine, seed_dataset: Dataset
) -> None:
    before = {row["gen"] for row in seed_on_neo4j.read("graph_generations_present")}

    def exploding(step: str, done: int, total: int) -> None:
        if done == 5:
            raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        load_dataset(seed_on_neo4j, seed_dataset, progress=exploding, batch_size=50)
    assert {row["gen"] for row in seed_on_neo4j.read("graph_generations_present")} == before


def test_wrong_password_is_one_clear_error(neo4j_scratch_server: LocalNeo4j) -> None:
    with Neo4jEngine(neo4j_scratch_server.uri, "neo4j", "not-the-password") as adapter:
        with pytest.raises(GraphUnavailableError, match="NEO4J_PASSWORD"):
            adapter.ping()


def test_wrong_database_is_one_clear_error(
    neo4j_password: str, neo4j_scratch_server: LocalNeo4j
) -> None:
    with Neo4jEngine(neo4j_scratch_server.uri, "neo4j", neo4j_password, "nosuchdb") as adapter:
        with pytest.raises(GraphUnavailableError, match="NEO4J_DATABASE"):
            adapter.read("entity_kind", {"id": "emsou"})


def test_unreachable_server_is_one_clear_error(neo4j_password: str) -> None:
    from graphmodel.engine.server import free_port

    with Neo4jEngine(f"bolt://127.0.0.1:{free_port()}", "neo4j", neo4j_password) as adapter:
        with pytest.raises(GraphUnavailableError, match="NEO4J_URI"):
            adapter.read("entity_kind", {"id": "emsou"})


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"NEO4J_PASSWORD": "not-the-password"}, "NEO4J_PASSWORD"),
        ({"NEO4J_DATABASE": "nosuchdb"}, "NEO4J_DATABASE"),
        ({"NEO4J_URI": "bolt://127.0.0.1:1"}, "NEO4J_URI"),
        ({"NEO4J_URI": "http://127.0.0.1:7474"}, "NEO4J_URI"),
    ],
)
def test_cli_faults_give_one_line_and_a_non_zero_exit(
    neo4j_password: str, neo4j_scratch_server: LocalNeo4j, env: dict[str, str], expected: str
) -> None:
    import os

    full = {**os.environ, "NEO4J_URI": neo4j_scratch_server.uri, "NEO4J_PASSWORD": neo4j_password}
    full.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "graphmodel.cli", "stats"], capture_output=True, text=True,
        env=full, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_service_answers_503_while_neo4j_is_away_and_recovers(
    neo4j_scratch_server: LocalNeo4j,
    seed_on_neo4j: Neo4jEngine,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from api.app import create_app

    settings = Settings(neo4j_uri=None, collabgraph_data_dir=tmp_path_factory.mktemp("unused"))
    with TestClient(
        create_app(settings, engine=seed_on_neo4j), raise_server_exceptions=False
    ) as client:
        assert client.get("/api/entities/emsou").status_code == 200
        neo4j_scratch_server.stop()
        try:
            away = client.get("/api/entities/emsou")
            assert away.status_code == 503
            assert int(away.headers["Retry-After"]) > 0
            assert "Neo4j" in away.json()["detail"]
            assert client.get("/readyz").status_code == 503
        finally:
            neo4j_scratch_server.start()
        back = client.get("/api/entities/emsou")
        assert back.status_code == 200, back.text
        assert client.get("/readyz").status_code == 200


def test_a_database_never_loaded_answers_search_with_nothing(
    neo4j_scratch_server: LocalNeo4j, neo4j_password: str
) -> None:
    with Neo4jEngine(neo4j_scratch_server.uri, "neo4j", neo4j_password) as adapter:
        adapter.write("clear_graph", {})
        with adapter._session("write") as session:  # as in a database nobody has loaded
            session.run("DROP INDEX entity_search IF EXISTS").consume()
        params = {"tokens": ["emsou"], "q": "emsou", "limit": 5, "candidates": 250}
        assert adapter.read("search_fulltext", params) == []
