"""HTTP: 8 concurrent clients against the running service, beside its no-op endpoint.

The service is the real app (``api.app.create_app``) served by uvicorn in its own process
on loopback (``benchmarks.http_server``), on the graph the load benchmark left loaded.
Clients are threads with one keep-alive connection each; every endpoint is driven for the
same wall time, and its requests per second are divided by the no-op's.
"""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from benchmarks.common import Results, Row, percentile
from benchmarks.query_bench import query_workload
from graphmodel.dataset import Dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.engine.server import free_port
from graphmodel.settings import REPO_ROOT

__all__ = ["bench_http", "serve", "drive", "CLIENTS"]

CLIENTS = 8
RATIO_AIM = 0.5


@contextmanager
def serve(engine: EmbeddedFalkorDB, console: bool = False) -> Iterator[int]:
    """The service running on the engine's live graph, in a child process; yields its port."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "benchmarks.http_server",
        str(engine.server.data_dir),
        engine.graph_name,
        str(port),
    ] + (["console"] if console else [])
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, cwd=REPO_ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the benchmark service did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def drive(
    port: int, paths: list[str], seconds: float, clients: int = CLIENTS
) -> tuple[float, list[float], int]:
    """(requests per second, latencies in seconds, non-2xx answers) of `clients` threads."""
    stop = time.perf_counter() + seconds
    times: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients

    def client(number: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        i = number
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += clients
            started = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            times[number].append(time.perf_counter() - started)
            if not 200 <= response.status < 300:
                errors[number] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    flat = [t for per in times for t in per]
    return len(flat) / elapsed, flat, sum(errors)


def bench_http(
    engine: EmbeddedFalkorDB,
    dataset: Dataset,
    label: str,
    results: Results,
    seconds: float,
    rounds: int = 3,
) -> None:
    """Requests/s and p50/p99 of each endpoint against GET /api/noop, on the live graph.

    The endpoints take turns in `rounds` rounds (noop first in each), so a busy spell on a
    shared machine falls on all of them alike rather than on one.
    """
    work = query_workload(dataset, 200)
    endpoints = {
        "/api/noop": ["/api/noop"],
        "/api/entities/{id}": [f"/api/entities/{quote(i)}" for i in work["id"]],
        "/api/leads?q=": [f"/api/leads?q={quote(t)}" for t in work["text"]],
        "/api/search?q=": [f"/api/search?q={quote(t)}" for t in work["text"]],
    }
    done: dict[str, tuple[float, list[float], int]] = {
        name: (0.0, [], 0) for name in endpoints
    }  # (seconds, latencies, errors)
    with serve(engine) as port:
        for paths in endpoints.values():
            drive(port, paths[:20], 0.3)  # warm the server, its connections and query plans
        for _ in range(rounds):
            for name, paths in endpoints.items():
                started = time.perf_counter()
                _, times, errors = drive(port, paths, seconds / rounds)
                spent, all_times, all_errors = done[name]
                done[name] = (
                    spent + time.perf_counter() - started,
                    all_times + times,
                    all_errors + errors,
                )
    rates = {name: len(times) / spent for name, (spent, times, _) in done.items()}
    noop = rates["/api/noop"]
    for name, (_, times, errors) in done.items():
        if name == "/api/noop":
            results.add(
                Row(
                    "http",
                    label,
                    "GET /api/noop (baseline)",
                    noop,
                    "req/s",
                    note=_latency_note(times, errors),
                )
            )
            continue
        ratio = rates[name] / noop if noop else None
        results.add(
            Row(
                "http",
                label,
                f"GET {name}",
                rates[name],
                "req/s",
                "GET /api/noop",
                noop,
                ratio,
                f">= {RATIO_AIM:g}",
                ratio is not None and ratio >= RATIO_AIM,
                _latency_note(times, errors),
            )
        )


def _latency_note(times: list[float], errors: int) -> str:
    p50, p99 = percentile(times, 50) * 1000, percentile(times, 99) * 1000
    note = f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, {CLIENTS} clients"
    return note + (f", {errors} non-2xx" if errors else "")
