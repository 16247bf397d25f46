"""Load: the real loader against a naive one-statement-per-row load and the engine's raw UNWIND.

All three write the same rows (``build_rows`` of one validated dataset) to the same FalkorDB
server, each into a graph of its own, each after creating the index on ``Entity.id``:

- real: ``graphmodel.loading.load_dataset`` (rows, batches, a graph built aside, renamed live);
- raw: the same ``UNWIND`` batches sent straight through the ``falkordb`` client, nothing else;
- naive: one ``CREATE`` per entity, relationship, status, figure and document
  (``benchmarks/cypher/load/naive.cypher``) through the engine adapter. Above ``cap`` rows
  of a category it runs a sample of ``cap`` and extrapolates from its rate.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from falkordb import FalkorDB

from benchmarks.common import Results, Row, side_engine
from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.falkordb import FalkorDBEngine
from graphmodel.loading import load_dataset, plan_batches
from graphmodel.rows import LoadRows, build_rows
from graphmodel.schema import load_schema

__all__ = ["bench_load", "raw_load", "naive_load"]

LOADER_AIM_NAIVE = 20.0
LOADER_AIM_RAW = 0.5


def raw_load(engine: FalkorDBEngine, rows: LoadRows, graph: str = "bench_raw") -> float:
    """Seconds to write `rows` with the loader's own UNWIND batches, straight to the client."""
    client = FalkorDB(host=engine.host, port=engine.port, password=engine.password)
    target = client.select_graph(graph)
    batches = [(engine.statements[name].text, params) for name, params in plan_batches(rows)]
    index = engine.statements["schema_entity_id"].text
    started = time.perf_counter()
    target.query(index)
    for text, params in batches:
        target.query(text, {**params, "gen": 1})
    seconds = time.perf_counter() - started
    target.delete()
    client.connection.close()
    return seconds


def _sample(items: list[Any], cap: int) -> list[Any]:
    """Up to `cap` items spread evenly over `items` (every kind of row is represented)."""
    if len(items) <= cap:
        return items
    step = len(items) / cap
    return [items[int(i * step)] for i in range(cap)]


def naive_load(
    engine: FalkorDBEngine, rows: LoadRows, cap: int, graph: str = "bench_naive"
) -> tuple[float, int, int]:
    """(seconds, statements run, statements in all) of a one-statement-per-row load.

    The seconds are measured when every statement ran, else extrapolated per category from
    the sample's rate. Endpoints that a sampled relationship, status or figure needs but the
    entity sample did not create are created first, outside the timing.
    """
    side = side_engine(engine, graph, bench_statements=True)
    side.write("bench_index_entity_id")
    client = FalkorDB(host=engine.host, port=engine.port, password=engine.password).select_graph(
        graph
    )
    entity_rows = {r["id"]: r for r in rows.entities}
    rel_rows = [
        (f"bench_naive_rel_{t.lower()}", r)
        for t, rs in sorted(rows.relationships.items())
        for r in rs
    ]
    categories: list[tuple[str, list[tuple[str, dict[str, Any]]]]] = [
        ("documents", [("bench_naive_document", r) for r in rows.documents]),
        ("entities", [("bench_naive_entity", r) for r in rows.entities]),
        ("relationships", rel_rows),
        ("statuses", [("bench_naive_status", r) for r in rows.statuses]),
        ("figures", [("bench_naive_figure", r) for r in rows.figures]),
    ]
    created: set[str] = set()
    total_seconds, ran, total = 0.0, 0, 0
    for category, statements in categories:
        sample = _sample(statements, cap)
        needed = {r.get(k) for _, r in sample for k in ("from", "to", "entity")} - created - {None}
        if category != "entities" and needed:
            missing = [entity_rows[i] for i in sorted(needed) if i in entity_rows]  # type: ignore[index]
            client.query(engine.statements["load_entities"].text, {"rows": missing, "gen": 1})
            created |= needed  # type: ignore[arg-type]
        started = time.perf_counter()
        for name, params in sample:
            side.write(name, params)
        seconds = time.perf_counter() - started
        if category == "entities":
            created |= {r["id"] for _, r in sample}
        total_seconds += seconds * (len(statements) / len(sample)) if sample else 0.0
        ran, total = ran + len(sample), total + len(statements)
    side._drop(graph)
    side.close()
    return total_seconds, ran, total


def bench_load(
    engine: FalkorDBEngine, seed_dir: Path, label: str, results: Results, naive_cap: int
) -> Dataset:
    """Validate and load `seed_dir` (left as the live graph), measured against both baselines."""
    started = time.perf_counter()
    dataset = read_dataset(seed_dir)
    validation = time.perf_counter() - started
    n_ent, n_rel = len(dataset.entities), len(dataset.relationships)
    results.add(
        Row(
            "load",
            label,
            "validation (read_dataset)",
            validation,
            "s",
            note=f"{n_ent:,} entities, {n_rel:,} relationships",
        )
    )
    report = load_dataset(engine, dataset, str(seed_dir))
    loader = report.seconds
    rows = build_rows(dataset, load_schema())
    raw = raw_load(engine, rows)
    naive, ran, total = naive_load(engine, rows, naive_cap)
    how = "measured" if ran == total else f"extrapolated from {ran:,} of {total:,} statements"
    rate = f"{n_rel / loader:,.0f} relationships/s, {loader:.2f} s"
    results.add(
        Row(
            "load",
            label,
            "real loader vs naive one-statement-per-row",
            n_ent / loader,
            "entities/s",
            "naive load",
            n_ent / naive,
            naive / loader,
            f">= {LOADER_AIM_NAIVE:g}x",
            naive / loader >= LOADER_AIM_NAIVE,
            f"{rate}; naive {naive:.1f} s {how}",
        )
    )
    results.add(
        Row(
            "load",
            label,
            "real loader vs raw batched UNWIND",
            n_ent / loader,
            "entities/s",
            "raw UNWIND, no validation",
            n_ent / raw,
            raw / loader,
            f">= {LOADER_AIM_RAW:g}x",
            raw / loader >= LOADER_AIM_RAW,
            f"raw {raw:.2f} s",
        )
    )
    results.add(
        Row(
            "load",
            label,
            "raw batched UNWIND vs naive (the engine's own ceiling)",
            n_ent / raw,
            "entities/s",
            "naive load",
            n_ent / naive,
            naive / raw,
        )
    )
    return dataset
