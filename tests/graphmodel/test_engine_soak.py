"""A bounded soak (about a minute, loopback only): reloads every few seconds while readers
and console queries run. No error but the documented ones, never half a graph, and the
embedded engine's memory under its cap."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import redis
from fastapi.testclient import TestClient

from api.app import create_app
from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.loading import load_dataset
from graphmodel.settings import Settings
from graphmodel.synth import write_synthetic

SECONDS = 60.0
MAX_ROUNDS = 5000  # per thread: the loops end on time or count, whichever comes first
RELOAD_EVERY = 3.0
MEMORY_MB, CONSOLE_MEMORY_MB = 512, 128
# One statement reads the load's own count and the graph's: a mix of two loads would differ.
WHOLE = (
    "MATCH (m:Meta {id: 'load'}) OPTIONAL MATCH (e:Entity) "
    "RETURN m.digest AS digest, m.entities AS expected, count(e) AS actual"
)
HEAVY = "MATCH (a:Entity), (b:Entity) WHERE a.id < b.id RETURN count(*) AS pairs"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_reloads_under_readers_and_console_queries(tmp_path: Path, seed_dataset: Dataset) -> None:
    synthetic = read_dataset(write_synthetic(tmp_path / "synth", 800, seed=5).out_dir)
    datasets = [seed_dataset, synthetic]
    engine = EmbeddedFalkorDB(
        tmp_path / "data", memory_mb=MEMORY_MB, console_memory_mb=CONSOLE_MEMORY_MB
    )
    settings = Settings(
        collabgraph_data_dir=tmp_path / "data",
        collabgraph_cypher_console=True,
        collabgraph_console_timeout_ms=2000,
        collabgraph_console_row_limit=200,
    )
    digests = {load_dataset(engine, d).digest for d in reversed(datasets)}
    primary = redis.Redis(port=engine.port, password=engine.password, decode_responses=True)
    stop = threading.Event()
    deadline = time.monotonic() + SECONDS
    seen: Counter[str] = Counter()
    problems: list[str] = []
    peaks = {"engine_mb": 0.0, "console_mb": 0.0}
    lock = threading.Lock()

    def note(kind: str, problem: str = "") -> None:
        with lock:
            seen[kind] += 1
            if problem:
                problems.append(f"{kind}: {problem}")

    def whole(row: dict[str, object], kind: str) -> None:
        if row["digest"] not in digests or row["expected"] != row["actual"]:
            note(kind, f"half a graph: {row}")

    def loop(body: Callable[[int], None], pause: float = 0.0) -> Callable[[], None]:
        def run() -> None:
            for i in range(MAX_ROUNDS):
                if stop.is_set() or time.monotonic() > deadline:
                    return
                try:
                    body(i)
                except Exception as exc:  # every failure is a finding of the soak
                    note("exception", f"{exc.__class__.__name__}: {exc}")
                if pause:
                    stop.wait(pause)

        return run

    with TestClient(create_app(settings, engine=engine)) as http:

        def reload(i: int) -> None:
            load_dataset(engine, datasets[i % 2])
            note("reload")

        def reader(i: int) -> None:
            path = ("/api/search?q=police", "/api/entities?kind=force", "/readyz")[i % 3]
            response = http.get(path)
            note("read", "" if response.status_code == 200 else f"{path} {response.status_code}")
            graph = primary.execute_command("GRAPH.RO_QUERY", "collabgraph", WHOLE)
            whole(dict(zip(["digest", "expected", "actual"], graph[1][0], strict=True)), "read")

        def console(i: int) -> None:
            query = HEAVY if i % 4 == 3 else WHOLE
            response = http.post("/api/cypher", json={"query": query})
            if response.status_code in (503, 408):  # documented: busy, past its time limit
                note(f"console {response.status_code}")
                return
            if response.status_code != 200:
                note("console", f"{response.status_code} {response.text[:200]}")
                return
            note("console")
            if query == WHOLE:
                whole(response.json()["rows"][0], "console")

        def memory(_: int) -> None:
            used = int(primary.info("memory")["used_memory"]) / 1024 / 1024
            console_pid = engine.console.process.pid if engine.console.process else None
            with lock:
                peaks["engine_mb"] = max(peaks["engine_mb"], used)
                if console_pid:
                    peaks["console_mb"] = max(peaks["console_mb"], rss_mb(console_pid))

        threads = [threading.Thread(target=loop(reload, RELOAD_EVERY))]
        threads += [threading.Thread(target=loop(reader)) for _ in range(3)]
        threads += [threading.Thread(target=loop(console, 0.05)) for _ in range(2)]
        threads += [threading.Thread(target=loop(memory, 0.5))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 120)
        stop.set()
    engine.close()

    print(f"soak: {dict(seen)}; peak memory {peaks} (MB)")
    assert not problems, problems[:10]
    assert seen["reload"] >= 10 and seen["read"] >= 100 and seen["console"] >= 20, seen
    assert peaks["engine_mb"] < MEMORY_MB, peaks
    assert peaks["console_mb"] < engine.console.address_space_mb, peaks
