"""Queries: p50/p99 of what runs behind /api/entities/{id}, /api/leads and /api/search.

Id lookups are the named statements with the parameters their graphmodel function passes;
the text endpoints are their graphmodel functions (full-text match, then the leads),
on ids and texts sampled from the loaded dataset with a fixed random seed. The growth ratio
compares the p50 at each size with the p50 on the real seed graph measured in the same run.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from benchmarks.common import Results, Row, latencies, percentile
from graphmodel.dataset import Dataset
from graphmodel.engine.base import Engine
from graphmodel.leads import leads_matching
from graphmodel.search import search
from graphmodel.timeline import as_of_params

__all__ = ["bench_queries", "QUERIES", "query_workload"]

NO_TIME = as_of_params(None)  # every time parameter a statement takes, for "no date"

# (endpoint, statement, how its parameters are made from a sampled id or text)
QUERIES: tuple[tuple[str, str, str], ...] = (
    ("/api/entities/{id}", "entity_by_id", "id"),
    ("/api/entities/{id}", "entity_with_relationships", "id"),
    ("/api/leads?leader=", "leads_by_leader", "leader"),
    ("/api/leads?q=", "leads_matching", "text"),
    ("/api/search?q=", "search", "text"),
)
GROWTH_AIM = {"entity_by_id": 1.5}


def query_workload(dataset: Dataset, count: int, seed: int = 7) -> dict[str, list[str]]:
    """Sampled ids ('id'), leaders ('leader') and search texts ('text'), `count` of each."""
    rng = random.Random(seed)
    ids = sorted(dataset.entities)
    leaders = sorted({r.source for r in dataset.relationships if r.type == "LEADS"}) or ids
    texts = []
    for eid in rng.sample(ids, min(count, len(ids))):
        entity = dataset.entities[eid]
        names = [*entity.aliases, entity.name]
        words = rng.choice(names).lower().split()
        texts.append(" ".join(words[: rng.randint(1, min(2, len(words)))]))
    return {
        "id": [rng.choice(ids) for _ in range(count)],
        "leader": [rng.choice(leaders) for _ in range(count)],
        "text": (texts * (count // max(1, len(texts)) + 1))[:count],
    }


def _params(statement: str, kind: str, value: str) -> dict[str, Any]:
    if statement == "leads_by_leader":
        return {"leader": value, "role": None, "limit": 500, **NO_TIME}
    if statement in ("leads_matching", "search"):
        return {"text": value}
    return {"id": value, **NO_TIME}


# What the text endpoints run: a full-text match, then (for leads) one statement more.
_FUNCTIONS: dict[str, Callable[[Engine, str], Any]] = {
    "search": search,
    "leads_matching": leads_matching,
}


def _call(engine: Engine, statement: str, params: dict[str, Any]) -> Any:
    if statement in _FUNCTIONS:
        return _FUNCTIONS[statement](engine, params["text"])
    return engine.read(statement, params)


def _timed(engine: Engine, statement: str, params: list[dict[str, Any]]) -> list[float]:
    _call(engine, statement, params[0])  # warm the plan cache
    return latencies(lambda p: _call(engine, statement, p), params)


def bench_queries(
    engine: Engine,
    dataset: Dataset,
    label: str,
    results: Results,
    reps: int,
    seed: tuple[Engine, Dataset] | None = None,
) -> None:
    """p50/p99 of every query at this size, and its growth over the seed graph.

    `seed` is (an engine on the seed graph, the seed dataset): its queries are measured in
    the same stretch of time, call for call, so a busy machine weighs on both alike.
    """
    workload = query_workload(dataset, reps)
    seed_workload = query_workload(seed[1], reps) if seed else {}
    for endpoint, statement, kind in QUERIES:
        params = [_params(statement, kind, value) for value in workload[kind]]
        if seed:
            seed_params = [_params(statement, kind, value) for value in seed_workload[kind]]
            times, base_times = [], []
            for chunk in range(0, reps, 10):  # alternate in short runs of 10 calls
                times += _timed(engine, statement, params[chunk : chunk + 10])
                base_times += _timed(seed[0], statement, seed_params[chunk : chunk + 10])
        else:
            times, base_times = _timed(engine, statement, params), []
        p50, p99 = percentile(times, 50), percentile(times, 99)
        base = percentile(base_times, 50) if base_times else None
        aim = GROWTH_AIM.get(statement)
        growth = p50 / base if base else None
        results.add(
            Row(
                "queries",
                label,
                f"{statement} ({endpoint}) p50",
                p50 * 1000,
                "ms",
                "p50 on the seed graph" if base else "",
                base * 1000 if base else None,
                growth,
                f"<= {aim:g}x" if aim and base else "",
                (growth <= aim) if aim and growth is not None else None,
                f"p99 {p99 * 1000:.2f} ms, n={len(times)}",
            )
        )
