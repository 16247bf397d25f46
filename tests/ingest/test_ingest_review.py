"""`collabgraph review`: decisions by flag and interactively; accepted facts become seed facts."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from graphmodel.cli import main
from graphmodel.dataset import read_dataset
from graphmodel.schema import SCHEMA_PATH
from tests.ingest.conftest import DECISION, MINUTES


def _ingest(runner: CliRunner, seed: Path, tmp_path: Path, file: Path, document: str, *extra: str) -> Path:  # fmt: skip
    out = tmp_path / f"{document}.proposals.yaml"
    result = runner.invoke(
        main,
        ["ingest", str(file), "--document", document, "--seed", str(seed), "-o", str(out), *extra],
    )
    assert result.exit_code == 0, result.output
    return out


def _review(runner: CliRunner, seed: Path, proposals: Path, *extra: str, input: str | None = None):  # type: ignore[no-untyped-def]  # fmt: skip
    return runner.invoke(main, ["review", str(proposals), "--seed", str(seed), *extra], input=input)


def test_min_confidence_accepts_and_rejects_then_writes_valid_seed_facts(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, DECISION, "derbyshire-pcc-2024-031", "--issuer", "derbyshire-pcc")  # fmt: skip
    result = _review(runner, seed_copy, proposals, "--min-confidence", "0.6")
    assert result.exit_code == 0, result.output
    facts_text = (seed_copy / "facts" / "derbyshire-pcc-2024-031.yaml").read_text(encoding="utf-8")
    facts = yaml.safe_load(facts_text)
    for section in ("entities", "mentions", "relationships", "statuses", "figures"):
        for item in facts.get(section, []):
            # a sentence or its span is never loaded as a fact
            assert not {"proposal", "span", "sentence", "confidence"} & set(item)
    relationships = {(r["type"], r["from"], r["to"]) for r in facts["relationships"]}
    assert ("LEADS", "nottinghamshire", "emdfs") in relationships
    assert all(r["ref"] for r in facts["relationships"])
    decided = yaml.safe_load(proposals.read_text(encoding="utf-8"))
    states = {i["proposal"]["state"] for s in ("entities", "relationships") for i in decided[s]}
    assert states <= {"accepted", "rejected"} and "rejected" in states  # 0.4-0.55 figures
    dataset = read_dataset(seed_copy)  # what `collabgraph validate` runs
    assert dataset.documents["derbyshire-pcc-2024-031"].date == "2024-03-14"
    assert runner.invoke(main, ["validate", "--seed", str(seed_copy)]).exit_code == 0


def test_merge_makes_a_new_entity_an_alias_of_a_known_one(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, MINUTES, "yath-rcb-2024-06")
    result = _review(
        runner, seed_copy, proposals, "--accept-all", "--merge", "rvh=yath-vetting-collaboration", "--no-registers"
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    dataset = read_dataset(seed_copy)
    assert "rvh" not in dataset.entities
    vetting = dataset.entities["yath-vetting-collaboration"]
    assert {"Regional Vetting Hub", "RVH"} <= set(vetting.aliases)
    leads = [r for r in dataset.relationships if r.type == "LEADS" and r.target == vetting.id]
    assert any(s.document == "yath-rcb-2024-06" for r in leads for s in r.sources)


def test_a_register_table_is_handed_to_the_register_import(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, MINUTES, "yath-rcb-2024-06")
    result = _review(runner, seed_copy, proposals, "--accept-all")
    assert result.exit_code == 0, result.output
    assert "register table imported as document yath-rcb-2024-06-table-1" in result.output
    dataset = read_dataset(seed_copy)
    register = [
        r
        for r in dataset.relationships
        if any(s.document == "yath-rcb-2024-06-table-1" for s in r.sources)
    ]
    assert any(
        r.type == "PARTICIPATES_IN" and r.source == "humberside" and r.properties == {"status": "withdrawn"}
        for r in register
    )  # fmt: skip
    assert any(r.type == "LEADS" and r.source == "north-yorkshire-pcc" for r in register)


def test_interactive_review_accepts_rejects_and_drops_what_needs_a_rejected_entity(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, MINUTES, "yath-rcb-2024-06")
    # the first proposal is the new entity RVH: reject it, then accept everything else
    result = _review(runner, seed_copy, proposals, "--no-registers", input="r\nA\n")
    assert result.exit_code == 0, result.output
    assert "new unit rvh: Regional Vetting Hub (RVH)" in result.output
    assert (
        "\u201cThe Regional Vetting Hub (RVH) is led by South Yorkshire Police.\u201d"
        in result.output
    )
    assert "dropped: south-yorkshire -LEADS-> rvh" in result.output
    dataset = read_dataset(seed_copy)
    assert "rvh" not in dataset.entities
    assert any(
        r.type == "LEADS" and r.source == "west-yorkshire" and r.target == "yath-underwater-search-unit"
        and r.properties == {"role": "host"}
        for r in dataset.relationships
    )  # fmt: skip


def test_quitting_saves_decisions_and_writes_nothing(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, MINUTES, "yath-rcb-2024-06")
    before = (seed_copy / "documents.yaml").read_text(encoding="utf-8")
    result = _review(runner, seed_copy, proposals, input="a\nq\n")
    assert result.exit_code == 0, result.output
    assert "proposals still undecided" in result.output
    assert not (seed_copy / "facts" / "yath-rcb-2024-06.yaml").exists()
    assert (seed_copy / "documents.yaml").read_text(encoding="utf-8") == before
    saved = yaml.safe_load(proposals.read_text(encoding="utf-8"))
    assert saved["entities"][0]["proposal"]["state"] == "accepted"
    # a later review picks up where the curator stopped
    result = _review(runner, seed_copy, proposals, "--accept-all", "--no-registers")
    assert result.exit_code == 0 and (seed_copy / "facts" / "yath-rcb-2024-06.yaml").exists()


def test_a_malformed_proposals_file_is_refused(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("document: x\nrelationships:\n  - {type: LEADS}\n", encoding="utf-8")
    result = _review(runner, seed_copy, bad, "--accept-all")
    assert result.exit_code == 1
    assert "document_entry" in result.output and "relationships[0].proposal.state" in result.output


def test_an_unknown_merge_target_is_refused_and_nothing_written(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, MINUTES, "yath-rcb-2024-06")
    result = _review(runner, seed_copy, proposals, "--accept-all", "--merge", "rvh=no-such-entity", "--no-registers")  # fmt: skip
    assert result.exit_code == 1
    assert "no-such-entity" in result.output and "nothing was written" in result.output
    assert not (seed_copy / "facts" / "yath-rcb-2024-06.yaml").exists()


def test_estimates_and_shares_keep_what_they_are_in_the_seed_format(
    runner: CliRunner, seed_copy: Path, tmp_path: Path
) -> None:
    proposals = _ingest(runner, seed_copy, tmp_path, DECISION, "derbyshire-pcc-2024-031", "--issuer", "derbyshire-pcc")  # fmt: skip
    assert _review(runner, seed_copy, proposals, "--accept-all").exit_code == 0
    facts = yaml.safe_load((seed_copy / "facts" / "derbyshire-pcc-2024-031.yaml").read_text())
    saving = next(f for f in facts["figures"] if f["kind"] == "saving")
    share = next(f for f in facts["figures"] if f.get("force") == "derbyshire")
    fields = set((yaml.safe_load(SCHEMA_PATH.read_text()) or {}).get("figure_fields") or {})
    if "hypothetical" in fields:  # the seed format with figure ids, parts and estimates
        assert saving["hypothetical"] is True and share["part_of"]
    else:
        assert "an estimate, not incurred or realised" in saving["description"]
        assert "part of figure emdfs-budget-1" in share["description"]
    assert read_dataset(seed_copy).figures
