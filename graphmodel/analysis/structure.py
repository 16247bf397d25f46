"""Structure: centrality rankings, bridges and articulation points (relationships and
entities whose loss splits the network), and communities found in the data compared
with the official police.uk regions.

The network analysed is undirected and simple: every relationship between two entities
except IN_REGION, with region entities left out (they would join everything to
everything and are what the communities are compared with).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx

from graphmodel.analysis.network import Network, cite, fetch_network
from graphmodel.engine.base import Engine
from graphmodel.errors import InvalidRequestError
from graphmodel.timeline import time_note

__all__ = ["network_structure", "centrality_scores", "structure_table", "MEASURES"]

MEASURES = ("degree", "betweenness")
EXACT_BETWEENNESS_LIMIT = 1000  # above this many nodes betweenness is estimated from a sample
SAMPLE = 200
SEED = 7


def undirected(network: Network) -> nx.Graph:
    """The simple undirected graph analysed; each edge lists the relationships behind it."""
    graph = nx.Graph()
    for node, data in network.graph.nodes(data=True):
        if data.get("kind") != "region":
            graph.add_node(node)
    for edge in network.edges():
        a, b = edge["source"], edge["target"]
        if edge["type"] == "IN_REGION" or a == b or a not in graph or b not in graph:
            continue
        if graph.has_edge(a, b):
            graph[a][b]["facts"].append(edge)
        else:
            graph.add_edge(a, b, facts=[edge])
    return graph


def _centrality(graph: nx.Graph) -> tuple[dict[str, float], dict[str, float], bool]:
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    sampled = len(graph) > EXACT_BETWEENNESS_LIMIT
    k = min(SAMPLE, len(graph)) if sampled else None
    betweenness = nx.betweenness_centrality(graph, k=k, seed=SEED)
    return degree, betweenness, sampled


def _cut_pieces(graph: nx.Graph) -> dict[str, list[int]]:
    """{articulation point: sizes of the pieces its removal leaves}, from the block-cut tree.

    One pass over the biconnected components instead of a search per cut point: in the
    rooted block-cut tree a cut point's pieces are its child blocks' subtrees plus,
    unless it is the root, everything outside its own subtree.
    """
    cuts = set(nx.articulation_points(graph))
    tree = nx.Graph()
    weight: dict[Any, int] = {}
    for index, block in enumerate(nx.biconnected_components(graph)):
        node = ("block", index)
        weight[node] = len(block - cuts)
        for cut in block & cuts:
            tree.add_edge(node, ("cut", cut))
    for cut in cuts:
        weight[("cut", cut)] = 1
    pieces: dict[str, list[int]] = {}
    for component in nx.connected_components(tree):
        root = next(iter(component))
        total = sum(weight[n] for n in component)
        order = list(nx.dfs_preorder_nodes(tree, root))
        parent = dict(nx.dfs_predecessors(tree, root))
        below = {n: weight[n] for n in order}
        for node in reversed(order):
            if node in parent:
                below[parent[node]] += below[node]
        for node in order:
            if node[0] != "cut":
                continue
            sizes = [below[child] for child in tree[node] if parent.get(child) == node]
            if node in parent:
                sizes.append(total - below[node])
            pieces[node[1]] = sorted(sizes, reverse=True)
    return pieces


def _articulation(graph: nx.Graph, network: Network, top: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = [
        {
            "entity": network.brief(node),
            "pieces": len(sizes),
            "nodes_cut_off": sum(sizes[1:]),
            "largest_piece": sizes[0],
        }
        for node, sizes in _cut_pieces(graph).items()
    ]
    found.sort(key=lambda a: (-a["nodes_cut_off"], -a["pieces"], a["entity"]["id"]))
    return found[:top]


def _bridges(graph: nx.Graph, network: Network, top: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for a, b in list(nx.bridges(graph)):
        if graph.degree(a) == 1 or graph.degree(b) == 1:
            continue  # a lone leaf hanging off the network: every such edge is a bridge
        facts = graph[a][b]["facts"]
        graph.remove_edge(a, b)  # put back below; cheaper than a copy per bridge
        sides = sorted(
            (len(nx.node_connected_component(graph, a)), len(nx.node_connected_component(graph, b)))
        )
        graph.add_edge(a, b, facts=facts)
        found.append(
            {
                "a": network.brief(a),
                "b": network.brief(b),
                "types": sorted({f["type"] for f in facts}),
                "smaller_side": sides[0],
                "larger_side": sides[1],
                "sources": [s for f in facts for s in f["sources"]],
            }
        )
    found.sort(key=lambda x: (-x["smaller_side"], x["a"]["id"], x["b"]["id"]))
    return found[:top]


def _communities(
    graph: nx.Graph, network: Network
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float | None]:
    """(communities, regions, purity): Louvain communities of the connected entities (a
    lone entity is not a community) set against police.uk regions."""
    if graph.number_of_edges() == 0:
        return [], [], None
    connected = graph.subgraph(n for n in graph if graph.degree(n) > 0)
    found = nx.community.louvain_communities(connected, seed=SEED)
    region_of: dict[str, str | None] = {
        f: next(iter(network.regions_of(f)), None) for f in network.of_kind("force")
    }
    communities: list[dict[str, Any]] = []
    placed: dict[str, int] = {}
    agreeing = 0
    for index, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c))), 1):
        forces = sorted(m for m in members if network.kind(m) == "force")
        tally = Counter(region_of.get(f) or "(none)" for f in forces)
        dominant, count = tally.most_common(1)[0] if tally else (None, 0)
        agreeing += count
        for force in forces:
            placed[force] = index
        communities.append(
            {
                "community": index,
                "size": len(members),
                "forces": [network.brief(f) for f in forces],
                "regions": dict(tally),
                "dominant_region": dominant,
                "purity": round(count / len(forces), 4) if forces else None,
            }
        )
    by_region: dict[str, list[str]] = {}
    for force, region in region_of.items():
        if force in placed and region:
            by_region.setdefault(region, []).append(force)
    regions = [
        {
            "region": network.brief(region),
            "forces": len(forces),
            "communities": sorted({placed[f] for f in forces}),
        }
        for region, forces in sorted(by_region.items())
    ]
    purity = round(agreeing / len(placed), 4) if placed else None
    return communities, regions, purity


def network_structure(engine: Engine, as_of: str | None = None, top: int = 20) -> dict[str, Any]:
    """Centrality, bridges, articulation points and communities of the network at as_of.

    {as_of, nodes, edges, components, centrality: [{rank, id, name, kind, degree, betweenness}],
    betweenness_sampled, articulation_points: [{entity, pieces, nodes_cut_off, largest_piece}],
    bridges: [{a, b, types, smaller_side, larger_side, sources}], communities: [{community,
    size, forces, regions, dominant_region, purity}], regions: [{region, forces,
    communities}], region_purity, note}
    """
    if not 1 <= top <= 1000:
        raise InvalidRequestError("top", "between 1 and 1000")
    network = fetch_network(engine, as_of)
    graph = undirected(network)
    degree, betweenness, sampled = _centrality(graph)
    ranked = sorted(graph, key=lambda n: (-betweenness[n], -degree[n], n))[:top]
    communities, regions, purity = _communities(graph, network)
    note = None
    if graph.number_of_edges() == 0:
        note = (
            "no relationships hold"
            + (f" at {as_of}" if as_of else "")
            + ": there is no network to analyse"
        )
    return {
        "as_of": as_of or None,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "components": nx.number_connected_components(graph) if len(graph) else 0,
        "centrality": [
            {
                "rank": i,
                **network.brief(n),
                "degree": round(degree[n], 4),
                "betweenness": round(betweenness[n], 4),
            }
            for i, n in enumerate(ranked, 1)
        ],
        "betweenness_sampled": sampled,
        "articulation_points": _articulation(graph, network, top),
        "bridges": _bridges(graph, network, top),
        "communities": communities,
        "regions": regions,
        "region_purity": purity,
        "time": time_note(engine, as_of),
        "note": note,
    }


def centrality_scores(
    engine: Engine, measure: str = "betweenness", as_of: str | None = None
) -> dict[str, float]:
    """{entity_id: centrality} of every entity in the analysed network, for maps."""
    if measure not in MEASURES:
        raise InvalidRequestError("measure", f"one of {', '.join(MEASURES)}")
    graph = undirected(fetch_network(engine, as_of))
    degree, betweenness, _ = _centrality(graph)
    return degree if measure == "degree" else betweenness


def structure_table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat rows (section: centrality, articulation_point, bridge, community), for CSV."""
    rows: list[dict[str, Any]] = []
    blank = {
        "rank": None,
        "id": None,
        "name": None,
        "kind": None,
        "value": None,
        "detail": None,
        "sources": "",
    }
    for c in result["centrality"]:
        detail = f"degree {c['degree']}"
        rows.append(
            {
                **blank,
                "section": "centrality",
                **{k: c[k] for k in ("rank", "id", "name", "kind")},
                "value": c["betweenness"],
                "detail": detail,
            }
        )
    for i, a in enumerate(result["articulation_points"], 1):
        detail = f"{a['pieces']} pieces; largest {a['largest_piece']}"
        rows.append(
            {
                **blank,
                "section": "articulation_point",
                "rank": i,
                **a["entity"],
                "value": a["nodes_cut_off"],
                "detail": detail,
            }
        )
    for i, b in enumerate(result["bridges"], 1):
        rows.append(
            {
                **blank,
                "section": "bridge",
                "rank": i,
                "id": f"{b['a']['id']}|{b['b']['id']}",
                "name": f"{b['a']['name']} | {b['b']['name']}",
                "kind": " ".join(b["types"]),
                "value": b["smaller_side"],
                "detail": f"sides {b['smaller_side']}/{b['larger_side']}",
                "sources": cite(b["sources"]),
            }
        )
    for c in result["communities"]:
        regions = "; ".join(f"{r}: {n}" for r, n in c["regions"].items())
        rows.append(
            {
                **blank,
                "section": "community",
                "rank": c["community"],
                "id": str(c["community"]),
                "name": c["dominant_region"],
                "kind": "community",
                "value": c["size"],
                "detail": f"forces {', '.join(f['id'] for f in c['forces'])}; regions {regions}",
            }
        )
    return [{"section": r.pop("section"), **r} for r in rows]
