"""Search by any name, through the engine's full-text index (and the scan for the rest)."""

from __future__ import annotations

import pytest

from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.search import search, search_tokens


def test_tokens_drop_stop_words_and_single_letters() -> None:
    assert search_tokens("The Chief Constables' Board of X") == ["chief", "constables", "board"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Notts", "nottinghamshire"),
        ("WYP", "west-yorkshire"),
        ("odyssey", "odyssey"),
        ("RSSU", "rsss"),
        ("CTU", "ctpne"),
        ("regional scientific", "rsss"),
        ("north east collaboration board", "necb"),
    ],
)
def test_search_finds_by_name_abbreviation_or_alias_best_first(
    engine: Engine, text: str, expected: str
) -> None:
    results = search(engine, text)
    assert results[0]["id"] == expected, [r["id"] for r in results[:5]]
    assert results[0]["sources"]


def test_word_prefixes_match(engine: Engine) -> None:
    ids = [r["id"] for r in search(engine, "yorks", 50)]
    assert {"west-yorkshire", "south-yorkshire", "north-yorkshire"} <= set(ids)


def test_query_of_only_short_or_stop_words_still_answers(engine: Engine) -> None:
    assert search(engine, "a", 5)  # answered by the scan over names


def test_empty_and_over_long_queries_are_refused(engine: Engine) -> None:
    with pytest.raises(InvalidRequestError):
        search(engine, "   ")
    with pytest.raises(InvalidRequestError):
        search(engine, "x" * 500)


def test_leads_by_text_with_and_without_indexable_words(engine: Engine) -> None:
    from graphmodel.leads import leads_matching

    indexed = leads_matching(engine, "Odyssey")
    assert any(r["leader"]["id"] == "west-yorkshire" and r["role"] == "lead_force" for r in indexed)
    scanned = leads_matching(engine, "a")  # no word the index takes: matched by scan first
    assert isinstance(scanned, list) and all(r["sources"] for r in scanned)
