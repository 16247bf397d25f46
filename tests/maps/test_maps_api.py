"""The maps over HTTP: pages, data downloads and bad input."""

from __future__ import annotations

import io

import networkx as nx
import pytest


def test_map_page_is_html_with_the_map_and_its_data_links(client):
    response = client.get("/maps/leads", params={"region": "east-midlands"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert 'id="map-data"' in html and "vis.Network" in html
    assert 'href="/maps/leads.graphml?region=east-midlands"' in html


@pytest.mark.parametrize("view", ["leads", "governance", "participation"])
def test_every_view_answers(client, view):
    assert client.get(f"/maps/{view}").status_code == 200


def test_neighbourhood_answers_for_an_entity(client):
    assert client.get("/maps/neighbourhood", params={"entity": "staffordshire"}).status_code == 200


def test_graphml_download_reads_back(client):
    response = client.get(
        "/maps/governance.graphml", params={"region": "east-midlands", "as_of": "2018"}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert "governance-east-midlands-region-2018.graphml" in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content))
    assert graph.number_of_nodes() > 5


def test_json_and_gexf_downloads(client):
    data = client.get("/maps/leads.json").json()
    assert data["nodes"] and data["links"]
    gexf = client.get("/maps/leads.gexf")
    assert gexf.status_code == 200 and b"<gexf" in gexf.content


def test_unknown_view_is_404(client):
    response = client.get("/maps/heatmap")
    assert response.status_code == 404
    assert response.json()["what"] == "map view"


def test_unknown_format_is_404(client):
    assert client.get("/maps/leads.xlsx").status_code == 404


def test_unknown_region_is_404(client):
    response = client.get("/maps/leads", params={"region": "atlantis"})
    assert response.status_code == 404
    assert response.json()["what"] == "region"


def test_unknown_entity_is_404_with_close_matches(client):
    response = client.get("/maps/neighbourhood", params={"entity": "west-yorkshir"})
    assert response.status_code == 404
    assert "west-yorkshire" in [s["id"] for s in response.json()["suggestions"]]


def test_bad_date_is_422_naming_as_of(client):
    response = client.get("/maps/leads.json", params={"as_of": "July 2018"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "as_of"]


def test_neighbourhood_data_without_entity_is_422(client):
    for path in ("/maps/neighbourhood.json", "/maps/neighbourhood/drawing"):
        response = client.get(path)
        assert response.status_code == 422
        assert response.json()["detail"][0]["loc"] == ["query", "entity"]


def test_neighbourhood_page_without_entity_goes_to_the_entity_picker(client):
    response = client.get("/maps/neighbourhood", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/maps#neighbourhood"
    assert 'id="neighbourhood"' in client.get("/maps").text


def test_drawing_is_what_the_page_draws(client):
    response = client.get("/maps/leads/drawing", params={"as_of": "2013"})
    assert response.status_code == 200
    drawing = response.json()
    assert "crasu" in {n["id"] for n in drawing["nodes"]}
    assert drawing["meta"]["as_of"] == "2013" and drawing["meta"]["served"] is True
    assert all("x" in n and "y" in n and "size" in n for n in drawing["nodes"])
    assert "2013" in drawing["dates"] and drawing["legend"]["kinds"]


def test_empty_map_is_a_page_that_says_why(client):
    response = client.get("/maps/leads", params={"as_of": "1990"})
    assert response.status_code == 200
    assert "Nothing to draw" in response.text and "as of 1990" in response.text


def test_index_lists_every_view(client):
    html = client.get("/maps").text
    for view in ("leads", "governance", "participation"):
        assert f'href="/maps/{view}"' in html
    # The neighbourhood needs an entity: the index offers a picker, not a bare link.
    assert 'action="/maps/open/neighbourhood"' in html and 'name="entity"' in html
    assert '<option value="staffordshire">' in html


def test_index_form_opens_the_neighbourhood_without_an_empty_date(client):
    # A browser sends the form's empty date field as as_of=; only filled fields go on.
    plain = client.get(
        "/maps/open/neighbourhood", params={"entity": "staffordshire", "as_of": ""},
        follow_redirects=False,
    )  # fmt: skip
    assert plain.status_code == 303
    assert plain.headers["location"] == "/maps/neighbourhood?entity=staffordshire"
    dated = client.get(
        "/maps/open/neighbourhood", params={"entity": "staffordshire", "as_of": "2013"},
        follow_redirects=False,
    )  # fmt: skip
    assert dated.headers["location"] == "/maps/neighbourhood?entity=staffordshire&as_of=2013"
    assert client.get(dated.headers["location"]).status_code == 200
