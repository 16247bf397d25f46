"""Both engines side by side, one workload, one run: the embedded FalkorDB and a real Neo4j
5.26 (started from build/neo4j/lib by our launcher; `./dev.sh fetch-neo4j` first).

    .venv/bin/python -m benchmarks.engines_bench                 # seed graph and 100k
    .venv/bin/python -m benchmarks.engines_bench --sizes 10000   # seed graph and 10k
    .venv/bin/python -m benchmarks.engines_bench --quick         # seed graph only, short

For each engine and graph size: the load's time and the engine server's memory after it
(resident set of its process), the named queries' p50/p99, and each HTTP endpoint's
requests per second as a ratio to GET /api/noop of the same service in the same run, cold
(answer cache off: every request reaches the engine) and warm (repeated requests), beside
the aims of issue 15 and the CPU the service and the engine spent per request.
The table is written to benchmarks/ENGINES.md.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Results, Row, latencies, machine, percentile  # noqa: E402
from benchmarks.http_bench import aim, drive  # noqa: E402
from benchmarks.query_bench import QUERIES, _call, _params, query_workload  # noqa: E402
from graphmodel.dataset import Dataset, read_dataset  # noqa: E402
from graphmodel.engine.base import Engine  # noqa: E402
from graphmodel.engine.falkordb import EmbeddedFalkorDB  # noqa: E402
from graphmodel.engine.neo4j import Neo4jEngine  # noqa: E402
from graphmodel.engine.neo4j_local import LocalNeo4j  # noqa: E402
from graphmodel.engine.server import free_port  # noqa: E402
from graphmodel.loading import load_dataset  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR, REPO_ROOT  # noqa: E402
from graphmodel.synth import write_synthetic  # noqa: E402

__all__ = ["main"]

RESULTS_FILE = Path(__file__).resolve().parent / "ENGINES.md"
HTTP_ENDPOINTS = ("/api/entities/{id}", "/api/leads?leader=", "/api/leads?q=", "/api/search?q=")


def _rss_mb(pid: int | None) -> float:
    """Resident memory of process `pid` in MB (0 if unknown)."""
    if not pid:
        return 0.0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


@contextmanager
def _engine(
    kind: str, work: Path, heap: str
) -> Iterator[tuple[Engine, dict[str, str], int | None]]:
    """(engine, environment that points a service at it, server pid)."""
    if kind == "falkordb":
        data_dir = work / "falkordb"
        embedded = EmbeddedFalkorDB(data_dir, graph="collabgraph")
        embedded._db.connection.config_set("save", "")  # steady timings: no snapshots
        process = embedded.server.process
        try:
            yield (
                embedded,
                {"COLLABGRAPH_DATA_DIR": str(data_dir), "NEO4J_URI": ""},
                (process.pid if process else None),
            )
        finally:
            embedded._db.connection.flushall()
            embedded.close()
        return
    password = secrets.token_hex(12)
    server = LocalNeo4j(work / "neo4j", password, heap=heap)
    print(f"[engines] starting Neo4j (heap {heap}) ...", flush=True)
    server.start()
    adapter = Neo4jEngine(server.uri, "neo4j", password)
    try:
        env = {"NEO4J_URI": server.uri, "NEO4J_PASSWORD": password, "NEO4J_USERNAME": "neo4j"}
        yield adapter, env, server.pid
    finally:
        adapter.close()
        server.stop()


@contextmanager
def _service(env: dict[str, str], work: Path, cache: bool) -> Iterator[tuple[int, int]]:
    """The API on the engine `env` names, served by uvicorn in a child process: (port, pid).
    With `cache` off every request reaches the engine (cold); on, repeats are answered from
    the answer cache (warm)."""
    port = free_port()
    full = {**os.environ, **env, "COLLABGRAPH_DATA_DIR": env.get("COLLABGRAPH_DATA_DIR", str(work))}
    if not cache:
        full["COLLABGRAPH_ANSWER_CACHE_MB"] = "0"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
        cwd=REPO_ROOT, env=full, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        import http.client

        deadline = time.monotonic() + 90
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/api/noop")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the benchmark service did not start")
            time.sleep(0.2)
        yield port, process.pid
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def _measure(kind: str, engine: Engine, env: dict[str, str], pid: int | None, label: str,
             dataset: Dataset, seed: str, results: Results, reps: int, seconds: float,
             work: Path) -> None:  # fmt: skip
    started = time.perf_counter()
    load_dataset(engine, dataset, seed)
    took = time.perf_counter() - started
    results.add(Row("engines", label, f"{kind}: load", took, "s",
                    note=f"{len(dataset.entities):,} entities, {len(dataset.relationships):,} "
                    f"relationships; server RSS {_rss_mb(pid):,.0f} MB after"))  # fmt: skip
    workload = query_workload(dataset, reps)
    for _endpoint, statement, value_kind in QUERIES:
        params = [_params(statement, value_kind, v) for v in workload[value_kind]]
        for warm_up in params:  # plans cached and, on Neo4j, the JIT warmed first
            _call(engine, statement, warm_up)
        times = latencies(lambda p, s=statement: _call(engine, s, p), params)
        results.add(Row("engines", label, f"{kind}: {statement} p50", percentile(times, 50) * 1000,
                        "ms", note=f"p99 {percentile(times, 99) * 1000:.2f} ms, n={len(times)}"))  # fmt: skip
    work_http = query_workload(dataset, 200)
    paths = {
        "/api/noop": ["/api/noop"],
        "/api/entities/{id}": [f"/api/entities/{quote(i)}" for i in work_http["id"]],
        "/api/leads?leader=": [f"/api/leads?leader={quote(i)}" for i in work_http["leader"]],
        "/api/leads?q=": [f"/api/leads?q={quote(t)}" for t in work_http["text"]],
        "/api/search?q=": [f"/api/search?q={quote(t)}" for t in work_http["text"]],
    }
    for warm in (False, True):
        _http(kind, label, paths, env, work, pid, warm, seconds, results)


def _cpu_s(pid: int | None) -> float | None:
    """CPU seconds (user + system) process `pid` has used, None where /proc cannot say."""
    if not pid:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _per_request_ms(before: float | None, after: float | None, requests: int) -> str:
    if before is None or after is None or not requests:
        return "?"
    return f"{(after - before) * 1000 / requests:.2f}"


def _http(kind: str, label: str, paths: dict[str, list[str]], env: dict[str, str], work: Path,
          engine_pid: int | None, warm: bool, seconds: float, results: Results) -> None:  # fmt: skip
    """Requests/s of every endpoint beside GET /api/noop of the same service, cold or warm,
    each with the CPU the service and the engine spent per request (what explains a ratio)."""
    state = "warm" if warm else "cold"
    measured: dict[str, tuple[float, list[float], str, str]] = {}
    with _service(env, work, cache=warm) as (port, service_pid):
        for name, endpoint_paths in paths.items():
            # Every path once (the engine's plans and, on Neo4j, its JIT warmed; warm: the
            # cache holding every answer), then connections warmed.
            drive(port, endpoint_paths, 1.0, clients=1)
            drive(port, endpoint_paths, 0.3)
            service0, engine0 = _cpu_s(service_pid), _cpu_s(engine_pid)
            rate, times, _ = drive(port, endpoint_paths, seconds)
            service1, engine1 = _cpu_s(service_pid), _cpu_s(engine_pid)
            measured[name] = (rate, times, _per_request_ms(service0, service1, len(times)),
                              _per_request_ms(engine0, engine1, len(times)))  # fmt: skip
    noop, noop_times, noop_service, _ = measured["/api/noop"]
    results.add(Row("engines", label, f"{kind}: GET /api/noop ({state}, baseline)", noop, "req/s",
                    note=f"p50 {percentile(noop_times, 50) * 1000:.1f} ms; service CPU "
                    f"{noop_service} ms/request"))  # fmt: skip
    for name in HTTP_ENDPOINTS:
        rate, times, service_ms, engine_ms = measured[name]
        ratio = rate / noop if noop else None
        p99 = percentile(times, 99) * 1000
        aim_text, met = aim(name, label, warm, ratio, p99)
        results.add(Row("engines", label, f"{kind}: GET {name} ({state})", rate, "req/s",
                        "GET /api/noop", noop, ratio, aim_text, met,
                        note=f"p50 {percentile(times, 50) * 1000:.1f} ms, p99 {p99:.1f} ms; CPU "
                        f"per request: service {service_ms} ms, engine {engine_ms} ms"))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Run the side-by-side benchmark; 0 when it completed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000])
    parser.add_argument("--quick", action="store_true", help="seed graph only, short runs")
    parser.add_argument("--neo4j-heap", default="1g", help="Neo4j's JVM heap (default 1g)")
    parser.add_argument("--repeat", type=int, default=None, help="1 = --quick (benchmarks.run)")
    args = parser.parse_args(argv)
    args.quick = args.quick or args.repeat == 1
    sizes = [] if args.quick else args.sizes
    reps, seconds = (30, 1.0) if args.quick else (200, 3.0)
    results = Results()
    with tempfile.TemporaryDirectory(prefix="collabgraph-engines-") as tmp:
        work = Path(tmp)
        datasets: list[tuple[str, Path]] = [("seed", DEFAULT_SEED_DIR)]
        for size in sizes:
            label = f"{size // 1000}k"
            report = write_synthetic(work / f"synth-{label}", size, seed=1)
            datasets.append((label, report.out_dir))
        for kind in ("falkordb", "neo4j"):
            with _engine(kind, work / kind, args.neo4j_heap) as (engine, env, pid):
                for label, seed_dir in datasets:
                    dataset = read_dataset(seed_dir)
                    _measure(kind, engine, env, pid, label, dataset, str(seed_dir), results,
                             reps, seconds, work)  # fmt: skip
                    del dataset
    RESULTS_FILE.write_text(
        "# Both engines, side by side\n\n"
        f"Measured by `python -m benchmarks.engines_bench {' '.join(argv or sys.argv[1:])}` on "
        f"{machine()}; Neo4j 5.26 Community (heap {args.neo4j_heap}) from Maven Central under "
        "neo4j-launcher/. HTTP figures: cold with the answer cache off (every request reaches "
        "the engine), warm with it on (repeated requests); ratios are against GET /api/noop of "
        "the same service in the same run, and each endpoint's CPU per request (the service's "
        "and the engine's) says where its time goes. Compare within a run.\n\n" + results.markdown()
    )
    print(f"wrote {RESULTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
