"""The query service over HTTP on the seed graph: the analysts' questions, each cited."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient


def _cited(item: dict) -> bool:  # type: ignore[type-arg]
    return bool(item["sources"]) and all(s["document"] and s["ref"] for s in item["sources"])


def test_search_finds_by_abbreviation_best_first(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "WYP"}).json()
    assert body["results"][0]["id"] == "west-yorkshire"
    assert set(body["results"][0]) >= {"id", "name", "kind", "aliases"}


def test_search_finds_odyssey_as_the_yath_rocu(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "odyssey"}).json()["results"][0]
    assert first["id"] == "odyssey" and "ROCU" in first["aliases"]


def test_entity_has_the_contract_shape_and_cited_relationships(client: TestClient) -> None:
    body = client.get("/api/entities/odyssey").json()
    assert {"id", "name", "kind", "aliases", "properties", "relationships"} <= set(body)
    leads = [r for r in body["relationships"] if r["type"] == "LEADS" and r["direction"] == "in"]
    assert any(r["other"]["id"] == "west-yorkshire" and r["role"] == "lead_force" for r in leads)
    assert all(_cited(r) for r in body["relationships"])


def test_unknown_entity_answers_404_with_close_matches(client: TestClient) -> None:
    response = client.get("/api/entities/odysey")
    assert response.status_code == 404
    body = response.json()
    assert "odysey" in body["detail"]
    assert any(s["id"] == "odyssey" for s in body["suggestions"])


def test_esmcp_workstream_leads(client: TestClient) -> None:
    sy = client.get(
        "/api/leads", params={"leader": "south-yorkshire", "role": "workstream_lead"}
    ).json()["results"]
    ny = client.get(
        "/api/leads", params={"leader": "north-yorkshire", "role": "workstream_lead"}
    ).json()["results"]
    sy_names = " ".join(r["target"]["name"].lower() for r in sy)
    ny_names = " ".join(r["target"]["name"].lower() for r in ny)
    assert "training" in sy_names and "devices" in sy_names
    assert "coverage" in ny_names and "non-standard" in ny_names
    assert all(_cited(r) for r in sy + ny)


def test_leads_by_text_lists_operational_and_finance_leads_of_em_legal_services(
    client: TestClient,
) -> None:
    results = client.get("/api/leads", params={"q": "EM Legal Services"}).json()["results"]
    roles = {
        r["role"]: r["leader"]["name"]
        for r in results
        if r["target"]["id"] == "em-s22-legal-services"
    }
    assert "Craig Sutherland" in roles["operational_lead"]
    assert "Derbyshire" in roles["finance_lead"]
    assert all(_cited(r) for r in results)


def test_shared_hr_service_centre_participation(client: TestClient) -> None:
    body = client.get("/api/participation/em-s22-shared-hr-service-centre").json()
    assert set(body["by_status"]["member"]) == {"derbyshire", "leicestershire"}
    assert set(body["by_status"]["not_participating"]) == {
        "lincolnshire",
        "northamptonshire",
        "nottinghamshire",
    }
    assert all(_cited(p) for p in body["participants"])


def test_governance_of_underwater_search_unit_names_the_board_and_its_chairs(
    client: TestClient,
) -> None:
    body = client.get("/api/governance/yath-underwater-search-unit").json()
    board = body["governed_by"][0]["board"]
    assert board["id"] == "yath-regional-collaboration-board"
    assert {c["arrangement"] for c in board["chairs"]} == {"rotating"}
    assert len(board["chairs"]) == 4 and all(_cited(c) for c in board["chairs"])


def test_crasu_steering_group_members(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "CRASU steering"}).json()["results"]
    group = client.get(f"/api/entities/{hits[0]['id']}").json()
    members = {r["other"]["name"] for r in group["relationships"] if r["type"] == "MEMBER_OF"}
    assert any("Collins" in m for m in members) and any("Cann" in m for m in members)


def test_esn_delay_cost_to_wyp(client: TestClient) -> None:
    figures = client.get("/api/money", params={"force": "west-yorkshire", "kind": "cost"}).json()[
        "figures"
    ]
    assert any(f["amount"] == 8_640_000 and f["currency"] == "GBP" and _cited(f) for f in figures)


def test_east_midlands_savings_never_summed_across_periods(client: TestClient) -> None:
    body = client.get("/api/money", params={"region": "east-midlands", "kind": "saving"}).json()
    amounts = {f["amount"] for f in body["figures"]}
    assert {70_000_000, 13_700_000} <= amounts
    by_id = {f["id"]: f for f in body["figures"]}
    for total in body["totals"]:
        added = [by_id[i] for i in total["adds"]]
        keys = {(f["kind"], f["currency"], f["period"], f["basis"], f["cash"]) for f in added}
        assert len(keys) <= 1 and total["total"] == sum(f["amount"] for f in added)
    assert body["not_addable"]


def test_humberside_is_connected_to_npas_with_every_hop_cited(client: TestClient) -> None:
    body = client.get("/api/connections", params={"from": "humberside", "to": "npas"}).json()
    assert body["paths"]
    for path in body["paths"]:
        assert path[0]["from"]["id"] == "humberside" and path[-1]["to"]["id"] == "npas"
        assert all(_cited(hop) for hop in path)


def test_national_agreements_of_em_forces_with_hosts(client: TestClient) -> None:
    body = client.get("/api/entities/derbyshire/involvement").json()
    national = [r for r in body["takes_part"] if r["collaboration"]["kind"] == "agreement"]
    assert len(national) >= 10


def test_blue_light_champions_evaluator(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Blue Light Champions"}).json()["results"]
    pilot = client.get(f"/api/entities/{hits[0]['id']}").json()
    evaluators = [r["other"]["id"] for r in pilot["relationships"] if r["type"] == "EVALUATES"]
    assert "university-of-leeds" in evaluators


def test_as_of_2013_has_crasu_under_cmpg_and_2020_does_not(client: TestClient) -> None:
    def leads_crasu(as_of: str) -> bool:
        rels = client.get("/api/entities/cmpg", params={"as_of": as_of}).json()["relationships"]
        return any(r["other"]["id"] == "crasu" for r in rels)

    assert leads_crasu("2013")
    assert not leads_crasu("2020")


def test_documents_list_and_facts(client: TestClient) -> None:
    docs = client.get("/api/documents").json()["results"]
    assert len(docs) == 6
    body = client.get("/api/documents/wy-pcc-2020-10-letter", params={"limit": 5}).json()
    assert body["total"] > 5 and len(body["facts"]) == 5 and all(f["ref"] for f in body["facts"])


def test_entity_list_pages_by_kind_and_region(client: TestClient) -> None:
    first = client.get(
        "/api/entities", params={"kind": "force", "region": "east-midlands", "limit": 2}
    ).json()
    second = client.get(
        "/api/entities",
        params={"kind": "force", "region": "east-midlands", "limit": 2, "offset": 2},
    ).json()
    assert first["total"] == 5 and len(first["results"]) == 2
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}


def test_csv_by_parameter_and_by_accept_header(client: TestClient) -> None:
    by_param = client.get("/api/leads", params={"leader": "west-yorkshire", "format": "csv"})
    by_header = client.get(
        "/api/leads", params={"leader": "west-yorkshire"}, headers={"Accept": "text/csv"}
    )
    for response in (by_param, by_header):
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows and {"leader_id", "role", "target_id", "target_name", "sources"} <= set(rows[0])
        assert all(r["sources"] for r in rows)


def test_home_page_links_docs_and_maps_and_entity_links_its_map(client: TestClient) -> None:
    page = client.get("/").text
    assert 'href="/docs"' in page and 'href="/maps"' in page and "http" not in page
    assert client.get("/api/entities/npas").json()["map"] == "/maps/neighbourhood?entity=npas"


def test_readyz_reports_counts(client: TestClient) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ready" and body["entities"] >= 150 and body["unsourced"] == 0


def test_entity_answer_holds_every_relationship_in_both_directions(
    client: TestClient, engine
) -> None:  # type: ignore[no-untyped-def]
    for entity_id in ("west-yorkshire", "crasu", "yath-regional-collaboration-board"):
        body = client.get(f"/api/entities/{entity_id}").json()
        rows = engine.read(
            "entity_relationships",
            {"id": entity_id, "as_of_start": None, "as_of_end": None, "as_of_unstated": []},
        )
        assert len(body["relationships"]) == len(rows)
        assert {r["direction"] for r in body["relationships"]} == {r["direction"] for r in rows}


def test_collaborations_west_midlands_did_not_progress_and_why(client: TestClient) -> None:
    body = client.get(
        "/api/entities", params={"status": "not_progressed", "region": "west-midlands"}
    ).json()
    found = {r["id"]: r for r in body["results"]}
    assert "wm-vehicle-recovery-collaboration" in found
    assert "revenue" in found["wm-vehicle-recovery-collaboration"]["note"]
    assert all(r["status"] == "not_progressed" and r["sources"] for r in body["results"])
