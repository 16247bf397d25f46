"""Staffordshire's withdrawal, checked against document 002 (July 2013)."""

from __future__ import annotations

import pytest

from graphmodel.analysis import impact_table, withdrawal_impact
from graphmodel.errors import NotFoundError


@pytest.fixture(scope="module")
def staffordshire(engine) -> dict:
    return withdrawal_impact(engine, "staffordshire", as_of="2013-07-02")


def _collab(result: dict, entity_id: str) -> dict:
    return next(c for c in result["collaborations"] if c["collaboration"]["id"] == entity_id)


def test_its_pcc_leaves_with_it(staffordshire):
    assert [p["id"] for p in staffordshire["pccs"]] == ["staffordshire-pcc"]


def test_cmpg_loses_a_member_paying_a_quarter(staffordshire):
    cmpg = _collab(staffordshire, "cmpg")  # document 002, paragraph 30: 50/25/25
    assert cmpg["cost_share_lost"] == 25
    assert (cmpg["members_before"], cmpg["members_after"]) == (3, 2)
    assert "below_three_members" in cmpg["effects"]
    assert {m["id"] for m in cmpg["remaining_members"]} == {"west-midlands", "west-mercia"}
    assert {"document": "wm-spcb-2013-07-collaboration", "ref": "30"} in cmpg["sources"]


def test_firearms_licensing_loses_its_host_and_most_of_its_funding(staffordshire):
    unit = _collab(staffordshire, "staffs-wm-firearms-licensing")  # paragraphs 18-19
    assert "loses_lead" in unit["effects"]
    assert [r["role"] for r in unit["lost_roles"]] == ["host"]
    assert unit["cost_share_lost"] == 61.5
    assert unit["members_after"] == 1


def test_bilateral_units_fall_to_one_force(staffordshire):
    for unit in (
        "staffs-wm-collision-investigation-unit",
        "staffs-wm-criminal-justice-services",
        "staffs-wm-joint-legal-services",
    ):
        entry = _collab(staffordshire, unit)
        assert "below_two_members" in entry["effects"], unit
        assert [m["id"] for m in entry["remaining_members"]] == ["west-midlands"]


def test_wmrocu_loses_a_member_and_boards_lose_seats(staffordshire):
    rocu = _collab(staffordshire, "wmrocu")  # paragraph 51: four forces
    assert (rocu["members_before"], rocu["members_after"]) == (4, 3)
    boards = {b["board"]["id"]: b for b in staffordshire["boards"]}
    board = boards["cmpg-executive-board"]
    assert {m["id"] for m in board["lost_members"]} == {"staffordshire", "staffordshire-pcc"}
    assert board["members_after"] == board["members_before"] - 2


def test_governance_keeps_a_path_through_west_midlands(staffordshire):
    entry = next(
        g
        for g in staffordshire["governance"]
        if g["entity"]["id"] == "staffs-wm-bilateral-collaboration"
    )
    assert entry["keeps_governance_path"] is True
    assert [g["id"] for g in entry["remaining_governors"]] == ["west-midlands-pcc"]


def test_table_and_unknown_force(engine, staffordshire):
    rows = impact_table(staffordshire)
    assert all(r["sources"] for r in rows)
    with pytest.raises(NotFoundError) as err:
        withdrawal_impact(engine, "staffs")
    assert err.value.what == "force"
    with pytest.raises(NotFoundError):
        withdrawal_impact(engine, "cmpg")  # a unit is not a force


def test_a_force_with_nothing_says_so(engine):
    result = withdrawal_impact(engine, "dyfed-powys")
    assert result["collaborations"] == [] and "touches nothing" in result["note"]
