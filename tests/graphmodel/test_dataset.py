"""The seed data validates, and each class of bad input is refused with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphmodel.dataset import Dataset, read_dataset
from graphmodel.errors import InvalidDataError
from graphmodel.settings import DEFAULT_SEED_DIR as SEED_DIR

FACTS = "seed/facts/wy-pcc-2020-10-letter.yaml"


def test_seed_dataset_is_valid_and_draws_on_all_five_documents(seed_dataset: Dataset) -> None:
    assert len(seed_dataset.entities) >= 150
    assert len(seed_dataset.relationships) >= 350
    cited = {s.document for r in seed_dataset.relationships for s in r.sources}
    assert {
        "wy-pcp-2018-03-regional",
        "wy-pcp-2018-05-triservice",
        "wm-spcb-2013-07-collaboration",
        "leics-pcp-2018-07-regional",
        "wy-pcc-2020-10-letter",
    } <= cited


def test_document_003_date_discrepancy_is_recorded(seed_dataset: Dataset) -> None:
    doc = seed_dataset.documents["leics-pcp-2018-07-regional"]
    assert doc.date == "2018-07-25"
    assert any("2017" in note and "Tuesday" in note for note in doc.notes)


def test_same_fact_in_two_documents_is_one_relationship_citing_both(seed_dataset: Dataset) -> None:
    leads = [
        r
        for r in seed_dataset.relationships
        if (r.type, r.source, r.target) == ("LEADS", "west-yorkshire", "odyssey")
    ]
    assert len(leads) == 1
    assert {s.document for s in leads[0].sources} == {
        "wy-pcp-2018-03-regional",
        "wy-pcc-2020-10-letter",
    }


def _copy_seed(tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(SEED_DIR, target)
    return target


def _append(path: Path, text: str) -> int:
    """Append `text` to a YAML list section at the end of `path`; the line it starts on."""
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines) + "\n" + text)
    return len(lines) + 1


BAD_RELATIONSHIPS = {
    "unknown relationship type": (
        "  - {type: RUNS, from: west-yorkshire, to: npas, ref: x}",
        "type",
        "unknown relationship type",
    ),
    "forbidden endpoint kinds": (
        "  - {type: OVERSEES, from: west-yorkshire, to: npas, ref: x}",
        "from",
        "cannot be the start",
    ),
    "unknown role": (
        "  - {type: LEADS, from: west-yorkshire, to: npas, role: boss, ref: x}",
        "role",
        "unknown role",
    ),
    "unknown status": (
        "  - {type: PARTICIPATES_IN, from: kent, to: npas, status: maybe, ref: x}",
        "status",
        "unknown status",
    ),
    "unknown entity": (
        "  - {type: LEADS, from: west-yorks, to: npas, role: host, ref: x}",
        "from",
        "unknown entity",
    ),
    "missing source": ("  - {type: LEADS, from: kent, to: npas, role: host}", "ref", "missing"),
    "malformed date": (
        "  - {type: LEADS, from: kent, to: npas, role: host, ref: x, since: 2013-13-01}",
        "since",
        "malformed date",
    ),
    "malformed cost share": (
        "  - {type: PARTICIPATES_IN, from: kent, to: npas, status: member, cost_share: lots, ref: x}",
        "cost_share",
        "malformed cost share",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_RELATIONSHIPS))
def test_bad_relationship_is_refused_with_file_line_field(tmp_path: Path, case: str) -> None:
    seed = _copy_seed(tmp_path)
    text, field, message = BAD_RELATIONSHIPS[case]
    facts = seed / "facts" / "wy-pcc-2020-10-letter.yaml"
    body = facts.read_text()
    assert "\nrelationships:\n" in body
    body = body.replace("\nrelationships:\n", "\nrelationships:\n" + text + "\n", 1)
    facts.write_text(body)
    line = body.splitlines().index(text) + 1
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    problems = caught.value.problems
    assert any(
        p.file.endswith("wy-pcc-2020-10-letter.yaml")
        and p.line == line
        and p.field == field
        and message in p.message
        for p in problems
    ), problems


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    line = _append(
        seed / "entities" / "common.yaml",
        "  - {id: npas, kind: unit, name: Again, sources: [{document: wy-pcc-2020-10-letter, ref: x}]}\n",
    )
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    assert any(
        p.field == "id" and "duplicate entity id" in p.message and p.line == line
        for p in caught.value.problems
    )


def test_unknown_kind_and_unknown_document_are_refused(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    _append(
        seed / "entities" / "common.yaml",
        "  - {id: new-thing, kind: spaceship, name: X, sources: [{document: nowhere, ref: x}]}\n",
    )
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    messages = {(p.field, p.message.split(" ")[0]) for p in caught.value.problems}
    assert ("kind", "unknown") in messages
    assert ("document", "unknown") in messages


def test_malformed_amount_is_refused(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    facts = seed / "facts" / "leics-pcp-2018-07-regional.yaml"
    body = facts.read_text().replace("amount: 70000000", "amount: seventy million", 1)
    assert body != facts.read_text()
    facts.write_text(body)
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    assert any(
        p.field == "amount" and "malformed amount" in p.message for p in caught.value.problems
    )


def test_file_that_does_not_parse_is_refused_with_its_line(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    facts = seed / "facts" / "wy-pcc-2020-10-letter.yaml"
    lines = facts.read_text().splitlines()
    lines.insert(3, "  - {id: broken, kind: unit")
    facts.write_text("\n".join(lines) + "\n")
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    problem = caught.value.problems[0]
    assert problem.file.endswith("wy-pcc-2020-10-letter.yaml")
    assert problem.field == "(file)" and "does not parse" in problem.message
    assert problem.line >= 4


def test_every_problem_is_listed_not_just_the_first(tmp_path: Path) -> None:
    seed = _copy_seed(tmp_path)
    facts = seed / "facts" / "wy-pcc-2020-10-letter.yaml"
    body = facts.read_text().replace(
        "\nrelationships:\n",
        "\nrelationships:\n"
        + BAD_RELATIONSHIPS["unknown role"][0]
        + "\n"
        + BAD_RELATIONSHIPS["unknown entity"][0]
        + "\n",
        1,
    )
    facts.write_text(body)
    with pytest.raises(InvalidDataError) as caught:
        read_dataset(seed)
    assert len(caught.value.problems) >= 2
