"""Maps can size nodes by the analyses' measures (issue 6's concentration and centrality)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _weights(client: TestClient, **params: str) -> dict[str, float]:
    response = client.get("/maps/leads.json", params=params)
    assert response.status_code == 200
    return {node["id"]: node["weight"] for node in response.json()["nodes"]}


def test_leads_map_sized_by_concentration_puts_west_yorkshire_first_in_yorkshire(
    client: TestClient,
) -> None:
    weights = _weights(client, region="yorkshire-and-the-humber", size="concentration")
    assert max(weights, key=lambda n: weights[n]) == "west-yorkshire"
    assert weights["west-yorkshire"] == 100


def test_leads_map_sized_by_betweenness_differs_from_default(client: TestClient) -> None:
    default = _weights(client)
    central = _weights(client, size="betweenness")
    assert default.keys() == central.keys() and default != central
    page = client.get("/maps/leads", params={"size": "betweenness"}).text
    assert "betweenness" in page


def test_unknown_size_measure_answers_422_naming_it(client: TestClient) -> None:
    response = client.get("/maps/leads", params={"size": "bogus"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "size"
