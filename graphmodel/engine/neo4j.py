"""Neo4j adapter: the official driver, for a user's server, a cluster or Aura.

Reads run in READ access mode sessions (on a cluster, a read replica; on any Neo4j, a
write is refused); a reload runs as one write transaction, so readers see the old graph
or the new one. Tests exercise this adapter over FalkorDB's Bolt listener, which speaks
the same protocol; there the engine-specific statements follow the server (see `statements`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from graphmodel.engine.base import Batch, Engine, ProgressCallback, plain
from graphmodel.errors import GraphUnavailableError, QueryRefusedError, QueryTimeoutError
from graphmodel.statements import Statements

__all__ = ["Neo4jEngine"]


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return GraphUnavailableError(f"the Neo4j server is unreachable: {exc}")
    if isinstance(exc, neo4j_errors.AuthError):
        return GraphUnavailableError(
            "Neo4j refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD", retry_after=60
        )
    code = getattr(exc, "code", "") or ""
    if "TransactionTimedOut" in code or "Timeout" in code:
        return QueryTimeoutError(f"the query ran past its time limit: {exc}")
    if "Forbidden" in code or "AccessMode" in code or "WriteOnReadOnly" in code:
        return QueryRefusedError("the engine refused a write: the console is read-only")
    return QueryRefusedError(f"Neo4j refused the statement: {getattr(exc, 'message', None) or exc}")


class Neo4jEngine(Engine):
    """A Neo4j database reached with the official driver."""

    kind = "neo4j"

    def __init__(self, uri: str, username: str, password: str | None, database: str | None = None,
                 query_timeout_ms: int = 30_000):  # fmt: skip
        self.uri, self.database = uri, database
        self.query_timeout_ms = query_timeout_ms
        self._neo4j_statements = Statements("neo4j")
        self._statements: Statements | None = None
        auth = (username, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(uri, auth=auth, connection_timeout=5)
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise GraphUnavailableError(f"NEO4J_URI {uri!r} is not usable: {exc}", 60) from exc
        self._schema_statements: Statements | None = None

    def _session(self, mode: str) -> neo4j.Session:
        access = neo4j.READ_ACCESS if mode == "read" else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=access)

    def _execute(self, text: str, params: Mapping[str, Any] | None, mode: str,
                 timeout_ms: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:  # fmt: skip
        @neo4j.unit_of_work(timeout=(timeout_ms or self.query_timeout_ms) / 1000)
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]]]:
            result = tx.run(text, dict(params or {}))
            keys = list(result.keys())
            return keys, [{k: plain(record[k]) for k in keys} for record in result]

        try:
            with self._session(mode) as session:
                if mode == "read":
                    return session.execute_read(work)
                return session.execute_write(work)
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise _translate(exc) from exc

    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._execute(self.statements[name].text, params, "read")[1]

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._execute(self.statements[name].text, params, "write")[1]

    def run_readonly(self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
                     ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        columns, rows = self._execute(text, params, "read", timeout_ms)
        return columns, rows[:row_limit], len(rows) > row_limit

    @property
    def statements(self) -> Statements:  # type: ignore[override]
        """The statements for the server at the other end: Neo4j's own, normally.

        Engine-specific statements (schema, full-text search) follow the server: FalkorDB's
        Bolt listener, used by the tests, introduces itself like Neo4j, so ask for Neo4j's
        kernel component, which only a real Neo4j has.
        """
        if self._statements is None:
            try:
                with self._session("read") as session:
                    text = self._neo4j_statements["server_components"].text
                    names = [r["name"] for r in session.run(text)]
                engine = "neo4j" if any("neo4j" in str(n).lower() for n in names) else "falkordb"
            except neo4j_errors.Neo4jError:
                engine = "falkordb"
            except (neo4j_errors.DriverError, OSError) as exc:
                raise _translate(exc) from exc
            self._statements = (
                self._neo4j_statements if engine == "neo4j" else Statements("falkordb")
            )
        return self._statements

    def replace_graph(
        self, batches: Iterable[Batch], total: int, progress: ProgressCallback | None
    ) -> None:
        dialect = self.statements
        schema = [s for s in dialect if s.mode == "schema"]
        try:
            with self._session("write") as session:
                for statement in schema:  # schema changes cannot share a transaction with data
                    try:
                        session.run(statement.text).consume()
                    except neo4j_errors.Neo4jError as exc:
                        # Neo4j's statements say IF NOT EXISTS; FalkorDB's Bolt listener
                        # answers an existing index with an unspecific error.
                        if dialect.engine == "neo4j" and "already exists" not in str(exc).lower():
                            raise
                with session.begin_transaction() as tx:
                    tx.run(self.statements["clear_graph"].text).consume()
                    for done, (name, params) in enumerate(batches, start=1):
                        tx.run(self.statements[name].text, dict(params)).consume()
                        if progress:
                            progress(name, done, total)
                    tx.commit()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise _translate(exc) from exc

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
        except (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError) as exc:
            raise _translate(exc) from exc

    def describe(self) -> dict[str, Any]:
        return {"engine": "neo4j", "uri": self.uri, "database": self.database or "(server default)"}

    def close(self) -> None:
        self._driver.close()
