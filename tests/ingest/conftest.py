"""Fixtures of the ingest tests: a writable copy of the seed, the report fixtures, a runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.settings import DEFAULT_SEED_DIR

FIXTURES = Path(__file__).with_name("fixtures")
DECISION = FIXTURES / "derbyshire-decision-2024-031.html"
MINUTES = FIXTURES / "yath-rcb-minutes-2024-06.md"


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of the curated seed directory that a test may write to."""
    target = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, target)
    return target


@pytest.fixture
def runner() -> CliRunner:
    """A Click runner for `collabgraph` commands."""
    return CliRunner()
