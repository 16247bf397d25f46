"""Lead-force concentration: what each force (and PCC) leads or hosts, by role, and its
share of its region's and of the national collaborations."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphmodel.analysis.network import (
    ACTIVE,
    COLLABORATION_KINDS,
    LEAD_ROLES,
    Network,
    cite,
    fetch_network,
    find_entity,
    find_region,
)
from graphmodel.engine.base import Engine
from graphmodel.timeline import time_note

__all__ = ["lead_concentration", "concentration_scores", "concentration_table"]

LEADERS = ("force", "pcc")


def _involved(network: Network, leaders: set[str]) -> set[str]:
    """Collaborations that any of `leaders` leads or is a member of."""
    found = set()
    for leader in leaders:
        for edge in network.out_edges(leader, "LEADS", "PARTICIPATES_IN"):
            if edge["type"] == "PARTICIPATES_IN" and edge["status"] != ACTIVE:
                continue
            if network.kind(edge["target"]) in COLLABORATION_KINDS:
                found.add(edge["target"])
    return found


def _scope(network: Network, region: str | None) -> tuple[set[str], set[str]]:
    """(leaders, collaborations) of a region, or of the whole network when region is None."""
    if region is None:
        leaders = set(network.of_kind(*LEADERS))
        return leaders, _involved(network, leaders)
    forces = network.region_forces(region)
    pccs = network.pccs_of(forces) | {
        e["source"]
        for e in network.in_edges(region, "IN_REGION", "MEMBER_OF")
        if network.kind(e["source"]) == "pcc"
    }
    leaders = forces | pccs
    placed = {
        e["source"]
        for e in network.in_edges(region, "IN_REGION")
        if network.kind(e["source"]) in COLLABORATION_KINDS
    }
    return leaders, _involved(network, leaders) | placed


def _leader_entry(
    network: Network, leader: str, scope: set[str], national: set[str]
) -> dict[str, Any]:
    roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in sorted(network.out_edges(leader, "LEADS"), key=lambda e: (e["role"], e["target"])):
        roles[edge["role"]].append(
            {**network.brief(edge["target"]), "note": edge["note"], "sources": edge["sources"]}
        )
    led = {t["id"] for targets in roles.values() for t in targets}
    lead_or_host = {t["id"] for role in LEAD_ROLES for t in roles.get(role, [])}
    return {
        "leader": network.brief(leader),
        "leads": len(led & scope),
        "lead_or_host": len(lead_or_host & scope),
        "share": round(len(led & scope) / len(scope), 4) if scope else 0.0,
        "lead_or_host_share": round(len(lead_or_host & scope) / len(scope), 4) if scope else 0.0,
        "national_leads": len(led),
        "national_share": round(len(led & national) / len(national), 4) if national else 0.0,
        "roles": dict(sorted(roles.items())),
    }


def lead_concentration(
    engine: Engine, region: str | None = None, force: str | None = None, as_of: str | None = None
) -> dict[str, Any]:
    """What each force and PCC leads, ranked.

    {as_of, region: {id, name, kind} | None, collaborations (in scope), national_collaborations,
    results: [{rank, leader, leads, lead_or_host, share, lead_or_host_share, national_leads,
    national_share, roles: {role: [{id, name, kind, note, sources}]}}], note}
    """
    region_row = find_region(engine, region) if region else None
    leader_row = find_entity(engine, force, LEADERS, "force or PCC") if force else None
    network = fetch_network(engine, as_of)
    all_leaders, national = _scope(network, None)
    leaders, scope = _scope(network, region_row["id"] if region_row else None)
    if leader_row:
        leaders = {leader_row["id"]} & set(network.graph.nodes)
    entries = [_leader_entry(network, leader, scope, national) for leader in leaders]
    entries = [e for e in entries if e["national_leads"]]
    entries.sort(
        key=lambda e: (-e["leads"], -e["lead_or_host"], -e["national_leads"], e["leader"]["id"])
    )
    for rank, entry in enumerate(entries, 1):
        entry["rank"] = rank
    note = None
    if not entries:
        where = f" in {region_row['name']}" if region_row else ""
        who = f"{leader_row['name']} leads" if leader_row else "no force or PCC leads"
        when = f" at {as_of}" if as_of else ""
        note = (
            f"{who} nothing{where}{when}: no LEADS relationship from it holds then"
            if leader_row
            else f"{who} anything{where}{when}: the graph holds no LEADS relationship from one"
        )
    return {
        "as_of": as_of or None,
        "region": region_row,
        "collaborations": len(scope),
        "national_collaborations": len(national),
        "results": entries,
        "time": time_note(engine, as_of),
        "note": note,
    }


def concentration_scores(
    engine: Engine, region: str | None = None, as_of: str | None = None
) -> dict[str, float]:
    """{entity_id: share of the (region's or national) collaborations it leads}, for maps."""
    result = lead_concentration(engine, region=region, as_of=as_of)
    return {e["leader"]["id"]: float(e["share"]) for e in result["results"]}


def concentration_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per (leader, role, collaboration), for CSV."""
    rows = []
    for entry in result["results"]:
        for role, targets in entry["roles"].items():
            for target in targets:
                rows.append(
                    {
                        "rank": entry["rank"],
                        "leader_id": entry["leader"]["id"],
                        "leader_name": entry["leader"]["name"],
                        "leader_kind": entry["leader"]["kind"],
                        "leads": entry["leads"],
                        "share": entry["share"],
                        "lead_or_host": entry["lead_or_host"],
                        "national_share": entry["national_share"],
                        "role": role,
                        "target_id": target["id"],
                        "target_name": target["name"],
                        "target_kind": target["kind"],
                        "sources": cite(target["sources"]),
                    }
                )
    return rows
