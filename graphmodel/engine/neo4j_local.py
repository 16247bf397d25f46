"""A real Neo4j 5.26 Community on this machine, without Docker: our launcher
(`neo4j-launcher/Launcher.java`, run in Java's source-file mode) over the jars that the set-up
fetched from Maven Central into `build/neo4j/lib` (`./dev.sh fetch-neo4j`).

Used by `./dev.sh neo4j` (people trying the Neo4j path) and by the tests (one server per
test session). The product itself never downloads anything: when the jars are missing it
says which command fetches them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from graphmodel.engine.server import free_port
from graphmodel.errors import GraphUnavailableError
from graphmodel.settings import REPO_ROOT

__all__ = ["LocalNeo4j", "NEO4J_LIB", "LAUNCHER", "JVM_OPTIONS"]

NEO4J_LIB = REPO_ROOT / "build" / "neo4j" / "lib"
LAUNCHER = REPO_ROOT / "neo4j-launcher" / "Launcher.java"

# The module openings Neo4j's own neo4j.conf gives the JVM (server.jvm.additional), so the
# page cache and Netty reach what they need without warnings.
JVM_OPTIONS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]


def _config(port: int, pagecache: str, tx_total_max: str, tx_max: str, timeout_s: int) -> str:
    address = f"127.0.0.1:{port}"
    settings = {
        "server.bolt.enabled": "true",
        "server.bolt.listen_address": address,
        "server.bolt.advertised_address": address,
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.memory.pagecache.size": pagecache,
        "dbms.memory.transaction.total.max": tx_total_max,
        "db.memory.transaction.max": tx_max,
        "db.transaction.timeout": f"{timeout_s}s",
        "dbms.usage_report.enabled": "false",
        "db.tx_log.preallocate": "false",
        "db.tx_log.rotation.retention_policy": "2 files",
    }
    return "".join(f"{key}={value}\n" for key, value in settings.items())


class LocalNeo4j:
    """One Neo4j server process on a loopback port with its files under `home`."""

    def __init__(
        self,
        home: Path,
        password: str,
        port: int | None = None,
        heap: str = "1g",
        pagecache: str = "128m",
        tx_total_max: str = "768m",
        tx_max: str = "640m",
        transaction_timeout_s: int = 600,
    ):
        if len(password) < 8:
            raise GraphUnavailableError("NEO4J_PASSWORD must be 8 characters or more for Neo4j")
        self.home = Path(home)
        self.password = password
        self.port = port or free_port()
        self.heap = heap
        self._conf = _config(self.port, pagecache, tx_total_max, tx_max, transaction_timeout_s)
        self._process: subprocess.Popen[str] | None = None
        self._log_lines: list[str] = []

    @property
    def uri(self) -> str:
        """The Bolt URI this server answers on."""
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        """The server's process id while it runs."""
        return self._process.pid if self._process and self._process.poll() is None else None

    @staticmethod
    def check_installed() -> None:
        """Raise GraphUnavailableError naming the fix if Java or the jars are missing."""
        if shutil.which("java") is None:
            raise GraphUnavailableError(
                "Java is not installed: Neo4j 5.26 needs Java 17 or 21 "
                "(`apt-get install openjdk-17-jre-headless`)"
            )
        if not NEO4J_LIB.is_dir() or not any(NEO4J_LIB.glob("neo4j-5.*.jar")):
            raise GraphUnavailableError(
                f"Neo4j's jars are not in {NEO4J_LIB}: run `./dev.sh fetch-neo4j` once "
                "(it fetches them from Maven Central)"
            )

    def command(self) -> list[str]:
        """The java command line that runs the launcher."""
        conf = self.home / "neo4j.conf"
        return [
            "java",
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *JVM_OPTIONS,
            "-cp",
            f"{NEO4J_LIB}/*",
            str(LAUNCHER),
            str(self.home),
            str(conf),
            "--exit-on-stdin-close",
        ]

    def start(self, timeout: float = 240.0, on_line: Callable[[str], None] | None = None) -> str:
        """Start the server and wait for its ready line; its Bolt URI."""
        self.check_installed()
        self.home.mkdir(parents=True, exist_ok=True)
        os.chmod(self.home, 0o700)
        (self.home / "neo4j.conf").write_text(self._conf)
        env = {**os.environ, "NEO4J_PASSWORD": self.password}
        # Standard input stays open for as long as this process lives: the launcher exits
        # when it closes, so a server never outlives whoever started it (even after kill -9).
        self._process = subprocess.Popen(
            self.command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=self.home,
            start_new_session=True,
        )
        ready = threading.Event()
        assert self._process.stdout is not None
        stdout = self._process.stdout

        def pump() -> None:
            for line in stdout:
                line = line.rstrip("\n")
                self._log_lines.append(line)
                del self._log_lines[:-200]
                if line.startswith("READY "):
                    ready.set()
                if on_line:
                    on_line(line)

        threading.Thread(target=pump, name=f"neo4j-{self.port}", daemon=True).start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.2):
            if self._process.poll() is not None or time.monotonic() > deadline:
                tail = "\n".join(self._log_lines[-15:])
                self.stop()
                raise GraphUnavailableError(
                    f"Neo4j did not start on port {self.port}; its last lines:\n{tail}"
                )
        return self.uri

    def stop(self, timeout: float = 60.0) -> None:
        """Shut the server down cleanly (SIGTERM runs Neo4j's shutdown), then make sure."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        with contextlib.suppress(OSError, ValueError):
            if process.stdin:
                process.stdin.close()

    def kill(self) -> None:
        """Stop the server abruptly (SIGKILL), as a crash would."""
        if self._process and self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)

    def log_tail(self, lines: int = 20) -> str:
        """The server's last lines of output."""
        return "\n".join(self._log_lines[-lines:])

    def __enter__(self) -> LocalNeo4j:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    """`python -m graphmodel.engine.neo4j_local [--port P] [--home DIR]`: run until interrupted."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="./dev.sh neo4j",
        description="Start a local Neo4j 5.26 Community (Bolt on loopback, auth on) and run "
        "until interrupted. The password is NEO4J_PASSWORD (8 characters or more).",
    )
    parser.add_argument("--port", type=int, default=7687, help="Bolt port (default 7687)")
    parser.add_argument(
        "--home",
        type=Path,
        default=REPO_ROOT / "build" / "neo4j" / "home",
        help="where the server keeps its data and logs (default build/neo4j/home)",
    )
    parser.add_argument("--heap", default="1g", help="JVM heap (default 1g)")
    args = parser.parse_args(argv)
    password = os.environ.get("NEO4J_PASSWORD", "")
    if len(password) < 8:
        print("set NEO4J_PASSWORD to 8 characters or more, e.g. NEO4J_PASSWORD=... ./dev.sh neo4j",
              file=sys.stderr)  # fmt: skip
        return 2
    server = LocalNeo4j(args.home, password, port=args.port, heap=args.heap)
    print(f"starting Neo4j 5.26 on 127.0.0.1:{args.port} (data in {args.home}) ...",
          file=sys.stderr, flush=True)  # fmt: skip
    try:
        server.start(on_line=lambda line: print(f"  neo4j: {line}", file=sys.stderr, flush=True))
    except GraphUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"NEO4J_URI={server.uri}", flush=True)
    print("ready: set NEO4J_URI and NEO4J_PASSWORD, then `collabgraph load`; Ctrl-C stops it",
          file=sys.stderr, flush=True)  # fmt: skip
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(1):
            if server.pid is None:
                print("error: Neo4j stopped:\n" + server.log_tail(), file=sys.stderr)
                return 1
    except KeyboardInterrupt:
        pass
    print("stopping Neo4j ...", file=sys.stderr, flush=True)
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
