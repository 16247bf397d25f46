"""Shared fixtures: one embedded FalkorDB per test session (native and Bolt), the seed
graph loaded into it, the app over real HTTP (ASGI), and scratch graphs for tests that
write."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB, FalkorDBEngine
from graphmodel.engine.neo4j import Neo4jEngine
from graphmodel.engine.server import free_bolt_port
from graphmodel.loading import load_dataset
from graphmodel.settings import DEFAULT_SEED_DIR, Settings

SEED_DIR = DEFAULT_SEED_DIR
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and exported files for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    """The curated dataset, validated."""
    return read_dataset(SEED_DIR)


@pytest.fixture(scope="session")
def bolt_port() -> int:
    """The port of FalkorDB's Bolt listener for this session."""
    return free_bolt_port()


@pytest.fixture(scope="session")
def embedded(
    tmp_path_factory: pytest.TempPathFactory, bolt_port: int
) -> Iterator[EmbeddedFalkorDB]:
    """The session's embedded engine (with its Bolt listener open), graph empty."""
    data_dir = tmp_path_factory.mktemp("falkordb")
    engine = EmbeddedFalkorDB(data_dir, graph="collabgraph", bolt_port=bolt_port)
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def engine(embedded: EmbeddedFalkorDB, seed_dataset: Dataset) -> EmbeddedFalkorDB:
    """The embedded engine with the seed graph loaded. Tests must not write to it."""
    load_dataset(embedded, seed_dataset, str(SEED_DIR))
    return embedded


@pytest.fixture
def scratch_engine(embedded: EmbeddedFalkorDB) -> Iterator[FalkorDBEngine]:
    """A connection to a fresh, empty graph on the session's server, dropped afterwards."""
    name = f"scratch_{uuid.uuid4().hex[:8]}"
    scratch = FalkorDBEngine("127.0.0.1", embedded.port, graph=name)
    yield scratch
    scratch._drop(name)
    scratch.close()


@pytest.fixture(scope="session")
def neo4j_engine(embedded: EmbeddedFalkorDB, bolt_port: int) -> Iterator[Neo4jEngine]:
    """The Neo4j adapter, connected over Bolt to the session's FalkorDB.

    FalkorDB's Bolt listener works on one graph of its own whatever the database name.
    """
    adapter = Neo4jEngine(f"bolt://127.0.0.1:{bolt_port}", "neo4j", None)
    yield adapter
    adapter.close()


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the app under test (console enabled)."""
    return Settings(
        neo4j_uri=None,
        collabgraph_data_dir=tmp_path_factory.mktemp("unused"),
        collabgraph_cypher_console=True,
    )


@pytest.fixture(scope="session")
def client(engine: EmbeddedFalkorDB, settings: Settings) -> Iterator[TestClient]:
    """The app over HTTP (ASGI), on the seed graph."""
    from api.app import create_app

    with TestClient(
        create_app(settings, engine=engine), raise_server_exceptions=False
    ) as test_client:
        yield test_client
