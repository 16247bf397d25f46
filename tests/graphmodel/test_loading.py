"""Loading on both real engines: citations, idempotence, atomic swaps, refusals."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.base import Engine
from graphmodel.engine.falkordb import FalkorDBEngine
from graphmodel.errors import InvalidDataError
from graphmodel.loading import load_dataset, load_seed
from graphmodel.settings import DEFAULT_SEED_DIR
from graphmodel.stats import graph_stats


def test_stats_show_the_seed_graph_with_nothing_unsourced(engine: Engine) -> None:
    stats = graph_stats(engine)
    assert stats["entities"] >= 150
    assert stats["relationships"] >= 350
    assert stats["unsourced"] == {"nodes": 0, "relationships": 0, "total": 0}
    cited = {d["document"] for d in stats["documents"] if d["relationships"] > 0}
    assert len(cited & {
        "wy-pcp-2018-03-regional", "wy-pcp-2018-05-triservice", "wm-spcb-2013-07-collaboration",
        "leics-pcp-2018-07-regional", "wy-pcc-2020-10-letter",
    }) == 5  # fmt: skip


def test_every_seed_fact_comes_back_with_its_citation(
    engine: Engine, seed_dataset: Dataset
) -> None:
    for rel in seed_dataset.relationships:
        rows = engine.read(
            "entity_relationships",
            {"id": rel.source, "as_of_start": None, "as_of_end": None, "as_of_unstated": []},
        )
        matches = [
            r for r in rows
            if r["type"] == rel.type and r["direction"] == "out" and r["other"]["id"] == rel.target
            and all(r["properties"].get(k) == v for k, v in rel.properties.items())
        ]  # fmt: skip
        assert matches, f"{rel.type} {rel.source} -> {rel.target} missing"
        cited = {(s["document"], s["ref"]) for s in matches[0]["sources"]}
        assert cited == {(s.document, s.ref) for s in rel.sources}


def test_every_seed_entity_comes_back_with_its_citation(
    engine: Engine, seed_dataset: Dataset
) -> None:
    for entity in seed_dataset.entities.values():
        row = engine.read("entity_by_id", {"id": entity.id})[0]
        assert {(s["document"], s["ref"]) for s in row["sources"]} == {
            (s.document, s.ref) for s in entity.sources
        }


def test_reload_of_the_same_seed_is_idempotent(
    scratch_engine: Engine, seed_dataset: Dataset
) -> None:
    load_dataset(scratch_engine, seed_dataset)
    first = graph_stats(scratch_engine)
    load_dataset(scratch_engine, seed_dataset)
    second = graph_stats(scratch_engine)
    for key in (
        "entities",
        "relationships",
        "entities_by_kind",
        "relationships_by_type",
        "statuses",
        "figures",
    ):
        assert first[key] == second[key]


def test_bad_seed_leaves_the_loaded_graph_exactly_as_it_was(scratch_engine: Engine, seed_dataset: Dataset,
                                                           tmp_path: Path) -> None:  # fmt: skip
    load_dataset(scratch_engine, seed_dataset)
    before = graph_stats(scratch_engine)
    bad = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, bad)
    facts = bad / "facts" / "wy-pcc-2020-10-letter.yaml"
    facts.write_text(
        facts.read_text().replace(
            "\nrelationships:\n", "\nrelationships:\n  - {type: NOPE, from: a, to: b, ref: x}\n", 1
        )
    )
    with pytest.raises(InvalidDataError):
        load_seed(scratch_engine, bad)
    after = graph_stats(scratch_engine)
    assert after["load"] == before["load"]
    assert after["relationships_by_type"] == before["relationships_by_type"]


def test_failed_load_midway_leaves_the_old_graph(
    scratch_engine: Engine, seed_dataset: Dataset
) -> None:
    load_dataset(scratch_engine, seed_dataset)
    before = graph_stats(scratch_engine)

    def exploding(step: str, done: int, total: int) -> None:
        if done == total // 2:
            raise RuntimeError("interrupted half way")

    with pytest.raises(RuntimeError):
        load_dataset(scratch_engine, seed_dataset, progress=exploding, batch_size=20)
    assert graph_stats(scratch_engine)["relationships_by_type"] == before["relationships_by_type"]
    if isinstance(scratch_engine, FalkorDBEngine):  # the staging graph was dropped
        graphs = scratch_engine._db.list_graphs()
        assert not [g for g in graphs if g.startswith(scratch_engine.graph_name + "__staging_")]


def test_reload_while_reading_never_shows_a_half_graph(
    scratch_engine: Engine, seed_dataset: Dataset
) -> None:
    small = Dataset(
        seed_dataset.documents,
        {k: v for k, v in seed_dataset.entities.items() if v.kind in ("force", "region")},
        [
            r
            for r in seed_dataset.relationships
            if r.type == "IN_REGION"
            and r.source in seed_dataset.entities
            and seed_dataset.entities[r.source].kind == "force"
        ],  # fmt: skip
        [],
        [],
    )
    load_dataset(scratch_engine, small)
    small_counts = (
        graph_stats(scratch_engine)["entities"],
        graph_stats(scratch_engine)["relationships"],
    )
    load_dataset(scratch_engine, seed_dataset)
    full_counts = (
        graph_stats(scratch_engine)["entities"],
        graph_stats(scratch_engine)["relationships"],
    )
    seen: set[tuple[int, int]] = set()
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            by_kind = scratch_engine.read("stats_entities_by_kind")
            by_type = scratch_engine.read("stats_relationships_by_type")
            seen.add((sum(r["count"] for r in by_kind), sum(r["count"] for r in by_type)))

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    for dataset in (small, seed_dataset, small, seed_dataset, small, seed_dataset):
        load_dataset(scratch_engine, dataset, batch_size=25)
    stop.set()
    for t in threads:
        t.join()
    # Two separate reads may straddle a swap, so entity and relationship counts are checked
    # on their own: each must be exactly one of the two complete graphs.
    assert {e for e, _ in seen} <= {small_counts[0], full_counts[0]}
    assert {r for _, r in seen} <= {small_counts[1], full_counts[1]}
    assert len(seen) >= 2


def test_validate_reads_seed_dir_fresh(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_SEED_DIR, tmp_path / "seed")
    assert len(read_dataset(tmp_path / "seed").entities) >= 150
