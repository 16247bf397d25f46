"""Loading a dataset into the engine: validate first, then build aside and swap in whole."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.base import Batch, Engine, ProgressCallback
from graphmodel.rows import LoadRows, build_rows
from graphmodel.schema import load_schema

__all__ = ["LoadReport", "load_seed", "load_dataset", "plan_batches", "BATCH_SIZE"]

BATCH_SIZE = 2000


@dataclass(frozen=True)
class LoadReport:
    """What a load wrote, and how long it took."""

    seed: str
    documents: int
    entities: int
    relationships: int
    statuses: int
    figures: int
    seconds: float
    digest: str

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data."""
        return dict(self.__dict__)


def _chunks(rows: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def plan_batches(rows: LoadRows, batch_size: int = BATCH_SIZE) -> list[Batch]:
    """The ordered (statement, parameters) batches that build a graph from `rows`."""
    batches: list[Batch] = []
    batches += [("load_documents", {"rows": c}) for c in _chunks(rows.documents, batch_size)]
    batches += [("load_entities", {"rows": c}) for c in _chunks(rows.entities, batch_size)]
    for rtype, rel_rows in sorted(rows.relationships.items()):
        name = f"load_rel_{rtype.lower()}"
        batches += [(name, {"rows": c}) for c in _chunks(rel_rows, batch_size)]
    batches += [("load_statuses", {"rows": c}) for c in _chunks(rows.statuses, batch_size)]
    batches += [("load_figures", {"rows": c}) for c in _chunks(rows.figures, batch_size)]
    return batches


def _digest(files: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(files):
        sha.update(path.name.encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def load_dataset(engine: Engine, dataset: Dataset, seed: str = "", progress: ProgressCallback | None = None,
                 batch_size: int = BATCH_SIZE) -> LoadReport:  # fmt: skip
    """Replace the live graph with `dataset` in one step; what was written."""
    started = time.perf_counter()
    rows = build_rows(dataset, load_schema())
    digest = _digest(dataset.files) if dataset.files else ""
    batches = plan_batches(rows, batch_size)
    meta = {
        "loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        "seed": seed,
        "digest": digest,
        "version": uuid.uuid4().hex,  # new on every load, even of the same files
        "entities": len(rows.entities),
        "relationships": rows.relationship_count,
    }
    batches.append(("load_meta", {"props": meta}))
    engine.replace_graph(batches, len(batches), progress)
    return LoadReport(
        seed=seed,
        documents=len(rows.documents),
        entities=len(rows.entities),
        relationships=rows.relationship_count,
        statuses=len(rows.statuses),
        figures=len(rows.figures),
        seconds=time.perf_counter() - started,
        digest=digest,
    )


def load_seed(
    engine: Engine, seed_dir: Path, progress: ProgressCallback | None = None
) -> LoadReport:
    """Validate `seed_dir` whole (InvalidDataError if anything is wrong), then load it."""
    dataset = read_dataset(seed_dir)
    return load_dataset(engine, dataset, str(seed_dir), progress)
