"""Shared fixtures: every test that touches the graph runs on both engines.

`engine_kind` is a session parameter, [falkordb] and [neo4j]: the embedded FalkorDB this
session starts, and a real Neo4j 5.26 Community this session starts from the jars that
`./dev.sh fetch-neo4j` put in build/neo4j/lib (two servers: one holding the seed graph for
readers, one for tests that write). Fixtures built on `engine_kind` (`engine`, `client`,
`scratch_engine`, `user_env`, ...) are therefore run once per engine. A summary at the end
says how many tests ran on each.
"""

from __future__ import annotations

import secrets
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.base import Engine
from graphmodel.engine.falkordb import EmbeddedFalkorDB, FalkorDBEngine
from graphmodel.engine.neo4j import Neo4jEngine
from graphmodel.engine.neo4j_local import LocalNeo4j
from graphmodel.loading import load_dataset
from graphmodel.settings import DEFAULT_SEED_DIR, Settings

SEED_DIR = DEFAULT_SEED_DIR
ARTIFACTS = Path(__file__).parent / "artifacts"
ENGINES = ("falkordb", "neo4j")
NEO4J_PASSWORD = "test-" + secrets.token_hex(8)


# -- counting tests per engine -------------------------------------------------------
_ran: Counter[str] = Counter()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        for kind in ENGINES:
            if (
                f"[{kind}" in report.nodeid
                or f"-{kind}]" in report.nodeid
                or f"-{kind}-" in report.nodeid
            ):
                _ran[kind] += 1


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(
        "tests passed per engine: "
        + ", ".join(f"{kind} {_ran[kind]}" for kind in ENGINES)
        + " (the rest do not touch the graph)"
    )


# -- data -----------------------------------------------------------------------------
@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and exported files for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    """The curated dataset, validated."""
    return read_dataset(SEED_DIR)


# -- the engines' servers ---------------------------------------------------------------
@pytest.fixture(scope="session")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedFalkorDB]:
    """The session's embedded FalkorDB, graph empty."""
    engine = EmbeddedFalkorDB(tmp_path_factory.mktemp("falkordb"), graph="collabgraph")
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def neo4j_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, LocalNeo4j]]:
    """Two real Neo4j 5.26 servers, started side by side: 'seed' (read by most tests) and
    'scratch' (written by tests that load or import)."""
    servers = {
        name: LocalNeo4j(tmp_path_factory.mktemp(f"neo4j-{name}"), NEO4J_PASSWORD, heap="1g")
        for name in ("seed", "scratch")
    }
    failures: list[BaseException] = []

    def start(server: LocalNeo4j) -> None:
        try:
            server.start()
        except BaseException as exc:  # reported below, in the test session's thread
            failures.append(exc)

    threads = [threading.Thread(target=start, args=(s,)) for s in servers.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        for server in servers.values():
            server.stop()
        raise failures[0]
    yield servers
    for server in servers.values():
        server.stop()


def _neo4j(server: LocalNeo4j, database: str | None = None) -> Neo4jEngine:
    return Neo4jEngine(server.uri, "neo4j", NEO4J_PASSWORD, database)


@pytest.fixture(scope="session")
def neo4j_password() -> str:
    """The password of the session's Neo4j servers."""
    return NEO4J_PASSWORD


@pytest.fixture(scope="session")
def neo4j_seed_server(neo4j_servers: dict[str, LocalNeo4j]) -> LocalNeo4j:
    """The Neo4j server holding the seed graph."""
    return neo4j_servers["seed"]


@pytest.fixture(scope="session")
def neo4j_scratch_server(neo4j_servers: dict[str, LocalNeo4j]) -> LocalNeo4j:
    """The Neo4j server that tests which write may clear and fill."""
    return neo4j_servers["scratch"]


# -- the engine under test ----------------------------------------------------------------
@pytest.fixture(scope="session", params=ENGINES)
def engine_kind(request: pytest.FixtureRequest) -> str:
    """'falkordb' or 'neo4j': every fixture built on this runs once per engine."""
    return str(request.param)


@pytest.fixture(scope="session")
def falkordb_seed(embedded: EmbeddedFalkorDB, seed_dataset: Dataset) -> Engine:
    """The embedded FalkorDB with the seed graph loaded."""
    load_dataset(embedded, seed_dataset, str(SEED_DIR))
    return embedded


@pytest.fixture(scope="session")
def neo4j_seed(neo4j_seed_server: LocalNeo4j, seed_dataset: Dataset) -> Iterator[Engine]:
    """Neo4j with the seed graph loaded."""
    adapter = _neo4j(neo4j_seed_server)
    load_dataset(adapter, seed_dataset, str(SEED_DIR))
    yield adapter
    adapter.close()


@pytest.fixture(scope="session")
def engine(engine_kind: str, request: pytest.FixtureRequest) -> Engine:
    """The engine under test with the seed graph loaded. Tests must not write to it."""
    seeded: Engine = request.getfixturevalue(f"{engine_kind}_seed")
    return seeded


@pytest.fixture
def scratch_engine(engine_kind: str, request: pytest.FixtureRequest) -> Iterator[Engine]:
    """A fresh, empty graph on the engine under test, that the test may write."""
    if engine_kind == "falkordb":
        embedded: EmbeddedFalkorDB = request.getfixturevalue("embedded")
        name = f"scratch_{uuid.uuid4().hex[:8]}"
        scratch = FalkorDBEngine("127.0.0.1", embedded.port, graph=name)
        yield scratch
        scratch._drop(name)
        scratch.close()
        return
    adapter = _neo4j(request.getfixturevalue("neo4j_scratch_server"))
    adapter.write("clear_graph", {})
    yield adapter
    adapter.close()


@pytest.fixture(scope="session")
def make_user_env(
    engine_kind: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Callable[[], dict[str, str]]:
    """A factory of environments for running the command line as a user would, on the
    engine under test with an empty graph: a new data directory for the embedded engine,
    or the scratch Neo4j (cleared) with NEO4J_URI and NEO4J_PASSWORD set."""

    def make() -> dict[str, str]:
        data_dir = str(tmp_path_factory.mktemp("user-data"))
        if engine_kind == "falkordb":
            return {"COLLABGRAPH_DATA_DIR": data_dir, "NEO4J_URI": ""}
        server: LocalNeo4j = request.getfixturevalue("neo4j_scratch_server")
        with _neo4j(server) as adapter:
            adapter.write("clear_graph", {})
        return {
            "COLLABGRAPH_DATA_DIR": data_dir,
            "NEO4J_URI": server.uri,
            "NEO4J_USERNAME": "neo4j",
            "NEO4J_PASSWORD": NEO4J_PASSWORD,
        }

    return make


@pytest.fixture
def user_env(make_user_env: Callable[[], dict[str, str]]) -> dict[str, str]:
    """An environment for the command line on the engine under test, graph empty."""
    return make_user_env()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the app under test (console enabled)."""
    return Settings(
        neo4j_uri=None,
        collabgraph_data_dir=tmp_path_factory.mktemp("unused"),
        collabgraph_cypher_console=True,
    )


@pytest.fixture(scope="session")
def client(engine: Engine, settings: Settings) -> Iterator[TestClient]:
    """The app over HTTP (ASGI), on the seed graph of the engine under test."""
    from api.app import create_app

    with TestClient(
        create_app(settings, engine=engine), raise_server_exceptions=False
    ) as test_client:
        yield test_client
