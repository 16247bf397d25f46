"""The /api/analysis endpoints over HTTP: JSON, CSV, bad input, empty answers."""

from __future__ import annotations

import csv
import io

import pytest


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "path",
    [
        "/api/analysis/concentration?region=north-east-seven-forces",
        "/api/analysis/impact?force=staffordshire&as_of=2013-07-02",
        "/api/analysis/overlap?region=east-midlands&register=east-midlands-s22",
        "/api/analysis/structure?top=5",
        "/api/analysis/diff?from=2013&to=2020",
        "/api/analysis/benefits?region=east-midlands",
    ],
)
def test_json_and_csv(client, path):
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert answer.json()["note"] is None
    as_csv = client.get(path + "&format=csv")
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    rows = _csv(as_csv.text)
    assert rows and "sources" in rows[0]
    by_header = client.get(path, headers={"Accept": "text/csv"})
    assert by_header.text == as_csv.text


def test_concentration_json_names_west_yorkshire_first(client):
    body = client.get(
        "/api/analysis/concentration", params={"region": "north-east-seven-forces"}
    ).json()
    assert body["results"][0]["leader"]["id"] == "west-yorkshire"
    rows = _csv(
        client.get(
            "/api/analysis/concentration", params={"force": "west-yorkshire", "format": "csv"}
        ).text
    )
    odyssey = next(r for r in rows if r["target_id"] == "odyssey")
    assert odyssey["role"] == "lead_force" and "wy-pcp-2018-03-regional 2.15" in odyssey["sources"]


def test_unknown_force_and_region_are_404_with_suggestions(client):
    answer = client.get("/api/analysis/impact", params={"force": "staffordshir"})
    assert answer.status_code == 404
    assert "staffordshire" in [s["id"] for s in answer.json()["suggestions"]]
    alias = client.get("/api/analysis/impact", params={"force": "staffs"}, follow_redirects=False)
    assert alias.status_code == 307 and alias.headers["location"].endswith("force=staffordshire")
    answer = client.get("/api/analysis/overlap", params={"region": "east-midland"})
    assert answer.status_code == 404 and answer.json()["what"] == "region"


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/analysis/diff?from=2020&to=2013", "from"),
        ("/api/analysis/diff?from=2013&to=next-year", "to"),
        ("/api/analysis/concentration?as_of=2018-02-30", "as_of"),
        ("/api/analysis/benefits?format=xml", "format"),
        ("/api/analysis/impact", "force"),
    ],
)
def test_bad_input_is_422_naming_the_parameter(client, path, parameter):
    answer = client.get(path)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][-1] == parameter


def test_empty_answers_say_why(client):
    body = client.get("/api/analysis/concentration", params={"as_of": "1990"}).json()
    assert body["results"] == [] and "1990" in body["note"]
    response = client.get("/api/analysis/benefits", params={"region": "wales", "format": "csv"})
    assert _csv(response.text) == []
    assert response.headers["x-note"].startswith("the documents give no money figure")


def test_scores_for_maps(client):
    body = client.get("/api/analysis/scores", params={"measure": "betweenness"}).json()
    assert body["scores"]["west-yorkshire"] > 0
    body = client.get("/api/analysis/scores").json()
    assert body["measure"] == "concentration" and "west-yorkshire" in body["scores"]
