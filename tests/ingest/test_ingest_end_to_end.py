"""A report nobody here wrote, from ingest to a cited answer: ingest, review, validate, load,
then /api/leads and /api/entities answer with the new document and its paragraph."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from graphmodel.cli import main
from graphmodel.engine.base import Engine
from graphmodel.loading import load_seed
from graphmodel.settings import Settings
from tests.ingest.conftest import DECISION

DOCUMENT = "derbyshire-pcc-2024-031"


def test_decision_record_is_ingested_reviewed_loaded_and_cited(
    runner: CliRunner,
    seed_copy: Path,
    tmp_path: Path,
    scratch_engine: Engine,
    settings: Settings,
) -> None:
    proposals = tmp_path / "decision.proposals.yaml"
    ingested = runner.invoke(
        main,
        ["ingest", str(DECISION), "--document", DOCUMENT, "--issuer", "derbyshire-pcc",
         "--title", "Decision Record 031/2024: East Midlands Digital Forensics Service",
         "--seed", str(seed_copy), "-o", str(proposals)],
    )  # fmt: skip
    assert ingested.exit_code == 0, ingested.output
    reviewed = runner.invoke(
        main, ["review", str(proposals), "--min-confidence", "0.6", "--seed", str(seed_copy)]
    )
    assert reviewed.exit_code == 0, reviewed.output
    validated = runner.invoke(main, ["validate", "--seed", str(seed_copy), "--json"])
    assert validated.exit_code == 0, validated.output

    load_seed(scratch_engine, seed_copy)
    from api.app import create_app

    with TestClient(create_app(settings, engine=scratch_engine)) as client:
        leads = client.get("/api/leads", params={"leader": "nottinghamshire"})
        assert leads.status_code == 200
        led = [r for r in leads.json()["results"] if r["target"]["id"] == "emdfs"]
        assert led and led[0]["role"] == "lead_force"
        assert {"document": DOCUMENT, "ref": "1.2"} in led[0]["sources"]

        by_text = client.get("/api/leads", params={"q": "EMDFS"})
        assert any(
            r["leader"]["id"] == "nottinghamshire"
            and {"document": DOCUMENT, "ref": "1.2"} in r["sources"]
            for r in by_text.json()["results"]
        )

        entity = client.get("/api/entities/emdfs").json()
        assert entity["name"] == "East Midlands Digital Forensics Service"
        assert "EMDFS" in entity["aliases"]
        declined = [
            r
            for r in entity["relationships"]
            if r["type"] == "PARTICIPATES_IN" and r["other"]["id"] == "northamptonshire"
        ]
        assert declined and declined[0]["status"] == "declined"
        assert declined[0]["sources"] == [{"document": DOCUMENT, "ref": "2.3"}]

        # the leads map draws the new fact, with its citation
        data = client.get("/maps/leads.json", params={"region": "east-midlands"}).json()
        links = [
            link
            for link in data["links"]
            if link["source"] == "nottinghamshire" and link["target"] == "emdfs"
        ]
        assert links and {"document": DOCUMENT, "ref": "1.2"} in links[0]["sources"]
