"""Every analysis on a 2,000-entity synthetic national network (graphmodel.synth)."""

from __future__ import annotations

from pathlib import Path

from graphmodel import analysis
from graphmodel.dataset import read_dataset
from graphmodel.loading import load_dataset
from graphmodel.synth import write_synthetic


def test_all_analyses_run_on_2000_entities(scratch_engine, tmp_path: Path):
    write_synthetic(tmp_path / "synthetic", entities=2000, seed=3)
    report = load_dataset(scratch_engine, read_dataset(tmp_path / "synthetic"))
    assert report.entities == 2000
    concentration = analysis.lead_concentration(scratch_engine, region="west-midlands")
    assert concentration["results"] and concentration["collaborations"] > 0
    impact = analysis.withdrawal_impact(scratch_engine, "staffordshire")
    assert impact["collaborations"] or impact["note"]
    overlap = analysis.force_overlap(scratch_engine)
    assert len(overlap["forces"]) == 43 and overlap["pairs"]
    structure = analysis.network_structure(scratch_engine, top=10)
    assert structure["nodes"] > 1500 and structure["betweenness_sampled"] is True
    assert structure["communities"]
    diff = analysis.network_diff(scratch_engine, "2013", "2020")
    assert set(diff["summary"]) >= {"entities_started", "handovers"}
    ledger = analysis.benefits_ledger(scratch_engine)
    assert all(g["total"] is None or g["note"] is None for g in ledger["groups"])
