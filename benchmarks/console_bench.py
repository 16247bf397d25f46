"""The API's latency while the Cypher console is busy: p99 beside its idle p99.

The real app is served by uvicorn in its own process (``benchmarks.http_server``, console
enabled) on a private embedded FalkorDB holding the seed graph. API clients read
``/api/entities/{id}``; in the busy rounds four more clients keep sending a heavy console
query (a three-way cartesian product over every entity), retrying when the console answers
busy. Idle and busy rounds alternate, so a slow spell of a shared machine falls on both.
The aim: the API's p99 while busy is within 2x its idle p99. Run from the repository root:

    .venv/bin/python -m benchmarks.console_bench [--seconds 12] [--rounds 3]
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

if __package__ in (None, ""):  # `python benchmarks/console_bench.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Results, Row, percentile, start_engine  # noqa: E402
from benchmarks.http_bench import drive, serve  # noqa: E402
from graphmodel.dataset import read_dataset  # noqa: E402
from graphmodel.loading import load_dataset  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR  # noqa: E402

__all__ = ["main", "HEAVY", "RATIO_AIM"]

HEAVY = "MATCH (a:Entity), (b:Entity), (c:Entity) WHERE a.id < b.id RETURN count(*) AS n"
CONSOLE_CLIENTS = 4
API_CLIENTS = 2
RATIO_AIM = 2.0


class ConsoleLoad:
    """`clients` threads sending the heavy query until stopped; counts what was answered."""

    def __init__(self, port: int, clients: int = CONSOLE_CLIENTS):
        self.port, self.clients = port, clients
        self.answers: dict[int, int] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = [threading.Thread(target=self._client) for _ in range(clients)]

    def _client(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        body = json.dumps({"query": HEAVY})
        while not self._stop.is_set():
            conn.request("POST", "/api/cypher", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            with self._lock:
                self.answers[response.status] = self.answers.get(response.status, 0) + 1
            if response.status == 503:  # busy: retry soon, as a script would
                self._stop.wait(0.05)
        conn.close()

    def __enter__(self) -> ConsoleLoad:
        for thread in self._threads:
            thread.start()
        time.sleep(0.5)  # the first heavy query is running
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


def bench_console(work: Path, results: Results, seconds: float, rounds: int) -> None:
    """Rows: the API's idle p99 (baseline) and its p99 under four console clients."""
    engine = start_engine(work / "falkordb")
    try:
        dataset = read_dataset(DEFAULT_SEED_DIR)
        load_dataset(engine, dataset, str(DEFAULT_SEED_DIR))
        ids = sorted(dataset.entities)[:200]
        paths = [f"/api/entities/{quote(i)}" for i in ids]
        idle: list[float] = []
        busy: list[float] = []
        answers: dict[int, int] = {}
        errors = 0
        with serve(engine, console=True) as port:
            drive(port, paths[:20], 0.5, API_CLIENTS)  # warm up
            with ConsoleLoad(port, 1):  # and start the console's own engine
                time.sleep(1.0)
            for _ in range(rounds):
                _, times, failed = drive(port, paths, seconds / rounds, API_CLIENTS)
                idle += times
                errors += failed
                with ConsoleLoad(port) as load:
                    _, times, failed = drive(port, paths, seconds / rounds, API_CLIENTS)
                busy += times
                errors += failed
                for status, count in load.answers.items():
                    answers[status] = answers.get(status, 0) + count
    finally:
        engine._db.connection.flushall()  # nothing worth saving at shutdown
        engine.close()
    idle_p99, busy_p99 = percentile(idle, 99), percentile(busy, 99)
    ratio = busy_p99 / idle_p99 if idle_p99 else None
    console = ", ".join(f"{count} x {status}" for status, count in sorted(answers.items()))
    results.add(
        Row(
            "console",
            "seed",
            "API p99, console idle (baseline)",
            idle_p99 * 1000,
            "ms",
            note=f"p50 {percentile(idle, 50) * 1000:.1f} ms, {len(idle)} requests, "
            f"{API_CLIENTS} clients",
        )  # fmt: skip
    )
    results.add(
        Row(
            "console",
            "seed",
            f"API p99, {CONSOLE_CLIENTS} heavy console clients",
            busy_p99 * 1000,
            "ms",
            "console idle",
            idle_p99 * 1000,
            ratio,
            f"<= {RATIO_AIM:g}",
            ratio is not None and ratio <= RATIO_AIM,
            f"p50 {percentile(busy, 50) * 1000:.1f} ms, {len(busy)} requests; console answers: "
            f"{console}; API non-2xx: {errors}",
        )  # fmt: skip
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its rows; 0 when it ran (a missed aim is reported)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.console_bench")
    parser.add_argument("--seconds", type=float, default=12.0, help="measured time per mode")
    parser.add_argument("--rounds", type=int, default=3, help="idle/busy alternations")
    parser.add_argument("--repeat", type=int, default=1, help="(accepted for benchmarks.run)")
    args = parser.parse_args(argv)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="collabgraph-console-bench-") as tmp:
        bench_console(Path(tmp), results, args.seconds, args.rounds)
    print(results.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
