"""FalkorDB adapter (native protocol, `falkordb` client), and the embedded default."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB

from graphmodel.engine.base import Batch, Engine, ProgressCallback, plain
from graphmodel.engine.server import EmbeddedServer
from graphmodel.errors import (
    GraphUnavailableError,
    QueryRefusedError,
    QueryTimeoutError,
)
from graphmodel.statements import Statements

__all__ = ["FalkorDBEngine", "EmbeddedFalkorDB"]

_STAGING = "__staging_"


def _records(result: Any) -> tuple[list[str], list[dict[str, Any]]]:
    columns = [str(col[1]) if isinstance(col, (list, tuple)) else str(col) for col in result.header]
    rows = [dict(zip(columns, (plain(v) for v in row), strict=True)) for row in result.result_set]
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
    if "ro_query" in lowered or "read-only" in lowered or "read only" in lowered:
        return QueryRefusedError("the engine refused a write: the console is read-only")
    return QueryRefusedError(f"the engine refused the statement: {text}")


class FalkorDBEngine(Engine):
    """A FalkorDB server reached on host:port; the live graph is `graph`."""

    kind = "falkordb"

    def __init__(
        self, host: str, port: int, graph: str = "collabgraph", query_timeout_ms: int = 30_000
    ):
        self.host, self.port, self.graph_name = host, port, graph
        self.query_timeout_ms = query_timeout_ms
        self.statements = Statements("falkordb")
        self._db = self._connect()

    def _connect(self) -> FalkorDB:
        return FalkorDB(
            host=self.host, port=self.port, socket_timeout=120, socket_connect_timeout=2
        )

    # -- running ---------------------------------------------------------------
    def _graph(self, name: str | None = None) -> Any:
        return self._db.select_graph(name or self.graph_name)

    def _run(self, name: str | None, text: str, params: Mapping[str, Any] | None, read_only: bool,
             timeout_ms: int | None = None) -> tuple[list[str], list[dict[str, Any]]]:  # fmt: skip
        graph = name or self.graph_name
        try:
            target = self._graph(graph)
            call = target.ro_query if read_only else target.query
            result = call(text, dict(params or {}), timeout=timeout_ms or self.query_timeout_ms)
        except redis.ResponseError as exc:
            if read_only and "empty key" in str(exc):
                return [], []  # nothing loaded yet: an empty graph answers nothing
            raise self._on_error(exc) from exc
        except (redis.RedisError, OSError) as exc:
            raise self._on_error(exc) from exc
        except (ValueError, TypeError) as exc:  # the client refuses parameters it cannot send
            raise QueryRefusedError(f"the parameters cannot be sent to the engine: {exc}") from exc
        return _records(result)

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
        staging = f"{self.graph_name}{_STAGING}{uuid.uuid4().hex[:8]}"
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
            # RENAME is one atomic step: readers of the live graph see the old one or this.
            self._db.connection.rename(staging, self.graph_name)
        except (redis.RedisError, OSError) as exc:
            self._drop(staging)
            raise self._on_error(exc) from exc
        except BaseException:
            self._drop(staging)
            raise

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
    itself.
    """

    def __init__(self, data_dir: Path, graph: str = "collabgraph", bolt_port: int | None = None,
                 query_timeout_ms: int = 30_000):  # fmt: skip
        self.server = EmbeddedServer(data_dir, bolt_port=bolt_port)
        port = self.server.start()
        self._restart_lock = threading.Lock()
        self._last_restart = 0.0
        super().__init__("127.0.0.1", port, graph, query_timeout_ms)

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
                port = self.server.restart()
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
        super().close()
        self.server.stop()
