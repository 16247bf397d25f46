"""FalkorDB adapter (native protocol, `falkordb` client), and the embedded default.

A reload builds the new graph under a staging name, swaps it in with one transaction
(the live graph kept aside), and reports success only once the server has written a
snapshot holding it to disk (`persistence`); if it cannot, the previous graph is put back,
so what is served is what is on disk.
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.query_result import QueryResult

from graphmodel.engine.base import Batch, Engine, ProgressCallback, plain
from graphmodel.engine.console_replica import ConsoleReplica
from graphmodel.engine.persistence import save_snapshot
from graphmodel.engine.server import EmbeddedServer, known_password, log_tail
from graphmodel.errors import (
    GraphUnavailableError,
    PersistenceError,
    QueryRefusedError,
    QueryTimeoutError,
)
from graphmodel.statements import Statements

__all__ = ["FalkorDBEngine", "EmbeddedFalkorDB"]

_STAGING = "__staging_"
_BACKUP = "__previous_"
_MB = 1024 * 1024


def _records(result: Any) -> tuple[list[str], list[dict[str, Any]]]:
    columns = [str(col[1]) if isinstance(col, (list, tuple)) else str(col) for col in result.header]
    rows = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]
    return columns, rows


class _NotPlain(Exception):
    """A value the fast decoder leaves to the client library (a node, an edge, a date...)."""


# FalkorDB's compact result types (falkordb.query_result.ResultSetScalarTypes).
_NULL, _STRING, _INTEGER, _BOOLEAN, _DOUBLE, _ARRAY, _MAP = 1, 2, 3, 4, 5, 6, 10


def _decode(cell: list[Any]) -> Any:
    """One compact cell ([type, value]) as plain Python, for the types named statements
    return; _NotPlain for any other."""
    kind, value = cell
    if kind == _STRING or kind == _INTEGER:
        return value
    if kind == _NULL:
        return None
    if kind == _ARRAY:
        return [_decode(item) for item in value]
    if kind == _MAP:
        pairs = iter(value)
        return {key: _decode(item) for key, item in zip(pairs, pairs, strict=True)}
    if kind == _BOOLEAN:
        return value == "true"
    if kind == _DOUBLE:
        return float(value)
    raise _NotPlain(kind)


def _compact_records(graph: Any, response: list[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    """(columns, rows) of a compact GRAPH.QUERY reply, in one pass.

    The client library's parser builds its own objects, which `plain` then copies: four times
    the work of this decoder for the maps and lists every named statement returns (its share
    of a request was measured in benchmarks/RESULTS.md). Graph elements and temporal values
    still go through the library."""
    if isinstance(response[-1], redis.ResponseError):  # an error raised while running
        raise response[-1]
    if len(response) < 3:  # statistics only: the statement returns no columns
        return [], []
    columns = [str(column[1]) for column in response[0]]
    try:
        rows = [dict(zip(columns, map(_decode, row), strict=True)) for row in response[1]]
    except _NotPlain:
        return _records(QueryResult(graph, response))
    return columns, rows


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, (redis.ConnectionError, redis.TimeoutError, ConnectionError, OSError)):
        return GraphUnavailableError(f"the graph engine is unreachable ({exc.__class__.__name__})")
    text = str(exc)
    lowered = text.lower()
    if "timed out" in lowered or "timeout" in lowered:
        return QueryTimeoutError(f"the query ran past its time limit: {text}")
    if "loading" in lowered and "dataset" in lowered:
        return GraphUnavailableError("the graph engine is loading its data; try again shortly", 2)
    if "mem consumption exceeded" in lowered:
        return QueryRefusedError("the query needed more memory than one query may use")
    if lowered.startswith("oom ") or "maxmemory" in lowered:
        return QueryRefusedError(
            "the graph engine is at its memory cap (COLLABGRAPH_ENGINE_MEMORY_MB); "
            "nothing was changed"
        )
    if "ro_query" in lowered or "read-only" in lowered or "read only" in lowered:
        return QueryRefusedError("the engine refused a write: the console is read-only")
    return QueryRefusedError(f"the engine refused the statement: {text}")


class FalkorDBEngine(Engine):
    """A FalkorDB server reached on host:port; the live graph is `graph`."""

    kind = "falkordb"

    def __init__(self, host: str, port: int, graph: str = "collabgraph",
                 query_timeout_ms: int = 30_000, password: str | None = None):  # fmt: skip
        """`password` defaults to that of an embedded server this process opened on `port`."""
        self.host, self.port, self.graph_name = host, port, graph
        self.query_timeout_ms = query_timeout_ms
        self.password = password if password is not None else known_password(port)
        self.statements = Statements("falkordb")
        self._db = self._connect()

    def _connect(self) -> FalkorDB:
        return FalkorDB(
            host=self.host, port=self.port, password=self.password,
            socket_timeout=600, socket_connect_timeout=2,
        )  # fmt: skip

    # -- running ---------------------------------------------------------------
    def _graph(self, name: str | None = None) -> Any:
        return self._db.select_graph(name or self.graph_name)

    def _run(self, name: str | None, text: str, params: Mapping[str, Any] | None, read_only: bool,
             timeout_ms: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:  # fmt: skip
        graph = name or self.graph_name
        command = "GRAPH.RO_QUERY" if read_only else "GRAPH.QUERY"
        try:
            target = self._graph(graph)
            # The client library quotes the parameters (the `CYPHER name=value ...` prefix);
            # the reply is decoded here (_compact_records).
            query = target._build_params_header(dict(params or {})) + text
            response = self._db.connection.execute_command(
                command, graph, query, "--compact", "timeout", timeout_ms or self.query_timeout_ms
            )
            return _compact_records(target, response)
        except redis.ResponseError as exc:
            if read_only and "empty key" in str(exc):
                return [], []  # nothing loaded yet: an empty graph answers nothing
            raise self._on_error(exc) from exc
        except (redis.RedisError, OSError) as exc:
            raise self._on_error(exc) from exc
        except (ValueError, TypeError) as exc:  # the client refuses parameters it cannot send
            raise QueryRefusedError(f"the parameters cannot be sent to the engine: {exc}") from exc

    def _on_error(self, exc: Exception) -> Exception:
        return _translate(exc)

    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        statement = self.statements[name]
        return self._run(None, statement.text, params, read_only=True)[1]

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        statement = self.statements[name]
        return self._run(None, statement.text, params, read_only=False)[1]

    def run_readonly(self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
                     ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        columns, rows = self._run(None, text, params, read_only=True, timeout_ms=timeout_ms)
        return columns, rows[:row_limit], len(rows) > row_limit

    # -- loading ---------------------------------------------------------------
    def replace_graph(
        self, batches: Iterable[Batch], total: int, progress: ProgressCallback | None
    ) -> None:
        token = uuid.uuid4().hex[:8]
        staging, previous = (
            f"{self.graph_name}{_STAGING}{token}",
            f"{self.graph_name}{_BACKUP}{token}",
        )
        try:
            for statement in self.statements:
                if statement.mode == "schema":
                    self._run(staging, statement.text, None, read_only=False)
            # The whole graph is swapped below, so one generation is all it ever holds.
            for done, (name, params) in enumerate(batches, start=1):
                self._run(staging, self.statements[name].text, {**params, "gen": 1}, False)
                if progress:
                    progress(name, done, total)
            self._run(staging, self.statements["graph_generation_flip"].text, {"gen": 1}, False)
            kept = self._swap(staging, previous)
        except (redis.RedisError, OSError) as exc:
            self._drop(staging)
            raise self._on_error(exc) from exc
        except BaseException:
            self._drop(staging)
            raise
        try:
            self._persist()
        except PersistenceError:
            self._restore(previous if kept else None)
            raise
        if kept:
            self._drop(previous)

    def _swap(self, staging: str, previous: str) -> bool:
        """Make `staging` the live graph in one transaction (readers see the old graph or
        the new one), keeping the old one as `previous`; True if there was an old one."""
        connection = self._db.connection
        kept = bool(connection.exists(self.graph_name))
        pipe = connection.pipeline(transaction=True)
        if kept:
            pipe.rename(self.graph_name, previous)
        pipe.rename(staging, self.graph_name)
        pipe.execute()
        return kept

    def _restore(self, previous: str | None) -> None:
        """Put the graph kept aside back as the live graph (or none, if there was none)."""
        connection = self._db.connection
        try:
            if previous is None:
                connection.delete(self.graph_name)
            else:
                connection.rename(previous, self.graph_name)
        except (redis.RedisError, OSError) as exc:
            raise self._on_error(exc) from exc

    def _persist(self) -> None:
        """Return once the server has written the live graph to disk."""
        save_snapshot(self._db.connection)

    def _drop(self, name: str) -> None:
        try:
            self._db.connection.delete(name)
        except (redis.RedisError, OSError):
            pass

    # -- housekeeping ------------------------------------------------------------
    def ping(self) -> None:
        try:
            self._db.connection.ping()
        except (redis.RedisError, OSError) as exc:
            raise self._on_error(exc) from exc

    def describe(self) -> dict[str, Any]:
        return {
            "engine": "falkordb",
            "host": self.host,
            "port": self.port,
            "graph": self.graph_name,
        }

    def close(self) -> None:
        try:
            self._db.connection.close()
        except (redis.RedisError, OSError, AttributeError):
            pass


class EmbeddedFalkorDB(FalkorDBEngine):
    """The default engine: a FalkorDB server this product starts, keeps and stops itself.

    If the server dies, the next request fails with GraphUnavailableError and the engine
    starts it again in the background (from its saved data), so the service recovers by
    itself. Console queries run on a replica of their own (`console_replica`).
    """

    def __init__(self, data_dir: Path, graph: str = "collabgraph", query_timeout_ms: int = 30_000,
                 memory_mb: int = 1024, console_memory_mb: int = 512,
                 console_threads: int = 1):  # fmt: skip
        self.server = EmbeddedServer(data_dir, memory_mb=memory_mb)
        port = self.server.start()
        self._restart_lock = threading.Lock()
        self._last_restart = 0.0
        self.console = ConsoleReplica(
            self.server.data_dir, self.server.password, query_mb=console_memory_mb,
            address_space_mb=2 * memory_mb + 2 * console_memory_mb + 512,
            threads=console_threads,
        )  # fmt: skip
        atexit.register(self.console.stop)
        super().__init__("127.0.0.1", port, graph, query_timeout_ms, self.server.password)
        if self.server.owned:
            self._drop_leftovers()

    def _drop_leftovers(self) -> None:
        """Delete staging and kept-aside graphs a killed load may have left in the data."""
        connection = self._db.connection
        for pattern in (f"{self.graph_name}{_STAGING}*", f"{self.graph_name}{_BACKUP}*"):
            for key in connection.scan_iter(match=pattern):
                self._drop(key.decode() if isinstance(key, bytes) else str(key))

    def _persist(self) -> None:
        try:
            super()._persist()
        except PersistenceError as exc:
            why = log_tail(self.server.log_path, 1, containing="error")
            raise PersistenceError(
                f"{exc} ({why}): the previous graph is still served and on disk; free space "
                f"in {self.server.data_dir} (or fix its permissions) and load again"
            ) from exc
        if self.console.process is not None and self.console.process.poll() is None:
            # The console reads a replica: let it show the new graph before we return.
            with contextlib.suppress(redis.RedisError):
                self._db.connection.execute_command("WAIT", 1, 2000)

    # -- the console --------------------------------------------------------------
    def run_readonly(self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
                     ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        db = self.console.client(self.port, row_limit)
        try:
            result = db.select_graph(self.graph_name).ro_query(
                text, dict(params), timeout=timeout_ms
            )
        except redis.ResponseError as exc:
            if "empty key" in str(exc):
                return [], [], False
            raise _translate(exc) from exc
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            if self.console.died_of_memory():
                raise QueryRefusedError(
                    "the query needed more memory than the console allows "
                    f"({self.console.query_mb} MB per query); the service was not affected"
                ) from exc
            raise GraphUnavailableError(
                "the console's engine is not answering; it will be started again", 2
            ) from exc
        except (ValueError, TypeError) as exc:
            raise QueryRefusedError(f"the parameters cannot be sent to the engine: {exc}") from exc
        columns, rows = _records(result)
        return columns, rows[:row_limit], len(rows) > row_limit

    # -- recovery -------------------------------------------------------------------
    def _on_error(self, exc: Exception) -> Exception:
        translated = _translate(exc)
        if isinstance(translated, GraphUnavailableError):
            threading.Thread(target=self._recover, daemon=True).start()
            return GraphUnavailableError(
                "the embedded graph engine is not answering; it is being restarted", retry_after=2
            )
        return translated

    def _recover(self) -> None:
        if not self._restart_lock.acquire(blocking=False):
            return
        try:
            if time.monotonic() - self._last_restart < 1.0:
                return
            self._last_restart = time.monotonic()
            try:
                self._db.connection.ping()
                return  # it answers again: a passing fault
            except (redis.RedisError, OSError):
                pass
            try:
                port = self.server.restart()  # forked by the launcher thread: it dies with us
            except GraphUnavailableError:
                return
            self.port = port
            self._db = self._connect()
        finally:
            self._restart_lock.release()

    def describe(self) -> dict[str, Any]:
        info = super().describe()
        info.update(
            {
                "engine": "falkordb (embedded)",
                "data_dir": str(self.server.data_dir),
                "owned": self.server.owned,
            }
        )
        return info

    def close(self) -> None:
        """Stop the console's replica and, if this process started it, the server (saving;
        PersistenceError if it could not)."""
        self.console.stop()
        super().close()
        self.server.stop()
