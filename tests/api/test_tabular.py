"""Every list endpoint answers CSV under one fixed header, whatever the rows.

The list endpoints are found from the app's routes (they document `x-csv-columns`), so a new
one cannot escape: it must be given cases here, or be named as not a list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graphmodel.engine.falkordb import FalkorDBEngine
from graphmodel.settings import Settings
from graphmodel.tables import COLUMNS

# GET routes under /api that answer one object or a file, not a list.
NOT_LISTS = {
    "/api/noop",
    "/api/entities/{id}",
    "/api/governance/{id}",
    "/api/analysis/scores",
    "/api/exports/flowchart/{root}",
    "/api/exports/register/{region}",
    "/api/exports/national-register",
}

# path -> (a full answer, the same filtered to nothing, another empty answer on the seed graph)
CASES: dict[str, tuple[str, str, str]] = {
    "/api/search": ("/api/search?q=yorkshire", "/api/search?q=yorkshire zzqx", "/api/search?q=qqzzxx"),
    "/api/entities": ("/api/entities?limit=1000", "/api/entities?kind=force&status=not_progressed",
                      "/api/entities?offset=100000"),
    "/api/entities/{id}/involvement": ("/api/entities/west-yorkshire/involvement",
                                       "/api/entities/west-yorkshire/involvement?as_of=1900",
                                       "/api/entities/dyfed-powys/involvement"),
    "/api/leads": ("/api/leads?leader=west-yorkshire", "/api/leads?leader=west-yorkshire&as_of=1900",
                   "/api/leads?q=qqzzxx"),
    "/api/participation/{id}": ("/api/participation/em-s22-emopss",
                                "/api/participation/em-s22-emopss?as_of=1900",
                                "/api/participation/em-s22-emopss?status=withdrawn"),
    "/api/documents": ("/api/documents", "/api/documents", "/api/documents"),
    "/api/documents/{id}": ("/api/documents/leics-pcp-2018-07-regional",
                            "/api/documents/leics-pcp-2018-07-regional?offset=100000",
                            "/api/documents/leics-pcp-2018-07-regional?offset=999999"),
    "/api/money": ("/api/money", "/api/money?region=yorkshire-and-the-humber&kind=budget",
                   "/api/money?entity=cleveland"),
    "/api/connections": ("/api/connections?from=humberside&to=npas",
                         "/api/connections?from=humberside&to=npas&max_hops=1",
                         "/api/connections?from=humberside&to=humberside"),
    "/api/analysis/concentration": ("/api/analysis/concentration",
                                    "/api/analysis/concentration?as_of=1900",
                                    "/api/analysis/concentration?force=cleveland&as_of=1900"),
    "/api/analysis/impact": ("/api/analysis/impact?force=leicestershire",
                             "/api/analysis/impact?force=leicestershire&as_of=1900",
                             "/api/analysis/impact?force=cleveland&as_of=1900"),
    "/api/analysis/overlap": ("/api/analysis/overlap", "/api/analysis/overlap?as_of=1900",
                              "/api/analysis/overlap?region=wales&as_of=1900"),
    "/api/analysis/structure": ("/api/analysis/structure", "/api/analysis/structure?as_of=1900",
                                "/api/analysis/structure?as_of=1800"),
    "/api/analysis/diff": ("/api/analysis/diff?from=2013&to=2020",
                           "/api/analysis/diff?from=2013&to=2013",
                           "/api/analysis/diff?from=1900&to=1901"),
    "/api/analysis/benefits": ("/api/analysis/benefits", "/api/analysis/benefits?force=cleveland",
                               "/api/analysis/benefits?region=wales"),
}  # fmt: skip


# Lists that have rows on any graph that has forces (every force, scored) or documents.
ALWAYS_ROWS = {"/api/documents", "/api/analysis/structure"}


def _list_routes() -> dict[str, list[str]]:
    """{path: documented CSV columns} of every GET operation the app serves under /api/."""
    schema = create_app(Settings(neo4j_uri=None)).openapi()
    found = {}
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get or not path.startswith("/api/"):
            continue
        columns = get.get("x-csv-columns")
        if columns:
            found[path] = columns
        else:
            assert path in NOT_LISTS, (
                f"{path}: a list endpoint must document its CSV columns (api.tabular.list_route)"
                " or be named in NOT_LISTS"
            )
    return found


LIST_ROUTES = _list_routes()


def _rows(response_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response_text)))


def test_every_list_endpoint_has_cases() -> None:
    assert set(LIST_ROUTES) == set(CASES)


def test_documented_columns_are_the_tables() -> None:
    assert all(columns in map(list, COLUMNS.values()) for columns in LIST_ROUTES.values())
    assert all(
        columns[-1] in ("sources", "ref", "relationships") for columns in LIST_ROUTES.values()
    )
    assert not any("citations" in columns for columns in LIST_ROUTES.values())


@pytest.mark.parametrize("path", sorted(CASES))
def test_csv_header_is_fixed(client: TestClient, path: str) -> None:
    full, filtered, empty = CASES[path]
    headers = []
    for url, expect_rows in ((full, True), (filtered, False), (empty, False)):
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}format=csv")
        assert response.status_code == 200, (url, response.text[:300])
        assert response.headers["content-type"].startswith("text/csv")
        rows = _rows(response.text)
        headers.append(rows[0])
        if url != full and path not in ALWAYS_ROWS:
            assert len(rows) == 1, (url, rows[:3])
        elif expect_rows:
            assert len(rows) > 1, url
    assert headers[0] == headers[1] == headers[2] == LIST_ROUTES[path]


@pytest.mark.parametrize("path", sorted(CASES))
def test_accept_text_csv_answers_the_same_csv(client: TestClient, path: str) -> None:
    full = CASES[path][0]
    by_header = client.get(full, headers={"Accept": "text/csv"})
    separator = "&" if "?" in full else "?"
    by_parameter = client.get(f"{full}{separator}format=csv")
    assert by_header.headers["content-type"].startswith("text/csv")
    assert by_header.text == by_parameter.text


@pytest.fixture
def empty_client(scratch_engine: FalkorDBEngine) -> Iterator[TestClient]:
    """The app over an empty graph."""
    with TestClient(create_app(Settings(neo4j_uri=None), engine=scratch_engine)) as test_client:
        yield test_client


def test_an_empty_graph_answers_the_same_headers(empty_client: TestClient) -> None:
    for path in ("/api/search?q=emsou", "/api/entities", "/api/documents", "/api/money",
                 "/api/analysis/concentration", "/api/analysis/overlap",
                 "/api/analysis/structure"):  # fmt: skip
        response = empty_client.get(path + ("&" if "?" in path else "?") + "format=csv")
        assert response.status_code == 200, (path, response.text)
        assert _rows(response.text) == [LIST_ROUTES[path.split("?")[0]]]


def test_docs_list_every_endpoints_csv_header() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    for path, columns in LIST_ROUTES.items():
        assert f"| `{path}` | `{','.join(columns)}` |" in text, path
