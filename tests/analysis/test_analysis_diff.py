"""The 2013 network against the 2020 network: CRASU handed to NPAS, NETIC appears."""

from __future__ import annotations

import pytest

from graphmodel.analysis import diff_table, network_diff
from graphmodel.errors import InvalidRequestError


@pytest.fixture(scope="module")
def change(engine) -> dict:
    return network_diff(engine, "2013", "2020")


def test_crasu_ends_and_hands_over_to_npas(change):
    crasu = next(e for e in change["entities_ended"] if e["id"] == "crasu")
    assert crasu["valid_to"] == "2013-10-02"
    handover = crasu["succeeded_by"][0]
    assert handover["to"]["id"] == "npas" and handover["since"] == "2013-10-02"
    assert {"document": "wm-spcb-2013-07-collaboration", "ref": "43"} in handover["sources"]
    ended = {
        (r["type"], r["source"]["id"], r["target"]["id"]) for r in change["relationships_ended"]
    }
    assert ("LEADS", "cmpg", "crasu") in ended  # CRASU was under CMPG in 2013
    status = next(s for s in change["status_changes"] if s["entity"]["id"] == "crasu")
    assert status["after"] == ["ended"]


def test_netic_appears(change):
    netic = next(e for e in change["entities_first_reported"] if e["id"] == "netic")
    assert netic["from_basis"] == "held_by" and netic["valid_from"] < "2018-03-09"
    assert change["summary"]["entities_started"] == len(change["entities_started"])
    acro = next(e for e in change["entities_first_reported"] if e["id"] == "acro")
    assert acro["from_basis"] == "first_reported" and acro["valid_from"] == "2018-07-25"


def test_staffordshire_withdrawal_shows_as_a_participation_change(change):
    entry = next(
        c
        for c in change["participation_changes"]
        if c["collaboration"]["id"] == "staffs-wm-uniformed-operations"
    )
    assert entry["participant"]["id"] == "staffordshire" and entry["after"] == ["withdrawn"]


def test_table_rows_carry_citations(change):
    rows = diff_table(change)
    handover = next(r for r in rows if r["change"] == "handover" and r["id"] == "crasu")
    assert "wm-spcb-2013-07-collaboration 43" in handover["sources"]


def test_same_date_says_nothing_changed(engine):
    result = network_diff(engine, "2018-03-09", "2018-03-09")
    assert not any(result["summary"].values()) and "same facts" in result["note"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "parameter"),
    [
        ("2013-02-30", "2020", "from"),
        ("2013", "soon", "to"),
        ("2020", "2013", "from"),
        (None, "2020", "from"),
        ("2013", None, "to"),
    ],
)
def test_bad_dates_name_the_parameter(engine, date_from, date_to, parameter):
    with pytest.raises(InvalidRequestError) as err:
        network_diff(engine, date_from, date_to)
    assert err.value.parameter == parameter
