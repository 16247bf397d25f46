"""The East Midlands overlap matrix against the register (document 003, Appendix A)."""

from __future__ import annotations

from itertools import combinations

import pytest

from graphmodel.analysis import force_overlap, overlap_table
from graphmodel.errors import InvalidRequestError

EM = ["derbyshire", "leicestershire", "lincolnshire", "northamptonshire", "nottinghamshire"]


@pytest.fixture(scope="module")
def register(engine) -> dict:
    return force_overlap(engine, region="east-midlands", register="east-midlands-s22")


def _register_rows(seed_dataset) -> dict[str, set[str]]:
    """Straight from the seed files: the register rows each force is a member of."""
    rows = {
        e.id
        for e in seed_dataset.entities.values()
        if e.properties.get("register") == "east-midlands-s22"
    }
    members: dict[str, set[str]] = {f: set() for f in EM}
    for rel in seed_dataset.relationships:
        if (
            rel.type == "PARTICIPATES_IN"
            and rel.target in rows
            and rel.source in members
            and rel.properties["status"] == "member"
        ):
            members[rel.source].add(rel.target)
    return members


def test_five_forces_and_the_matrix_agrees_with_the_register(register, seed_dataset):
    assert sorted(f["id"] for f in register["forces"]) == EM
    members = _register_rows(seed_dataset)
    for a, b in combinations(EM, 2):
        shared = members[a] & members[b]
        assert register["matrix"][a][b]["shared"] == len(shared), (a, b)
        assert register["matrix"][a][b]["jaccard"] == round(
            len(shared) / len(members[a] | members[b]), 4
        )
    for force in EM:
        assert register["matrix"][force][force]["shared"] == len(members[force])


def test_np_cells_lower_derbyshire_and_nottinghamshire(register):
    # Rows 9 (EMOpSS) and 16 (custody detention officers): NP for both.
    pair = next(
        p
        for p in register["pairs"]
        if {p["a"]["id"], p["b"]["id"]} == {"derbyshire", "nottinghamshire"}
    )
    shared = {c["id"] for c in pair["collaborations"]}
    assert "em-s22-emopss" not in shared and "em-s22-cjs-custody-detention-officers" not in shared
    assert "em-s22-protected-persons-service" in shared  # row 8: all five take part
    top = register["pairs"][0]["shared"]
    assert pair["shared"] < top
    # Row 12 (EMCHRS Transactional Services) is Tbc for all five: counted for nobody.
    assert all(
        "em-s22-emchrs-transactional-services" not in {c["id"] for c in p["collaborations"]}
        for p in register["pairs"]
    )


def test_pairs_are_ranked_and_cited(register):
    shared = [p["shared"] for p in register["pairs"]]
    assert shared == sorted(shared, reverse=True)
    rows = overlap_table(register)
    assert rows[0]["sources"].count("leics-pcp-2018-07-regional Appendix A") >= 2


def test_national_overlap_and_bad_kind(engine):
    result = force_overlap(engine)
    assert len(result["forces"]) == 43
    with pytest.raises(InvalidRequestError) as err:
        force_overlap(engine, kind="force")
    assert err.value.parameter == "kind"


def test_no_overlap_says_why(engine):
    result = force_overlap(engine, region="wales")
    assert result["pairs"] == [] and result["note"]
