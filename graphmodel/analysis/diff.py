"""Change over time: the difference between the network at two dates.

Each side is the set of facts holding at its date (graphmodel.timeline's one as_of rule).
What holds at `to` and not at `from` is split by how its start is known: *started* (a
stated or inferred start between the dates) or *first reported* (no start is stated; the
documents first show it holding between them, by a first report or a held_by date, so it
may be much older). A relationship
whose own start is stated earlier but that appears only because one of its ends is first
reported later counts as first reported too.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphmodel.analysis.network import LEAD_ROLES, Network, cite, fetch_network
from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.timeline import as_of_bounds, as_of_params, period_start, time_note

__all__ = ["network_diff", "diff_table"]


def _entity(network: Network, entity_id: str) -> dict[str, Any]:
    row = network.entity(entity_id)
    keep = (
        "id",
        "name",
        "kind",
        "valid_from",
        "valid_to",
        "from_basis",
        "to_basis",
        "from_note",
        "sources",
    )
    return {k: row.get(k) for k in keep}


def _relationship(network: Network, other: Network, edge: dict[str, Any]) -> dict[str, Any]:
    def brief(entity_id: str) -> dict[str, str]:
        return network.brief(entity_id) if entity_id in network.graph else other.brief(entity_id)

    keep = (
        "id",
        "type",
        "role",
        "status",
        "cost_share",
        "valid_from",
        "valid_to",
        "from_basis",
        "to_basis",
        "note",
        "sources",
    )
    return {
        **{k: edge.get(k) for k in keep},
        "source": brief(edge["source"]),
        "target": brief(edge["target"]),
    }


def _leaders(network: Network) -> dict[str, dict[str, dict[str, Any]]]:
    """{collaboration: {leader: LEADS edge}} for lead and host roles."""
    found: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for edge in network.edges("LEADS"):
        if edge["role"] in LEAD_ROLES:
            found[edge["target"]][edge["source"]] = edge
    return found


def _lead_changes(before: Network, after: Network) -> list[dict[str, Any]]:
    old, new = _leaders(before), _leaders(after)
    changes = []
    for target in sorted(set(old) & set(new)):
        if set(old[target]) != set(new[target]):
            edges = list(old[target].values()) + list(new[target].values())
            changes.append(
                {
                    "collaboration": after.brief(target),
                    "before": [
                        {**before.brief(s), "role": e["role"]}
                        for s, e in sorted(old[target].items())
                    ],
                    "after": [
                        {**after.brief(s), "role": e["role"]}
                        for s, e in sorted(new[target].items())
                    ],
                    "sources": [s for e in edges for s in e["sources"]],
                }
            )
    return changes


def _statuses(engine: Engine, date: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in engine.read("analysis_statuses", as_of_params(date)):
        found[row["entity"]].append(row)
    return found


def _status_changes(
    engine: Engine, before: Network, after: Network, dates: tuple[str, str]
) -> list[dict[str, Any]]:
    old, new = _statuses(engine, dates[0]), _statuses(engine, dates[1])
    changes = []
    known = set(before.graph.nodes)  # a new entity's first status is not a change
    for entity in sorted((set(old) | set(new)) & known):
        was = sorted({r["status"] for r in old.get(entity, [])})
        now = sorted({r["status"] for r in new.get(entity, [])})
        if was != now:
            rows = old.get(entity, []) + new.get(entity, [])
            brief = after.brief(entity) if entity in after.graph else before.brief(entity)
            changes.append(
                {
                    "entity": brief,
                    "before": was,
                    "after": now,
                    "sources": [s for r in rows for s in r["sources"]],
                }
            )
    return changes


def _participation_changes(before: Network, after: Network) -> list[dict[str, Any]]:
    def statuses(network: Network) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
        found: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
        for edge in network.edges("PARTICIPATES_IN"):
            found[(edge["source"], edge["target"])][edge["status"]] = edge
        return found

    old, new = statuses(before), statuses(after)
    changes = []
    for key in sorted(set(old) & set(new)):
        if set(old[key]) != set(new[key]):
            edges = list(old[key].values()) + list(new[key].values())
            changes.append(
                {
                    "participant": after.brief(key[0]),
                    "collaboration": after.brief(key[1]),
                    "before": sorted(old[key]),
                    "after": sorted(new[key]),
                    "sources": [s for e in edges for s in e["sources"]],
                }
            )
    return changes


def _handovers(engine: Engine, ended: set[str], span: tuple[str, str]) -> list[dict[str, Any]]:
    found = []
    for row in engine.read("analysis_successions"):
        since = row["valid_from"] or ""
        if row["source"] in ended or (since and span[0] < since <= span[1]):
            found.append(
                {
                    "from": {"id": row["source"], "name": row["source_name"]},
                    "to": {"id": row["target"], "name": row["target_name"]},
                    "since": row["valid_from"],
                    "note": row["note"],
                    "sources": row["sources"],
                }
            )
    return found


def _started(item: dict[str, Any], after: str, ends: list[dict[str, Any]] | None = None) -> bool:
    """Whether `item` (and each of `ends`) has a stated or inferred start after `after`
    or earlier: False when any of them is known only from its first report."""
    for fact in [item, *(ends or [])]:
        if fact.get("from_basis") not in ("stated", "inferred"):
            if fact is item or (period_start(fact.get("valid_from")) or "") > after:
                return False
    return (period_start(item.get("valid_from")) or "") > after


def network_diff(engine: Engine, date_from: str | None, date_to: str | None) -> dict[str, Any]:
    """What started, ended, changed status or lead between the networks at two dates.

    {from, to, summary: {...counts}, entities_started, entities_first_reported, entities_ended,
    relationships_started, relationships_first_reported, relationships_ended, lead_changes,
    status_changes, participation_changes, handovers, note (only when nothing changed),
    first_reported_note (what appears only because it is first reported), time: {from, to}}
    """
    start_a, end_a = as_of_bounds(date_from, "from")
    start_b, end_b = as_of_bounds(date_to, "to")
    if start_a is None or end_a is None:
        raise InvalidRequestError("from", "give the earlier date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if start_b is None or end_b is None:
        raise InvalidRequestError("to", "give the later date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if start_a > start_b:
        raise InvalidRequestError("from", f"{date_from} is after to={date_to}")
    assert date_from is not None and date_to is not None
    before = fetch_network(engine, date_from, "from")
    after = fetch_network(engine, date_to, "to")
    old_ids, new_ids = set(before.graph.nodes), set(after.graph.nodes)
    ended = old_ids - new_ids
    handovers = _handovers(engine, ended, (end_a, end_b))
    succeeded: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for h in handovers:
        succeeded[h["from"]["id"]].append(h)
    old_edges = {d["id"]: d for d in before.edges()}
    new_edges = {d["id"]: d for d in after.edges()}
    appeared = [_entity(after, e) for e in sorted(new_ids - old_ids)]
    new_rels = [
        _relationship(after, before, new_edges[i]) for i in sorted(set(new_edges) - set(old_edges))
    ]

    def ends(rel: dict[str, Any]) -> list[dict[str, Any]]:
        return [after.entity(rel["source"]["id"]), after.entity(rel["target"]["id"])]

    result: dict[str, Any] = {
        "from": date_from,
        "to": date_to,
        "entities_started": [e for e in appeared if _started(e, end_a)],
        "entities_first_reported": [e for e in appeared if not _started(e, end_a)],
        "entities_ended": [
            {**_entity(before, e), "succeeded_by": succeeded.get(e, [])} for e in sorted(ended)
        ],
        "relationships_started": [r for r in new_rels if _started(r, end_a, ends(r))],
        "relationships_first_reported": [r for r in new_rels if not _started(r, end_a, ends(r))],
        "relationships_ended": [
            _relationship(before, after, old_edges[i])
            for i in sorted(set(old_edges) - set(new_edges))
        ],
        "lead_changes": _lead_changes(before, after),
        "status_changes": _status_changes(engine, before, after, (date_from, date_to)),
        "participation_changes": _participation_changes(before, after),
        "handovers": handovers,
    }
    sections = [k for k in result if k not in ("from", "to")]
    result["summary"] = {k: len(result[k]) for k in sections}
    result["note"] = None
    if not any(result["summary"].values()):
        result["note"] = (
            f"the networks at {date_from} and {date_to} hold the same facts: "
            "nothing started, ended or changed"
        )
    result["first_reported_note"] = None
    if result["entities_first_reported"] or result["relationships_first_reported"]:
        result["first_reported_note"] = (
            f"{len(result['entities_first_reported'])} entities and "
            f"{len(result['relationships_first_reported'])} relationships appear by {date_to} "
            f"only because the documents first show them after {date_from}: their start is "
            "not stated, so they may be older (entities_first_reported, "
            "relationships_first_reported); entities_started and relationships_started have a "
            "stated or inferred start between the dates"
        )
    result["time"] = {"from": time_note(engine, date_from), "to": time_note(engine, date_to)}
    return result


def diff_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per change, for CSV."""
    rows: list[dict[str, Any]] = []

    def add(
        change: str, ident: str, name: str, kind: str, detail: str, date: str | None, sources: Any
    ) -> None:
        rows.append(
            {
                "change": change,
                "id": ident,
                "name": name,
                "kind": kind,
                "detail": detail,
                "date": date,
                "sources": cite(sources),
            }
        )

    for label in ("entities_started", "entities_first_reported"):
        for e in result[label]:
            add(
                "entity_" + label.split("_", 1)[1],
                e["id"],
                e["name"],
                e["kind"],
                f"from ({e['from_basis']})",
                e["valid_from"],
                e["sources"],
            )
    for e in result["entities_ended"]:
        after = "; ".join(f"succeeded by {h['to']['id']}" for h in e["succeeded_by"])
        add("entity_ended", e["id"], e["name"], e["kind"], after, e["valid_to"], e["sources"])
    for label in ("relationships_started", "relationships_first_reported", "relationships_ended"):
        for r in result[label]:
            extra = r["role"] or r["status"] or ""
            detail = f"{r['source']['id']} {r['type']} {r['target']['id']}" + (
                f" ({extra})" if extra else ""
            )
            date = r["valid_to"] if label.endswith("ended") else r["valid_from"]
            add(
                "relationship_" + label.split("_", 1)[1],
                r["id"],
                r["target"]["name"],
                r["type"],
                detail,
                date,
                r["sources"],
            )
    for c in result["lead_changes"]:
        detail = (
            f"{', '.join(x['id'] for x in c['before'])} -> {', '.join(x['id'] for x in c['after'])}"
        )
        add(
            "lead_changed",
            c["collaboration"]["id"],
            c["collaboration"]["name"],
            c["collaboration"]["kind"],
            detail,
            None,
            c["sources"],
        )
    for c in result["status_changes"]:
        detail = f"{', '.join(c['before']) or '-'} -> {', '.join(c['after']) or '-'}"
        add(
            "status_changed",
            c["entity"]["id"],
            c["entity"]["name"],
            c["entity"]["kind"],
            detail,
            None,
            c["sources"],
        )
    for c in result["participation_changes"]:
        detail = f"{c['participant']['id']}: {', '.join(c['before'])} -> {', '.join(c['after'])}"
        add(
            "participation_changed",
            c["collaboration"]["id"],
            c["collaboration"]["name"],
            c["collaboration"]["kind"],
            detail,
            None,
            c["sources"],
        )
    for h in result["handovers"]:
        add(
            "handover",
            h["from"]["id"],
            h["from"]["name"],
            "SUCCEEDED_BY",
            f"to {h['to']['id']}",
            h["since"],
            h["sources"],
        )
    return rows
