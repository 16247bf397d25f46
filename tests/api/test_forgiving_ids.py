"""Ids and text that forgive: case, aliases as ids, and close matches for typos."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from graphmodel.engine.base import Engine
from graphmodel.errors import NotFoundError
from graphmodel.suggest import canonical_id, close_matches


@pytest.mark.parametrize(
    ("url", "location"),
    [
        ("/api/entities/WEST-YORKSHIRE", "/api/entities/west-yorkshire"),
        ("/api/entities/WYP", "/api/entities/west-yorkshire"),
        ("/api/participation/EMOPSS", "/api/participation/emopss"),
        ("/api/leads?leader=West-Yorkshire", "/api/leads?leader=west-yorkshire"),
        ("/api/analysis/impact?force=Leicestershire", "/api/analysis/impact?force=leicestershire"),
        ("/maps/neighbourhood?entity=WYP", "/maps/neighbourhood?entity=west-yorkshire"),
    ],
)
def test_another_spelling_of_an_id_redirects_to_the_canonical_one(
    client: TestClient, url: str, location: str
) -> None:
    response = client.get(url, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith(location)
    assert client.get(url).status_code == 200  # followed, it answers


def test_curl_of_an_upper_case_entity_leads_to_it(client: TestClient) -> None:
    body = client.get("/api/entities/WEST-YORKSHIRE").json()
    assert body["id"] == "west-yorkshire"


def test_participation_of_a_unit_answers_through_its_agreement(client: TestClient) -> None:
    body = client.get("/api/participation/emopss").json()
    members = {p["participant"]["id"] for p in body["participants"] if p["status"] == "member"}
    assert {"leicestershire", "lincolnshire", "northamptonshire"} <= members
    assert {p["via"]["id"] for p in body["participants"]} == {"em-s22-emopss"}
    csv_text = client.get("/api/participation/emopss", params={"format": "csv"}).text
    assert "em-s22-emopss" in csv_text


def test_a_misspelt_search_suggests_the_entity(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "nottinhamshire"}).json()
    assert body["results"] == []
    assert body["suggestions"][0]["id"] == "nottinghamshire"


def test_a_misspelt_id_answers_404_with_the_entity_first(client: TestClient) -> None:
    response = client.get("/api/entities/west-yorkshre")
    assert response.status_code == 404
    assert response.json()["suggestions"][0]["id"] == "west-yorkshire"
    assert "west-yorkshire" in response.json()["detail"]


def test_an_ambiguous_name_is_not_taken_as_an_id(engine: Engine) -> None:
    # EMOpSS names the unit and its section 22 agreement: no single canonical id.
    assert canonical_id(engine, "EMOpSS Agreement") is None
    assert canonical_id(engine, "Odyssey") == "odyssey"
    assert canonical_id(engine, "WYP", kinds=["region"]) is None


def test_close_matches_keep_to_the_kinds_asked(engine: Engine) -> None:
    matches = close_matches(engine, "east midlnds", kinds=["region"])
    assert matches and all(m["kind"] == "region" for m in matches)


def test_unrelated_text_has_no_close_match(engine: Engine) -> None:
    assert close_matches(engine, "qqqzzzxxx") == []
    assert str(NotFoundError("entity", "x", [], canonical="y")).endswith("did you mean y? (its id)")
