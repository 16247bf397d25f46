"""ETags, 304s and the answer cache, on the real engines: repeated requests do not reach
them, and a reload the app is not told of is seen within a second."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graphmodel.dataset import Dataset
from graphmodel.engine.base import Batch, Engine, ProgressCallback
from graphmodel.loading import load_dataset
from graphmodel.settings import Settings


class CountingEngine(Engine):
    """The engine under test, counting the statements read through it by name."""

    def __init__(self, inner: Engine) -> None:
        self.inner, self.kind, self.statements = inner, inner.kind, inner.statements
        self.reads: list[str] = []

    def read(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        self.reads.append(name)
        return self.inner.read(name, params)

    def write(self, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.inner.write(name, params)

    def run_readonly(self, text: str, params: Mapping[str, Any], timeout_ms: int, row_limit: int
                     ) -> tuple[list[str], list[dict[str, Any]], bool]:  # fmt: skip
        return self.inner.run_readonly(text, params, timeout_ms, row_limit)

    def replace_graph(self, batches: Iterable[Batch], total: int,
                      progress: ProgressCallback | None) -> None:  # fmt: skip
        self.inner.replace_graph(batches, total, progress)

    def ping(self) -> None:
        self.inner.ping()

    def describe(self) -> dict[str, Any]:
        return self.inner.describe()

    def close(self) -> None:
        """The inner engine belongs to its fixture."""


@pytest.fixture
def counted(scratch_engine: Engine, seed_dataset: Dataset) -> CountingEngine:
    """A counting view of a scratch graph holding the seed data."""
    load_dataset(scratch_engine, seed_dataset)
    return CountingEngine(scratch_engine)


@pytest.fixture
def counted_client(counted: CountingEngine) -> Iterator[TestClient]:
    """The app on the counting engine."""
    with TestClient(create_app(Settings(neo4j_uri=None), engine=counted)) as test_client:
        yield test_client


def test_get_answers_carry_etag_and_cache_control(client: TestClient) -> None:
    response = client.get("/api/entities/odyssey")
    assert response.status_code == 200
    assert response.headers["etag"].startswith('"')
    assert "must-revalidate" in response.headers["cache-control"]
    assert "public" in response.headers["cache-control"]
    assert response.headers["vary"] == "Accept"


def test_if_none_match_answers_304_without_a_body(client: TestClient) -> None:
    etag = client.get("/api/leads", params={"q": "NPAS"}).headers["etag"]
    again = client.get("/api/leads", params={"q": "NPAS"}, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == etag
    other = client.get("/api/leads", params={"q": "NPAS"}, headers={"If-None-Match": '"x"'})
    assert other.status_code == 200


def test_etags_differ_by_request_and_by_format(client: TestClient) -> None:
    tags = {
        client.get("/api/search", params={"q": "odyssey"}).headers["etag"],
        client.get("/api/search", params={"q": "emsou"}).headers["etag"],
        client.get("/api/search", params={"q": "odyssey", "format": "csv"}).headers["etag"],
        client.get("/api/search?q=odyssey", headers={"Accept": "text/csv"}).headers["etag"],
    }
    assert len(tags) == 4


def test_repeated_requests_do_not_reach_the_engine(
    counted: CountingEngine, counted_client: TestClient
) -> None:
    paths = ["/api/entities/odyssey", "/api/search?q=emsou", "/api/leads?q=NPAS",
             "/api/entities/no-such-thing", "/maps/leads"]  # fmt: skip
    first = [counted_client.get(p) for p in paths]
    counted.reads.clear()
    again = [counted_client.get(p) for p in paths]
    assert (
        [r.status_code for r in again] == [r.status_code for r in first] == [200] * 3 + [404, 200]
    )
    assert [r.content for r in again] == [r.content for r in first]
    assert [n for n in counted.reads if n != "graph_version"] == []


def test_a_reload_elsewhere_changes_every_etag_within_a_second(
    counted: CountingEngine, counted_client: TestClient, seed_dataset: Dataset
) -> None:
    paths = ["/api/entities/odyssey", "/api/search?q=emsou", "/api/documents"]
    before = [counted_client.get(p).headers["etag"] for p in paths]
    load_dataset(counted.inner, seed_dataset)  # the app is not told
    reloaded = time.monotonic()
    counted.reads.clear()
    while True:
        after = [counted_client.get(p).headers["etag"] for p in paths]
        if all(a != b for a, b in zip(after, before, strict=True)):
            break
        assert time.monotonic() - reloaded < 1.0, "the reload was not seen within a second"
        time.sleep(0.05)
    assert "entity_with_relationships" in counted.reads  # answered afresh from the new graph


def test_health_is_never_cached(client: TestClient) -> None:
    assert "etag" not in client.get("/readyz").headers
    assert "etag" not in client.get("/healthz").headers


def test_paged_lists_say_how_to_get_the_next_page(client: TestClient) -> None:
    first = client.get("/api/entities", params={"kind": "force", "limit": 10})
    body = first.json()
    assert body["total"] > 10 and "offset=10" in body["next"] and "kind=force" in body["next"]
    assert first.headers["link"] == f'<{body["next"]}>; rel="next"'
    second = client.get(body["next"]).json()
    assert second["offset"] == 10 and second["results"][0] != body["results"][0]
    last = client.get("/api/entities", params={"kind": "force", "offset": body["total"] - 1})
    assert last.json()["next"] is None and "link" not in last.headers
    csv_page = client.get("/api/documents/leics-pcp-2018-07-regional?limit=5&format=csv")
    assert 'rel="next"' in csv_page.headers["link"]
