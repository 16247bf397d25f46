"""The benefits ledger: East Midlands savings (document 003, paragraphs 6-7) with their
periods, and no sum across unlike figures."""

from __future__ import annotations

import copy

import pytest

from graphmodel.analysis import benefits_ledger, ledger_table
from graphmodel.errors import InvalidRequestError, NotFoundError
from graphmodel.loading import load_dataset


@pytest.fixture(scope="module")
def east_midlands(engine) -> dict:
    return benefits_ledger(engine, region="east-midlands")


def _figure(result: dict, entity: str, amount: float) -> dict:
    return next(
        f for f in result["figures"] if f["entity"]["id"] == entity and f["amount"] == amount
    )


def test_east_midlands_savings_with_their_periods(east_midlands):
    total = _figure(east_midlands, "east-midlands-region", 70_000_000)
    assert (total["period"], total["basis"]) == ("2010/2018", "total")
    annual = _figure(east_midlands, "east-midlands-region", 13_700_000)
    assert (annual["period"], annual["basis"]) == ("2018", "annual")
    leics_annual = _figure(east_midlands, "leicestershire", 4_030_000)
    assert (leics_annual["period"], leics_annual["basis"]) == ("2018", "annual")
    leics_total = _figure(east_midlands, "leicestershire", 20_440_000)
    assert (leics_total["period"], leics_total["basis"]) == ("2010/2018", "total")
    assert {"document": "leics-pcp-2018-07-regional", "ref": "7"} in leics_total["sources"]


def test_no_total_mixes_unlike_figures(east_midlands):
    by_id = {f["id"]: f for f in east_midlands["figures"]}
    for group in east_midlands["groups"]:
        members = [by_id[i] for i in group["figures"]]
        assert (
            len({(f["kind"], f["currency"], f["period"], f["basis"], f["cash"]) for f in members})
            == 1
        )
        if group["total"] is not None:
            assert group["total"] == sum(by_id[i]["amount"] for i in group["adds"])
    totals = {g["total"] for g in east_midlands["groups"]}
    assert 70_000_000 + 13_700_000 not in totals and 70_000_000 + 20_440_000 not in totals
    assert any("not added together" in line for line in east_midlands["not_addable"])


def test_a_force_figure_inside_its_region_is_not_added(scratch_engine, seed_dataset):
    # The East Midlands figures with cash made equal: the part_of rule alone must stop the sum.
    dataset = copy.deepcopy(seed_dataset)
    for figure in dataset.figures:
        if figure.entity in ("east-midlands-region", "leicestershire"):
            figure.cash = "combined"
    load_dataset(scratch_engine, dataset)
    result = benefits_ledger(scratch_engine, region="east-midlands", kind="saving")
    group = next(g for g in result["groups"] if g["period"] == "2010/2018")
    assert len(group["figures"]) == 2 and group["total"] == 70_000_000
    assert group["adds"] == ["em-savings-2010-2018"]
    assert group["left_out"][0]["id"] == "leics-savings-2010-2018"
    assert "part of em-savings-2010-2018" in group["left_out"][0]["why"]


def test_table_columns_and_filters(engine, east_midlands):
    rows = ledger_table(east_midlands)
    assert {
        "amount",
        "currency",
        "period",
        "basis",
        "sources",
        "group_total",
        "group_note",
    } <= set(rows[0])
    assert all(r["sources"] for r in rows)
    leics = benefits_ledger(engine, force="leicestershire")
    assert {f["amount"] for f in leics["figures"]} == {4_030_000, 20_440_000}
    assert benefits_ledger(engine, region="wales")["note"].startswith(
        "the documents give no money figure"
    )


def test_bad_input(engine):
    with pytest.raises(InvalidRequestError):
        benefits_ledger(engine, kind="profit")
    with pytest.raises(NotFoundError):
        benefits_ledger(engine, region="middle-earth")
