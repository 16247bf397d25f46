"""The engine port and its adapters.

``open_engine(settings)`` gives the engine the settings ask for: Neo4j through the official
driver when NEO4J_URI is set, else the embedded FalkorDB (started as a child process).
Everything above the port is engine-blind: it runs named statements with parameters and
gets plain dicts back.
"""

from __future__ import annotations

from graphmodel.engine.base import Engine, ProgressCallback
from graphmodel.settings import Settings

__all__ = ["Engine", "ProgressCallback", "open_engine"]


def open_engine(settings: Settings | None = None) -> Engine:
    """A connected engine for `settings` (from the environment when omitted)."""
    settings = settings or Settings()
    if settings.neo4j_uri:
        from graphmodel.engine.neo4j import Neo4jEngine

        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
        return Neo4jEngine(
            settings.neo4j_uri,
            settings.neo4j_username,
            password,
            settings.neo4j_database,
            query_timeout_ms=settings.collabgraph_query_timeout_ms,
        )
    from graphmodel.engine.falkordb import EmbeddedFalkorDB

    return EmbeddedFalkorDB(
        settings.collabgraph_data_dir,
        graph=settings.collabgraph_graph,
        query_timeout_ms=settings.collabgraph_query_timeout_ms,
        memory_mb=settings.collabgraph_engine_memory_mb,
        console_memory_mb=settings.collabgraph_console_memory_mb,
        console_threads=settings.collabgraph_console_concurrency,
    )
