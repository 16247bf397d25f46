"""Neo4j adapter: the official driver, for a user's server, a cluster or Aura.

Reads run in READ access mode sessions (on a cluster, a read replica; on any Neo4j 5, a
write in such a transaction is refused by the server); a reload runs as one write
transaction, so readers see the old graph or the new one, and a failure rolls it all back.
Tested against a real Neo4j 5.26 Community started by the test suite (`neo4j_local`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

from graphmodel.engine.base import Batch, Engine, ProgressCallback, plain
from graphmodel.errors import GraphUnavailableError, QueryRefusedError, QueryTimeoutError
from graphmodel.statements import Statements

__all__ = ["Neo4jEngine"]

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_DRIVER_ERRORS = (neo4j_errors.Neo4jError, neo4j_errors.DriverError, OSError)
_READ_ATTEMPTS = 3  # a read that meets a transient fault is run at most this many times
_READ_RETRY_PAUSE_S = 0.1  # before the second attempt; doubled before each one after


def _translate(exc: Exception, database: str | None) -> Exception:
    """One graphmodel error for a driver exception, saying what failed and what to do."""
    if isinstance(exc, neo4j_errors.AuthError):
        return GraphUnavailableError(
            "Neo4j refused the credentials: check NEO4J_USERNAME and NEO4J_PASSWORD",
            retry_after=60,
        )
    if isinstance(exc, (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError)):
        return GraphUnavailableError(
            f"the Neo4j server is unreachable ({exc}); check NEO4J_URI and that the server runs"
        )
    if isinstance(exc, neo4j_errors.DriverError) and not isinstance(exc, neo4j_errors.Neo4jError):
        return GraphUnavailableError(f"the Neo4j driver failed: {exc}")
    code = getattr(exc, "code", "") or ""
    message = getattr(exc, "message", None) or str(exc)
    if code.endswith("DatabaseNotFound"):
        return GraphUnavailableError(
            f"Neo4j has no database {database!r}: check NEO4J_DATABASE "
            "(Neo4j Community has one user database, `neo4j`)",
            retry_after=60,
        )
    if "DatabaseUnavailable" in code or code.startswith("Neo.TransientError.General.Database"):
        return GraphUnavailableError(f"the Neo4j database is not available now: {message}")
    if "TransactionTimedOut" in code or "Timeout" in code:
        return QueryTimeoutError(f"the query ran past its time limit: {message}")
    if "MemoryPoolOutOfMemoryError" in code or "OutOfMemory" in code:
        return QueryRefusedError(
            "the statement needs more memory than Neo4j allows one transaction "
            f"(db.memory.transaction.max): {message}"
        )
    if code.endswith("AccessMode") or "Forbidden" in code or "WriteOnReadOnly" in code:
        return QueryRefusedError("the engine refused a write: the console is read-only")
    return QueryRefusedError(f"Neo4j refused the statement: {message}")


def _run_consumed(tx: neo4j.ManagedTransaction, text: str, params: dict[str, Any]) -> None:
    tx.run(text, params).consume()


def _rows(
    result: neo4j.Result, row_limit: int | None
) -> tuple[list[str], list[dict[str, Any]], bool]:
    """(columns, rows, truncated) of a streamed result; fetching stops past `row_limit`."""
    keys = list(result.keys())
    rows: list[dict[str, Any]] = []
    for record in result:
        if row_limit is not None and len(rows) >= row_limit:
            return keys, rows, True  # the rest is discarded, never fetched
        rows.append({k: plain(record[k]) for k in keys})
    return keys, rows, False


def _worth_retrying(exc: Exception) -> bool:
    """Whether a failed read may succeed if run again at once (a moment's fault, not the
    statement's): a lost connection, a leader change, a database briefly unavailable. Running
    out of transaction memory or time is the statement's own doing: not retried."""
    code = getattr(exc, "code", None) or ""
    if any(word in code for word in ("OutOfMemory", "TimedOut", "Timeout")):
        return False
    return isinstance(exc, (neo4j_errors.Neo4jError, neo4j_errors.DriverError)) and (
        exc.is_retryable()
    )


class Neo4jEngine(Engine):
    """A Neo4j database reached with the official driver."""

    kind = "neo4j"

    def __init__(self, uri: str, username: str, password: str | None, database: str | None = None,
                 query_timeout_ms: int = 30_000, reload_grace_s: float = 2.0):  # fmt: skip
        self.uri, self.database = uri, database
        self.reload_grace_s = reload_grace_s
        self.query_timeout_ms = query_timeout_ms
        self.statements = Statements("neo4j")
        if uri.split("://", 1)[0].lower() not in _SCHEMES:
            raise GraphUnavailableError(
                f"NEO4J_URI {uri!r} is not a Bolt URI: use bolt://HOST:7687 (one server) or "
                "neo4j://HOST:7687 (a cluster; +s for TLS, as Aura's neo4j+s://)",
                retry_after=60,
            )
        auth = (username, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                uri, auth=auth, connection_timeout=5, connection_acquisition_timeout=10,
                max_transaction_retry_time=5,
                # Hints such as "this property key does not exist yet" (an empty graph, an
                # optional property) are not errors; the driver would log each one to stderr.
                notifications_min_severity="OFF",
            )  # fmt: skip
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            raise GraphUnavailableError(f"NEO4J_URI {uri!r} is not usable: {exc}", 60) from exc

    def _translate(self, exc: Exception) -> Exception:
        return _translate(exc, self.database or "neo4j")

    def _session(self, mode: str) -> neo4j.Session:
        access = neo4j.READ_ACCESS if mode == "read" else neo4j.WRITE_ACCESS
        return self._driver.session(database=self.database, default_access_mode=access)

    def _execute(self, text: str, params: Mapping[str, Any] | None, mode: str,
                 timeout_ms: int | None = None, row_limit: int | None = None,
                 ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        """(columns, rows, truncated): rows are streamed and fetching stops past `row_limit`."""
        timeout = (timeout_ms or self.query_timeout_ms) / 1000
        if mode == "read":
            return self._read(neo4j.Query(text, timeout=timeout), dict(params or {}), row_limit)

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict[str, Any]], bool]:
            return _rows(tx.run(text, dict(params or {})), row_limit)

        try:
            with self._session(mode) as session:
                return session.execute_write(work)
        except _DRIVER_ERRORS as exc:
            raise self._translate(exc) from exc

    def _read(self, query: neo4j.Query, params: dict[str, Any], row_limit: int | None
              ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        """A read as one auto-commit transaction: RUN and PULL in one round trip, where a
        managed transaction (execute_read) takes three (BEGIN, RUN and PULL, COMMIT). The
        session's READ access mode still makes the server refuse any write. The driver does
        not retry auto-commit transactions, so a read that met a moment's fault (a lost
        connection, a leader change) is run again here, a few times and briefly: reads
        have no effects to repeat, and a caller waits less than execute_read's 5 s."""
        attempt = 1
        while True:
            try:
                with self._session("read") as session:
                    return _rows(session.run(query, params), row_limit)
            except _DRIVER_ERRORS as exc:
                if attempt >= _READ_ATTEMPTS or not _worth_retrying(exc):
                    raise self._translate(exc) from exc
            time.sleep(_READ_RETRY_PAUSE_S * 2 ** (attempt - 1))
            attempt += 1

    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return self._execute(self.statements[name].text, params, "read")[1]
        except QueryRefusedError as exc:
            # A database never loaded has no full-text index yet: like an empty graph on the
            # embedded engine, it answers nothing rather than failing.
            if "no such fulltext schema index" in str(exc).lower():
                return []
            raise

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._execute(self.statements[name].text, params, "write")[1]

    def run_readonly(self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
                     ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        return self._execute(text, params, "read", timeout_ms, row_limit)

    def ensure_schema(self) -> None:
        """Create the indexes and constraints (idempotent) and wait until they are online."""
        try:
            with self._session("write") as session:
                for statement in self.statements:
                    if statement.mode == "schema":  # schema changes cannot share a transaction
                        session.run(statement.text).consume()
        except _DRIVER_ERRORS as exc:
            raise self._translate(exc) from exc

    def replace_graph(
        self, batches: Iterable[Batch], total: int, progress: ProgressCallback | None
    ) -> None:
        """Build the new graph as a new generation beside the live one, batch by batch (each
        batch its own transaction, so no transaction must hold the whole graph), then make
        it the one readers see in one small write.

        Neo4j reads at read-committed isolation: a reader could see a large commit half
        applied, so no reader ever looks at a generation while it is written. Each read
        statement picks the live generation when it starts; the one before stays readable
        for `reload_grace_s` after the switch (so reads that began before it finish on a
        whole graph) and is then deleted.
        """
        self.ensure_schema()
        current = self.read("graph_generation")
        keep = [current[0]["gen"]] if current and current[0]["gen"] is not None else []
        self._drop_generations(keep)  # what a reload that died part way left behind
        gen = max(keep, default=0) + 1
        try:
            with self._session("write") as session:
                for done, (name, params) in enumerate(batches, start=1):
                    session.execute_write(
                        _run_consumed, self.statements[name].text, {**params, "gen": gen}
                    )
                    if progress:
                        progress(name, done, total)
                session.execute_write(
                    _run_consumed, self.statements["graph_generation_flip"].text, {"gen": gen}
                )
        except BaseException as exc:
            try:
                self._drop_generations(keep)  # the half-built generation
            except Exception:  # noqa: BLE001 - the first error is the one to report
                pass
            if isinstance(exc, _DRIVER_ERRORS):
                raise self._translate(exc) from exc
            raise
        time.sleep(self.reload_grace_s)
        try:
            self._drop_generations([gen])
        except _DRIVER_ERRORS as exc:
            raise self._translate(exc) from exc

    def _drop_generations(self, keep: list[int], batch: int = 5000) -> None:
        """Delete every generation not in `keep`, in batches of bounded size."""
        present = {row["gen"] for row in self.read("graph_generations_present")}
        for gen in sorted(g for g in present if g not in keep and g is not None):
            for step in ("drop_generation_relationships", "drop_generation_entities"):
                while self.write(step, {"gen": gen, "batch": batch})[0]["deleted"]:
                    pass
            self.write("drop_generation_documents", {"gen": gen})
            self.write("drop_generation_meta", {"gen": gen})
        for legacy in self.read("graph_generations_present"):  # graphs from before generations
            if legacy["gen"] is None:
                self.write("clear_graph", {})
                return

    def ping(self) -> None:
        try:
            self._driver.verify_connectivity()
            with self._session("read") as session:
                session.run(
                    self.statements["ping"].text
                ).consume()  # the database, not just the server
        except _DRIVER_ERRORS as exc:
            raise self._translate(exc) from exc

    def describe(self) -> dict[str, Any]:
        return {"engine": "neo4j", "uri": self.uri, "database": self.database or "(server default)"}

    def close(self) -> None:
        self._driver.close()
