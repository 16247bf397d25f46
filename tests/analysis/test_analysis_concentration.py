"""Lead concentration on the seed graph, checked against documents 000, 003 and 004."""

from __future__ import annotations

import pytest

from graphmodel.analysis import concentration_scores, concentration_table, lead_concentration
from graphmodel.errors import InvalidRequestError, NotFoundError


def _entry(result: dict, leader: str) -> dict:
    return next(e for e in result["results"] if e["leader"]["id"] == leader)


def test_west_yorkshire_leads_the_north_east(engine):
    result = lead_concentration(engine, region="north-east-seven-forces")
    wyp = _entry(result, "west-yorkshire")
    assert wyp["rank"] == 1
    led = {role: {t["id"] for t in targets} for role, targets in wyp["roles"].items()}
    # Document 000, 2.15 (and 004): WYP is lead force for Odyssey (the ROCU), RSSS and the CTU.
    assert {"odyssey", "rsss", "ctpne"} <= led["lead_force"]
    # Document 003, Appendix B and 004: WYP is the NPAS lead force.
    assert "npas" in led["lead_force"]
    # Document 000, 3.21: WYP leads the ESMCP vehicle fleet and operational readiness workstreams.
    assert led["workstream_lead"] == {
        "yath-esmcp-vehicle-fleet",
        "yath-esmcp-operational-readiness",
    }
    odyssey = next(t for t in wyp["roles"]["lead_force"] if t["id"] == "odyssey")
    assert {"document": "wy-pcp-2018-03-regional", "ref": "2.15"} in odyssey["sources"]
    assert 0 < wyp["share"] <= 1 and wyp["leads"] >= 10


def test_concentration_shares_are_fractions_of_the_scope(engine):
    result = lead_concentration(engine, region="east-midlands")
    assert result["region"]["id"] == "east-midlands-region"
    for entry in result["results"]:
        assert entry["share"] == round(entry["leads"] / result["collaborations"], 4)
    ranks = [(-e["leads"]) for e in result["results"]]
    assert ranks == sorted(ranks)


def test_one_force_only_and_table_has_citations(engine):
    result = lead_concentration(engine, force="west-yorkshire")
    assert [e["leader"]["id"] for e in result["results"]] == ["west-yorkshire"]
    rows = concentration_table(result)
    assert rows and all(r["sources"] for r in rows)
    assert {"leader_id", "role", "target_id", "sources"} <= set(rows[0])


def test_empty_answer_says_why(engine):
    result = lead_concentration(engine, as_of="1990")
    assert result["results"] == [] and "1990" in result["note"]


def test_unknown_region_and_force_suggest_close_matches(engine):
    with pytest.raises(NotFoundError) as err:
        lead_concentration(engine, region="east-midland")
    assert err.value.what == "region"
    assert "east-midlands-region" in [s["id"] for s in err.value.suggestions]
    with pytest.raises(NotFoundError) as err:
        lead_concentration(engine, force="west-yorks")
    assert "west-yorkshire" in [s["id"] for s in err.value.suggestions]
    with pytest.raises(InvalidRequestError):
        lead_concentration(engine, as_of="2013-13")


def test_scores_for_maps(engine):
    scores = concentration_scores(engine)
    assert max(scores, key=lambda k: scores[k]) == "west-yorkshire"
    assert all(0 <= v <= 1 for v in scores.values())
