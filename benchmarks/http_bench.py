"""HTTP: 8 concurrent clients against the running service, beside its no-op endpoint.

The service is the real app (``api.app.create_app``) served by uvicorn in its own process
on loopback (``benchmarks.http_server``), on the graph the load benchmark left loaded.
Clients are threads with one keep-alive connection each; every endpoint is driven for the
same wall time, and its requests per second are divided by the no-op's of the same server.

Each graph is driven twice: **cold**, with the answer cache off, so every request reaches the
engine (what a first request costs), and **warm**, the same requests repeated with the cache
on (what a script asking again costs; the graph only changes when it is loaded).
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

__all__ = ["bench_http", "serve", "drive", "aim", "CLIENTS"]

CLIENTS = 8
WARM_AIM = 0.8  # repeated requests, answered from the cache
COLD_AIM = 0.5  # first requests on the seed graph
TEXT_AIM_LARGE = 0.3  # first requests to the text endpoints at 100k entities
P99_AIM_MS = 50.0
TEXT_ENDPOINTS = ("/api/leads?q=", "/api/search?q=")


@contextmanager
def serve(engine: EmbeddedFalkorDB, console: bool = False, cache: bool = True) -> Iterator[int]:
    """The service running on the engine's live graph, in a child process; yields its port.
    With NEO4J_URI set in the environment, the service reads Neo4j instead."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "benchmarks.http_server",
        str(engine.server.data_dir),
        engine.graph_name,
        str(port),
        *(["console"] if console else []),
        *([] if cache else ["--no-cache"]),
    ]
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


def _measure(port: int, endpoints: dict[str, list[str]], seconds: float, rounds: int,
             warm: bool) -> dict[str, tuple[float, list[float], int]]:  # fmt: skip
    """{endpoint: (requests per second, latencies, non-2xx)}, endpoints taking turns."""
    for paths in endpoints.values():
        drive(port, paths if warm else paths[:20], 0.3)  # warm connections (and the cache)
    if warm:  # every path answered once, so the cache holds them all
        drive(port, [p for paths in endpoints.values() for p in paths], 1.0, clients=1)
    done: dict[str, tuple[float, list[float], int]] = {name: (0.0, [], 0) for name in endpoints}
    for _ in range(rounds):
        for name, paths in endpoints.items():
            started = time.perf_counter()
            _, times, errors = drive(port, paths, seconds / rounds)
            spent, all_times, all_errors = done[name]
            done[name] = (spent + time.perf_counter() - started, all_times + times,
                          all_errors + errors)  # fmt: skip
    return {name: (len(t) / spent, t, e) for name, (spent, t, e) in done.items()}


def aim(name: str, label: str, warm: bool, ratio: float | None,
        p99_ms: float) -> tuple[str, bool | None]:  # fmt: skip
    """The aim for an endpoint's ratio to the no-op (issue 15), as text, and whether it was
    met (None where there is no aim): warm every endpoint; cold on the seed graph; cold
    text endpoints at 100k, with their p99."""
    if ratio is None:
        return "", None
    if warm:
        return f">= {WARM_AIM:g}", ratio >= WARM_AIM
    if label == "seed":
        return f">= {COLD_AIM:g}", ratio >= COLD_AIM
    if label == "100k" and name in TEXT_ENDPOINTS:
        return (f">= {TEXT_AIM_LARGE:g}, p99 < {P99_AIM_MS:g} ms",
                ratio >= TEXT_AIM_LARGE and p99_ms < P99_AIM_MS)  # fmt: skip
    return "", None


def bench_http(
    engine: EmbeddedFalkorDB,
    dataset: Dataset,
    label: str,
    results: Results,
    seconds: float,
    rounds: int = 3,
) -> None:
    """Requests/s and p50/p99 of each endpoint against GET /api/noop, on the live graph,
    cold (answer cache off) and warm (repeated requests, cache on)."""
    work = query_workload(dataset, 200)
    endpoints = {
        "/api/noop": ["/api/noop"],
        "/api/entities/{id}": [f"/api/entities/{quote(i)}" for i in work["id"]],
        "/api/leads?leader=": [f"/api/leads?leader={quote(i)}" for i in work["leader"]],
        "/api/leads?q=": [f"/api/leads?q={quote(t)}" for t in work["text"]],
        "/api/search?q=": [f"/api/search?q={quote(t)}" for t in work["text"]],
    }
    for warm in (False, True):
        state = "warm" if warm else "cold"
        with serve(engine, cache=warm) as port:
            measured = _measure(port, endpoints, seconds, rounds, warm)
        noop, noop_times, noop_errors = measured.pop("/api/noop")
        results.add(Row("http", label, f"GET /api/noop ({state} server, baseline)", noop,
                        "req/s", note=_latency_note(noop_times, noop_errors)))  # fmt: skip
        for name, (rate, times, errors) in measured.items():
            ratio = rate / noop if noop else None
            p99_ms = percentile(times, 99) * 1000
            aim_text, met = aim(name, label, warm, ratio, p99_ms)
            results.add(Row("http", label, f"GET {name} ({state})", rate, "req/s",
                            "GET /api/noop", noop, ratio, aim_text, met,
                            _latency_note(times, errors)))  # fmt: skip


def _latency_note(times: list[float], errors: int) -> str:
    p50, p99 = percentile(times, 50) * 1000, percentile(times, 99) * 1000
    note = f"p50 {p50:.1f} ms, p99 {p99:.1f} ms, {CLIENTS} clients"
    return note + (f", {errors} non-2xx" if errors else "")
