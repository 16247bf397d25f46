"""The leave-one-document-out benchmark scores what it says it scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.ingest_bench import main, score_document
from graphmodel.dataset import Dataset
from graphmodel.settings import DEFAULT_SEED_DIR, REPO_ROOT

SOURCES = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture
def sources() -> Path:
    """The five source documents (shared/ sits beside the repository, in CI too)."""
    assert SOURCES.is_dir(), f"{SOURCES} is missing"
    return SOURCES


def test_held_out_letter_scores_within_the_aims_it_prints(
    seed_dataset: Dataset, sources: Path
) -> None:
    score = score_document(seed_dataset, DEFAULT_SEED_DIR, sources, "wy-pcc-2020-10-letter")
    rels = score.relationships
    assert rels.expected > 0 and rels.proposed > 0
    assert rels.precision is not None and rels.precision >= 0.8
    assert all(m.document == "wy-pcc-2020-10-letter" and m.reason for m in score.misses)
    assert score.known_entities.recall is not None and score.known_entities.recall > 0.5


def test_the_benchmark_prints_aims_and_misses(
    sources: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--misses", "3"]) == 0
    out = capsys.readouterr().out
    assert "overall (micro)" in out and "aim, relationships between known entities" in out
    assert "The 3 worst misses" in out and out.count("\n- ") >= 3
