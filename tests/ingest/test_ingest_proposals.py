"""What the ingester proposes from the language of collaboration reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphmodel.dataset import Dataset
from graphmodel.ingest import propose
from graphmodel.ingest.formats import read_report
from graphmodel.ingest.mentions import Gazetteer
from graphmodel.ingest.paragraphs import split_report


def _propose(
    tmp_path: Path, dataset: Dataset, text: str, issuer: str | None = None
) -> dict[str, Any]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report = split_report(read_report(path))
    return propose(
        report, Gazetteer.from_dataset(dataset), "test-report", issuer=issuer, date="2024-05-01"
    )


def _relations(proposals: dict[str, Any]) -> set[tuple[str, ...]]:
    return {
        (
            r["type"],
            r["from"],
            r["to"],
            r.get("role") or r.get("status") or r.get("arrangement") or "",
        )
        for r in proposals["relationships"]
    }


def test_forces_are_found_by_every_form_reports_use(tmp_path: Path, seed_dataset: Dataset) -> None:
    proposals = _propose(
        tmp_path,
        seed_dataset,
        "1.1 South Yorkshire Police and SYP are one force. The Humberside force is another.\n\n"
        "1.2 Cheshire joined later, as did Durham Constabulary and the PCC for Cumbria.",
    )
    found = {m["id"]: m["proposal"]["found_as"] for m in proposals["mentions"]}
    assert found["south-yorkshire"] == "South Yorkshire Police"
    assert found["humberside"] == "Humberside force"
    assert found["cheshire"] == "Cheshire"
    assert found["durham"] == "Durham Constabulary"


def test_an_abbreviation_the_report_defines_names_a_new_unit(
    tmp_path: Path, seed_dataset: Dataset
) -> None:
    proposals = _propose(
        tmp_path,
        seed_dataset,
        "2.1 The North West Regional Organised Crime Unit (NWROCU) is hosted by Lancashire "
        "Constabulary.\n\n2.2 NWROCU reports to the North West Regional Strategic Board.",
    )
    new = {e["id"]: e for e in proposals["entities"]}
    assert new["nwrocu"]["kind"] == "unit"
    assert new["nwrocu"]["name"] == "North West Regional Organised Crime Unit"
    assert new["nwrocu"]["aliases"] == ["NWROCU"]
    assert new["north-west-regional-strategic-board"]["kind"] == "board"
    assert ("LEADS", "lancashire", "nwrocu", "host") in _relations(proposals)
    assert ("REPORTS_TO", "nwrocu", "north-west-regional-strategic-board", "") in _relations(
        proposals
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.1 West Yorkshire Police is the lead force for NPAS.",
         ("LEADS", "west-yorkshire", "npas", "lead_force")),
        ("3.1 The Tri-Service Collaboration Board is chaired by the West Yorkshire PCC.",
         ("CHAIRS", "west-yorkshire-pcc", "tri-service-collaboration-board", "sole")),
        ("3.1 The chair of the Regional Collaboration Board rotates between the PCCs, and the "
         "Board is currently chaired by the Humberside PCC.",
         ("CHAIRS", "humberside-pcc", "yath-regional-collaboration-board", "rotating")),
        ("3.1 Staffordshire Police withdrew from the Central Motorway Police Group on 9 April 2013.",
         ("PARTICIPATES_IN", "staffordshire", "cmpg", "withdrawn")),
        ("3.1 Lincolnshire Police is not participating in EMCHRS.",
         ("PARTICIPATES_IN", "lincolnshire", "emchrs", "not_participating")),
        ("3.1 Warwickshire Police decided not to join the Central Motorway Police Group.",
         ("PARTICIPATES_IN", "warwickshire", "cmpg", "declined")),
        ("3.1 Proposals to incorporate Cleveland into the Regional Scientific Support Services "
         "are expected in 2025.",
         ("PARTICIPATES_IN", "cleveland", "rsss", "proposed")),
        ("3.1 The Tri-Service Collaboration Board is made up of West Yorkshire Police, the West "
         "Yorkshire Fire and Rescue Service and the Yorkshire Ambulance Service.",
         ("MEMBER_OF", "yas", "tri-service-collaboration-board", "")),
        ("3.1 EMSOU is governed by the East Midlands Police and Crime Commissioners and Chief "
         "Constables Board.",
         ("GOVERNS", "em-pcc-cc-board", "emsou", "")),
    ],
)  # fmt: skip
def test_relationship_phrases(
    tmp_path: Path, seed_dataset: Dataset, text: str, expected: tuple[str, ...]
) -> None:
    assert expected in _relations(_propose(tmp_path, seed_dataset, text))


def test_i_is_the_issuer_and_dates_are_kept_where_stated(
    tmp_path: Path, seed_dataset: Dataset
) -> None:
    proposals = _propose(
        tmp_path,
        seed_dataset,
        "Governance\n\nI co-chair the Tri-Service Collaboration Board along with the Chair of "
        "West Yorkshire Fire and Rescue Service Authority.\n\n"
        "Staffordshire Police withdrew from the Central Motorway Police Group on 9 April 2013.",
        issuer="west-yorkshire-pcc",
    )
    relations = _relations(proposals)
    assert ("CHAIRS", "west-yorkshire-pcc", "tri-service-collaboration-board", "co") in relations
    assert ("CHAIRS", "wyfr-authority", "tri-service-collaboration-board", "co") in relations
    withdrawn = next(r for r in proposals["relationships"] if r.get("status") == "withdrawn")
    assert withdrawn["since"] == "2013-04-09" and "until" not in withdrawn
    assert withdrawn["ref"] == "Governance, paragraph 2"


def test_every_proposal_cites_its_sentence_by_span(tmp_path: Path, seed_dataset: Dataset) -> None:
    text = "4.1 Nobody mentioned here.\n\n4.2 West Yorkshire Police is the lead force for NPAS."
    proposals = _propose(tmp_path, seed_dataset, text)
    report = split_report(read_report(tmp_path / "report.txt"))
    (lead,) = proposals["relationships"]
    start, end = lead["proposal"]["span"]
    assert report.text[start:end] == "West Yorkshire Police is the lead force for NPAS."
    assert lead["proposal"]["sentence"] == report.text[start:end]
    assert lead["ref"] == "4.2" and 0 < lead["proposal"]["confidence"] <= 1


def test_statuses_and_money(tmp_path: Path, seed_dataset: Dataset) -> None:
    proposals = _propose(
        tmp_path,
        seed_dataset,
        "5.1 The Regional Vetting Unit went live in May 2018.\n\n"
        "5.2 The annual budget of the Regional Vetting Unit for 2018/19 is £1.2m, of which "
        "Humberside's share is £300,000.\n\n"
        "5.3 The unit is expected to save £150,000 a year.",
    )
    statuses = {(s["entity"], s["status"], s.get("since")) for s in proposals["statuses"]}
    unit = next(e["id"] for e in proposals["entities"] if e["name"] == "Regional Vetting Unit")
    assert (unit, "live", "2018-05") in statuses
    figures = {(f["kind"], f["amount"], f["period"], f["basis"], f.get("force")) for f in proposals["figures"]}  # fmt: skip
    assert ("budget", 1_200_000, "2018-04/2019-03", "annual", None) in figures
    assert ("budget", 300_000, "2018-04/2019-03", "annual", "humberside") in figures
    whole = next(f for f in proposals["figures"] if f["amount"] == 1_200_000)
    share = next(f for f in proposals["figures"] if f["amount"] == 300_000)
    assert share["part_of"] == whole["id"] and "part_of" not in whole
    saving = next(f for f in proposals["figures"] if f["kind"] == "saving")
    assert saving["hypothetical"] is True and saving["entity"] == unit
