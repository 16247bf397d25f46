"""Withdrawal impact: what a force (with its PCC) leaving every collaboration would break.

Participants are counted as parties: a PCC counts as the force it oversees, so a force and
its PCC both taking part are one member. Without an as_of date the facts still open (no
end date) are used: the network as the documents last describe it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graphmodel.analysis.network import (
    ACTIVE,
    COLLABORATION_KINDS,
    LEAD_ROLES,
    Network,
    cite,
    fetch_network,
    find_entity,
)
from graphmodel.engine.base import Engine
from graphmodel.timeline import time_note

__all__ = ["withdrawal_impact", "impact_table"]


def _open_only(network: Network) -> None:
    ended = [
        (u, v, k) for u, v, k, d in network.graph.edges(keys=True, data=True) if d.get("valid_to")
    ]
    network.graph.remove_edges_from(ended)


def _members(network: Network, target: str) -> dict[str, list[dict[str, Any]]]:
    """{party: [its member PARTICIPATES_IN edges]} of a collaboration."""
    parties: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for edge in network.in_edges(target, "PARTICIPATES_IN"):
        if edge["status"] == ACTIVE:
            parties[network.party(edge["source"])].append(edge)
    return parties


def _collaboration(network: Network, target: str, leaving: set[str], force: str) -> dict[str, Any]:
    members = _members(network, target)
    ours = members.get(force, [])
    remaining = sorted(p for p in members if p != force)
    leads = [e for e in network.in_edges(target, "LEADS") if e["source"] in leaving]
    effects = []
    lost_lead = [e for e in leads if e["role"] in LEAD_ROLES]
    other_leads = [
        e
        for e in network.in_edges(target, "LEADS")
        if e["source"] not in leaving and e["role"] in LEAD_ROLES
    ]
    if lost_lead:
        effects.append("loses_lead" if not other_leads else "loses_a_lead")
    if any(e["role"] not in LEAD_ROLES for e in leads):
        effects.append("loses_role")
    if ours:
        effects.append("loses_member")
        if len(remaining) < 2 <= len(members):
            effects.append("below_two_members")
        elif len(remaining) < 3 <= len(members):
            effects.append("below_three_members")
    share = sum(float(e["cost_share"]) for e in ours if e.get("cost_share") is not None)
    if share:
        effects.append("loses_funding_share")
    edges = ours + leads
    return {
        "collaboration": network.brief(target),
        "effects": effects,
        "lost_roles": [
            {"role": e["role"], "by": network.brief(e["source"]), "sources": e["sources"]}
            for e in leads
        ],
        "remaining_leads": [
            {"role": e["role"], "by": network.brief(e["source"])} for e in other_leads
        ],
        "cost_share_lost": share or None,
        "members_before": len(members),
        "members_after": len(remaining),
        "remaining_members": [network.brief(p) for p in remaining],
        "sources": [s for e in edges for s in e["sources"]],
    }


def _board(network: Network, board: str, leaving: set[str]) -> dict[str, Any]:
    chairs = [e for e in network.in_edges(board, "CHAIRS") if e["source"] in leaving]
    seats = [e for e in network.in_edges(board, "MEMBER_OF") if e["source"] in leaving]
    members = {e["source"] for e in network.in_edges(board, "MEMBER_OF")}
    remaining = sorted(members - leaving)
    effects = (["loses_chair"] if chairs else []) + (["loses_members"] if seats else [])
    if seats and not remaining:
        effects.append("no_members_left")
    return {
        "board": network.brief(board),
        "effects": effects,
        "lost_chairs": [
            {"by": network.brief(e["source"]), "arrangement": e["arrangement"]} for e in chairs
        ],
        "lost_members": [network.brief(e["source"]) for e in seats],
        "members_before": len(members),
        "members_after": len(remaining),
        "remaining_members": [network.brief(m) for m in remaining],
        "sources": [s for e in chairs + seats for s in e["sources"]],
    }


def _oversight(network: Network) -> nx.DiGraph:
    """Governor -> governed: GOVERNS, COVERS, and the whole over its parts and reporters."""
    graph = nx.DiGraph()
    for edge in network.edges("GOVERNS", "COVERS"):
        graph.add_edge(edge["source"], edge["target"])
    for edge in network.edges("PART_OF", "REPORTS_TO"):
        graph.add_edge(edge["target"], edge["source"])
    return graph


def _governance(network: Network, leaving: set[str]) -> list[dict[str, Any]]:
    graph = _oversight(network)
    governors = {e["source"] for e in network.edges("GOVERNS")}
    kept = graph.subgraph(n for n in graph if n not in leaving)
    reach_after: set[str] = set()
    for root in governors - leaving:
        if root in kept:
            reach_after |= nx.descendants(kept, root)
    found = []
    for target in sorted({e["target"] for e in network.edges("GOVERNS") if e["source"] in leaving}):
        if target in leaving:
            continue
        lost = [e for e in network.in_edges(target, "GOVERNS") if e["source"] in leaving]
        others = [
            e["source"] for e in network.in_edges(target, "GOVERNS") if e["source"] not in leaving
        ]
        found.append(
            {
                "entity": network.brief(target),
                "lost_governors": [network.brief(e["source"]) for e in lost],
                "remaining_governors": [network.brief(g) for g in sorted(others)],
                "keeps_governance_path": target in reach_after,
                "sources": [s for e in lost for s in e["sources"]],
            }
        )
    return found


def withdrawal_impact(engine: Engine, force: str, as_of: str | None = None) -> dict[str, Any]:
    """What `force` and its PCC leaving would break, cited.

    {force, pccs, as_of, collaborations: [{collaboration, effects, lost_roles, remaining_leads,
    cost_share_lost, members_before, members_after, remaining_members, sources}], boards:
    [{board, effects, lost_chairs, lost_members, members_before, members_after,
    remaining_members, sources}], governance: [{entity, lost_governors, remaining_governors,
    keeps_governance_path, sources}], note}
    """
    force_row = find_entity(engine, force, ["force"], "force")
    network = fetch_network(engine, as_of)
    if not as_of:
        _open_only(network)
    pccs = sorted(e["source"] for e in network.in_edges(force_row["id"], "OVERSEES"))
    leaving = {force_row["id"], *pccs}
    targets: set[str] = set()
    boards: set[str] = set()
    for party in leaving:
        for edge in network.out_edges(party, "LEADS", "PARTICIPATES_IN"):
            if network.kind(edge["target"]) in COLLABORATION_KINDS and edge.get("status") in (
                None,
                ACTIVE,
            ):
                targets.add(edge["target"])
        boards |= {
            e["target"]
            for e in network.out_edges(party, "CHAIRS", "MEMBER_OF")
            if network.kind(e["target"]) == "board"
        }
    collaborations = [_collaboration(network, t, leaving, force_row["id"]) for t in sorted(targets)]
    collaborations.sort(key=lambda c: (-len(c["effects"]), c["collaboration"]["name"]))
    board_rows = [_board(network, b, leaving) for b in sorted(boards)]
    governance = _governance(network, leaving)
    note = None
    if not collaborations and not board_rows and not governance:
        when = f"at {as_of}" if as_of else "in the facts still open"
        note = (
            f"{force_row['name']} leads, takes part in, chairs or sits on nothing {when}, "
            "so its withdrawal touches nothing"
        )
    return {
        "force": force_row,
        "pccs": [network.brief(p) for p in pccs],
        "as_of": as_of or None,
        "collaborations": collaborations,
        "boards": board_rows,
        "governance": governance,
        "time": time_note(engine, as_of),
        "note": note,
    }


def impact_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per touched collaboration, board or governed entity, for CSV."""
    rows = []
    for c in result["collaborations"]:
        rows.append(
            {
                "section": "collaboration",
                "id": c["collaboration"]["id"],
                "name": c["collaboration"]["name"],
                "kind": c["collaboration"]["kind"],
                "effects": " ".join(c["effects"]),
                "lost_roles": "; ".join(f"{r['role']} ({r['by']['id']})" for r in c["lost_roles"]),
                "cost_share_lost": c["cost_share_lost"],
                "members_before": c["members_before"],
                "members_after": c["members_after"],
                "remaining": "; ".join(m["id"] for m in c["remaining_members"]),
                "sources": cite(c["sources"]),
            }
        )
    for b in result["boards"]:
        rows.append(
            {
                "section": "board",
                "id": b["board"]["id"],
                "name": b["board"]["name"],
                "kind": b["board"]["kind"],
                "effects": " ".join(b["effects"]),
                "lost_roles": "; ".join(f"chair ({c['by']['id']})" for c in b["lost_chairs"]),
                "cost_share_lost": None,
                "members_before": b["members_before"],
                "members_after": b["members_after"],
                "remaining": "; ".join(m["id"] for m in b["remaining_members"]),
                "sources": cite(b["sources"]),
            }
        )
    for g in result["governance"]:
        rows.append(
            {
                "section": "governance",
                "id": g["entity"]["id"],
                "name": g["entity"]["name"],
                "kind": g["entity"]["kind"],
                "effects": "loses_a_governor"
                + ("" if g["keeps_governance_path"] else " loses_governance_path"),
                "lost_roles": "; ".join(f"governor ({x['id']})" for x in g["lost_governors"]),
                "cost_share_lost": None,
                "members_before": None,
                "members_after": None,
                "remaining": "; ".join(x["id"] for x in g["remaining_governors"]),
                "sources": cite(g["sources"]),
            }
        )
    return rows
