"""Answers that stay true over time and money (issue 12): stated versus first-reported
starts in as_of answers and the diff, and one totalling rule for /api/money and the
benefits ledger."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from graphmodel.analysis import benefits_ledger


def _rels(body: dict[str, Any], rtype: str, direction: str) -> dict[str, dict[str, Any]]:
    return {
        r["other"]["id"]: r
        for r in body["relationships"]
        if r["type"] == rtype and r["direction"] == direction
    }


def test_emsou_as_of_2013_exists_from_2002_and_says_what_it_leaves_out(client: TestClient) -> None:
    body = client.get("/api/entities/emsou", params={"as_of": "2013"}).json()
    assert (body["properties"]["valid_from"], body["properties"]["from_basis"]) == (
        "2002",
        "stated",
    )
    assert [(s["status"], s["valid_from"], s["from_basis"]) for s in body["statuses"]] == [
        ("live", "2002", "stated")
    ]
    assert not _rels(body, "PARTICIPATES_IN", "in")  # its members are first reported in 2018
    left = {(r["what"], r["known_from"]): r["count"] for r in body["time"]["left_out"]}
    assert left[("relationships", "2018-07-25")] >= 5
    assert "no stated start" in body["time"]["note"] and "include_unstated" in body["time"]["note"]


def test_emsou_as_of_2013_with_unstated_members_says_they_are_first_reported(
    client: TestClient,
) -> None:
    body = client.get(
        "/api/entities/emsou", params={"as_of": "2013", "include_unstated": "true"}
    ).json()
    members = _rels(body, "PARTICIPATES_IN", "in")
    assert {"derbyshire", "leicestershire", "lincolnshire", "northamptonshire",
            "nottinghamshire"} <= set(members)  # fmt: skip
    for member in members.values():
        props = member["properties"]
        assert (props["from_basis"], props["valid_from"]) == ("first_reported", "2018-07-25")
    assert body["time"]["include_unstated"] is True and body["time"]["left_out"] == []


def test_yorkshire_rcb_as_of_2011_has_its_stated_members(client: TestClient) -> None:
    body = client.get(
        "/api/entities/yath-regional-collaboration-board", params={"as_of": "2011"}
    ).json()
    assert body["properties"]["valid_from"] == "2010"
    members = _rels(body, "MEMBER_OF", "in")
    forces = {"west-yorkshire", "south-yorkshire", "humberside", "north-yorkshire"}
    authorities = {f"{f}-police-authority" for f in forces}
    assert set(members) == forces | authorities  # no PCC before November 2012
    assert all(m["properties"]["from_basis"] == "stated" for m in members.values())
    assert all(members[a]["properties"]["valid_to"] == "2012-11" for a in authorities)
    later = client.get(
        "/api/entities/yath-regional-collaboration-board", params={"as_of": "2013"}
    ).json()
    assert not authorities & set(_rels(later, "MEMBER_OF", "in"))
    assert "west-yorkshire-pcc" in _rels(later, "MEMBER_OF", "in")


def test_diff_2013_2020_separates_started_from_first_reported(client: TestClient) -> None:
    body = client.get("/api/analysis/diff", params={"from": "2013", "to": "2020"}).json()
    started = {e["id"]: e for e in body["entities_started"]}
    reported = {e["id"]: e for e in body["entities_first_reported"]}
    assert reported["acro"]["from_basis"] == "first_reported"  # only in the 2018 register
    # NETIC has no stated start; its areas of focus are dated 2017 (000 2.9): held by then
    assert reported["netic"]["from_basis"] == "held_by"
    assert reported["netic"]["valid_from"] == "2017" and reported["netic"]["from_note"]
    # WYFRS took part from February 2018, which says nothing of when it began
    assert "wyfrs" in reported and "wyfrs" not in started
    assert "natmsn" in started and started["natmsn"]["valid_from"] == "2016"
    assert all(e["from_basis"] in ("stated", "inferred") for e in started.values())
    assert len(body["relationships_first_reported"]) > len(body["relationships_started"])
    assert "first show them" in body["first_reported_note"]
    assert body["time"]["from"]["left_out"]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/entities", {"as_of": "２０１３"}, "as_of"),
        ("/api/entities/emsou", {"as_of": "٢٠١٣"}, "as_of"),
        ("/api/analysis/diff", {"from": "２０１３", "to": "2020"}, "from"),
        ("/api/analysis/concentration", {"as_of": "2013-1２"}, "as_of"),
    ],
)
def test_non_ascii_digits_are_a_clear_422(
    client: TestClient, path: str, params: dict[str, str], parameter: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert parameter in response.text and "ASCII" in response.text


def test_money_and_benefits_give_the_same_figures_and_totals(client: TestClient, engine) -> None:
    money = client.get("/api/money", params={"region": "east-midlands", "kind": "saving"}).json()
    ledger = client.get(
        "/api/analysis/benefits", params={"region": "east-midlands", "kind": "saving"}
    ).json()
    assert [f["id"] for f in money["figures"]] == [f["id"] for f in ledger["figures"]]
    assert money["totals"] == ledger["groups"]
    region = {"em-savings-2010-2018", "em-savings-annual-2018"}
    for total in money["totals"]:
        if set(total["figures"]) & region:
            assert not {"leics-savings-2010-2018", "leics-savings-annual-2018"} & set(total["adds"])
    assert {t["total"] for t in money["totals"]} == {70_000_000, 13_700_000, 20_440_000, 4_030_000}
    runner_result = benefits_ledger(engine, region="east-midlands", kind="saving")
    assert runner_result["groups"] == money["totals"]


def test_firearms_licensing_first_year_cost_and_withdrawal_estimate(client: TestClient) -> None:
    body = client.get("/api/money", params={"entity": "staffs-wm-firearms-licensing"}).json()
    cost = next(t for t in body["totals"] if t["kind"] == "cost")
    assert cost["total"] == 195_585 and cost["adds"] == ["wm-firearms-licensing-cost-year-1"]
    estimates = {o["id"]: o["why"] for o in cost["left_out"]}
    assert set(estimates) == {
        "wm-firearms-licensing-withdrawal-estimate",
        "wm-firearms-licensing-withdrawal-extra",
    }
    assert all(why.startswith("hypothetical") for why in estimates.values())
    withdrawal = next(f for f in body["figures"] if f["amount"] == 303_000)
    assert withdrawal["hypothetical"] is True
    assert {"document": "wm-spcb-2013-07-collaboration", "ref": "20"} in withdrawal["sources"]


def test_benefits_cli_shows_estimates_as_estimates(engine) -> None:
    from graphmodel.cli.analyse import benefits

    result = benefits_ledger(engine, force="west-midlands", kind="cost")
    assert any(f["hypothetical"] for f in result["figures"])
    assert CliRunner  # the CLI text is checked in tests/analysis/test_analysis_cli.py
    assert benefits.name == "benefits"


def test_maps_show_money_by_the_same_rule(client: TestClient, engine) -> None:
    from graphmodel.maps import map_graph
    from graphmodel.maps.query import MapQuery

    graph = map_graph(engine, MapQuery("neighbourhood", entity="staffs-wm-firearms-licensing"))
    shown = graph.nodes["staffs-wm-firearms-licensing"]["money"]
    body = client.get("/api/money", params={"entity": "staffs-wm-firearms-licensing"}).json()
    assert shown["totals"] == body["totals"]
    page = client.get("/maps/neighbourhood", params={"entity": "staffs-wm-firearms-licensing"})
    assert page.status_code == 200 and "wm-firearms-licensing-withdrawal-estimate" in page.text


def test_maps_carry_the_time_note(client: TestClient) -> None:
    page = client.get("/maps/neighbourhood", params={"entity": "emsou", "as_of": "2013"})
    assert page.status_code == 200 and 'id="time-note"' in page.text
    assert "known only from 2018-07-25" in page.text


def test_leads_answers_say_how_each_date_is_known(client) -> None:  # type: ignore[no-untyped-def]
    for params in ({"q": "forensic"}, {"leader": "west-yorkshire"}):
        rows = client.get("/api/leads", params=params).json()["results"]
        dated = [r for r in rows if r.get("valid_from")]
        assert dated and all(r["from_basis"] in {"stated", "inferred", "held_by", "first_reported"}
                             for r in dated), params  # fmt: skip
