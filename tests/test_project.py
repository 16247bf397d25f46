"""Project files that have no code of their own: docker-compose.yml and the CI entry."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_runs_neo4j_526_with_auth_volume_healthcheck_and_the_api() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    tested = re.search(
        r"<neo4j.version>([^<]+)</neo4j.version>", (ROOT / "neo4j-launcher" / "pom.xml").read_text()
    )
    assert tested and neo4j["image"] == f"neo4j:{tested.group(1)}-community"  # what the tests run
    assert "NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert any(v.endswith(":/data") for v in neo4j["volumes"])
    assert "healthcheck" in neo4j
    api = compose["services"]["api"]
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "collabgraph serve" in " ".join(api["command"])


def test_ci_runs_the_readme_test_command() -> None:
    assert "./dev.sh test" in (ROOT / ".ci" / "run").read_text()
    assert "./dev.sh test" in (ROOT / "README.md").read_text()
