"""The synthetic network generator: deterministic, valid, shaped like the seed, loadable."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import main
from graphmodel.dataset import Dataset, read_dataset
from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.loading import load_dataset
from graphmodel.search import search
from graphmodel.synth import FIXED_KINDS, Pattern, measure_profile, write_synthetic

SIZE = 3000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    """A 3,000-entity synthetic dataset, validated."""
    out = tmp_path_factory.mktemp("synth") / "national"
    write_synthetic(out, SIZE, seed=11)
    return out, read_dataset(out)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_synth_same_seed_gives_identical_files(tmp_path: Path) -> None:
    write_synthetic(tmp_path / "a", 400, seed=5)
    write_synthetic(tmp_path / "b", 400, seed=5)
    write_synthetic(tmp_path / "c", 400, seed=6)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_synth_rewrite_replaces_the_previous_dataset(tmp_path: Path) -> None:
    write_synthetic(tmp_path, 2000, seed=1)
    write_synthetic(tmp_path, 300, seed=1)
    assert len(read_dataset(tmp_path).entities) == 300


def test_synth_refuses_fewer_entities_than_the_reference_data(tmp_path: Path) -> None:
    with pytest.raises(InvalidRequestError):
        write_synthetic(tmp_path, 20)


def test_synth_dataset_is_valid_and_national(
    synthetic: tuple[Path, Dataset], seed_dataset: Dataset
) -> None:
    _, data = synthetic
    kinds = Counter(e.kind for e in data.entities.values())
    assert len(data.entities) == SIZE
    assert kinds["force"] == 43 and kinds["region"] == 10 and kinds["pcc"] == 43
    seed_forces = {e.id for e in seed_dataset.entities.values() if e.kind == "force"}
    assert {e.id for e in data.entities.values() if e.kind == "force"} == seed_forces
    in_region = {r.source: r.target for r in data.relationships if r.type == "IN_REGION"}
    assert all(
        in_region[f] == f"{seed_region}" for f, seed_region in _seed_regions(seed_dataset).items()
    )
    oversees = {(r.source, r.target) for r in data.relationships if r.type == "OVERSEES"}
    assert all((f"{force}-pcc", force) in oversees for force in seed_forces)
    cited = {s.document for e in data.entities.values() for s in e.sources}
    cited |= {s.document for r in data.relationships for s in r.sources}
    assert cited <= set(data.documents) and len(data.documents) > 2
    assert data.statuses and data.figures


def _seed_regions(seed: Dataset) -> dict[str, str]:
    return {
        r.source: r.target
        for r in seed.relationships
        if r.type == "IN_REGION" and seed.entities[r.source].kind == "force"
    }


def _ks(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Kolmogorov-Smirnov distance between two samples of degrees."""
    top = max(a + b)
    return max(
        abs(sum(x <= d for x in a) / len(a) - sum(x <= d for x in b) / len(b))
        for d in range(top + 1)
    )


def test_synth_degree_distributions_follow_the_seed(
    synthetic: tuple[Path, Dataset], seed_dataset: Dataset
) -> None:
    _, data = synthetic
    seed, synth = measure_profile(seed_dataset), measure_profile(data)
    # relationships per entity, and the share of each growing kind
    seed_ratio = len(seed_dataset.relationships) / len(seed_dataset.entities)
    assert abs(len(data.relationships) / len(data.entities) - seed_ratio) / seed_ratio < 0.2
    growing = {k: c for k, c in seed.kind_counts.items() if k not in FIXED_KINDS}
    synth_growing = {k: c for k, c in synth.kind_counts.items() if k not in FIXED_KINDS}
    for kind, count in growing.items():
        share = count / sum(growing.values())
        assert abs(synth_growing[kind] / sum(synth_growing.values()) - share) < 0.02, kind
    # in-degree of every sizeable pattern whose target kind grows: same distribution (KS)
    by_key = {(p.type, p.from_kind, p.to_kind): p for p in synth.patterns}
    checked = 0
    for pattern in seed.patterns:
        if pattern.count < 20 or pattern.to_kind in FIXED_KINDS:
            continue
        other: Pattern = by_key[(pattern.type, pattern.from_kind, pattern.to_kind)]
        assert _ks(pattern.in_degrees, other.in_degrees) < 0.1, pattern
        checked += 1
    assert checked >= 8
    # the heavy tail of participation is there: some collaborations have many participants
    participants = Counter(r.target for r in data.relationships if r.type == "PARTICIPATES_IN")
    assert max(participants.values()) >= 10
    roles = Counter(r.properties.get("role") for r in data.relationships if r.type == "LEADS")
    assert {"lead_force", "pcc_lead", "finance_lead"} <= set(roles)


def test_synth_dataset_loads_and_answers(
    synthetic: tuple[Path, Dataset], scratch_engine: Engine
) -> None:
    out, data = synthetic
    report = load_dataset(scratch_engine, data, str(out))
    assert report.entities == SIZE and report.relationships == len(data.relationships)
    force = scratch_engine.read("entity_by_id", {"id": "west-yorkshire"})
    assert force[0]["name"] == "West Yorkshire Police"
    unit = next(e for e in data.entities.values() if e.kind == "unit" and e.aliases)
    found = search(scratch_engine, unit.aliases[0], limit=200)
    assert unit.id in {r["id"] for r in found}


def test_cli_synth_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "net"
    first = runner.invoke(
        main, ["synth", "--entities", "300", "--seed", "2", "-o", str(out), "--json"]
    )
    assert first.exit_code == 0, first.output
    assert '"entities": 300' in first.output
    assert len(read_dataset(out).entities) == 300
    again = runner.invoke(main, ["synth", "--entities", "300", "-o", str(out)])
    assert again.exit_code == 1 and "--overwrite" in again.output
    replaced = runner.invoke(main, ["synth", "--entities", "400", "-o", str(out), "--overwrite"])
    assert replaced.exit_code == 0 and len(read_dataset(out).entities) == 400
