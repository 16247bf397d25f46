"""How long a map takes to generate and to draw: the seed map and a 2,000-node synthetic map.

Prints, in one run, for each: the time to build the page (query + networkx + HTML) and the
time headless Chromium takes to draw and stabilise it (until <body data-map-ready>), and
the ratio of the large map's times to the seed map's. Run from the repository root:

    .venv/bin/python benchmarks/maps_bench.py [--nodes 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphmodel.dataset import read_dataset  # noqa: E402
from graphmodel.engine.falkordb import EmbeddedFalkorDB  # noqa: E402
from graphmodel.loading import load_dataset  # noqa: E402
from graphmodel.maps import MapQuery, map_graph, render_page  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR  # noqa: E402

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def synthetic_graph(nodes: int, seed: int = 7) -> nx.MultiDiGraph:
    """A national-looking participation network of about `nodes` entities: 43 forces and
    their PCCs, the rest collaborations each joined by 2 to 6 forces of mostly one region."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(
        view="participation",
        title="Synthetic national network",
        description="",
        subtitle="",
        as_of=None,
        region=None,
        entity=None,
        empty_reason="",
        hierarchical=False,
        documents={},
    )
    regions = [[f"force-{r}-{i}" for i in range(rng.randint(4, 7))] for r in range(9)]
    forces = [f for region in regions for f in region][:43]
    source = [{"document": "synthetic", "ref": "1"}]

    def node(node_id: str, kind: str) -> None:
        name = node_id.replace("-", " ").title()
        graph.add_node(
            node_id,
            name=name,
            kind=kind,
            aliases=[],
            status="live",
            valid_from="2018",
            valid_to=None,
            properties={},
            sources=source,
            weight=0,
        )

    for force in forces:
        node(force, "force")
        node(f"{force}-pcc", "pcc")
        graph.add_edge(f"{force}-pcc", force, key=f"o-{force}", type="OVERSEES", sources=source)
    kinds = ["unit", "programme", "agreement", "workstream", "board"]
    statuses = ["member"] * 8 + ["not_participating", "proposed", "withdrawn", "to_be_confirmed"]
    for i in range(nodes - 2 * len(forces)):
        collab = f"collaboration-{i}"
        node(collab, rng.choice(kinds))
        region = rng.choice(regions)
        members = rng.sample(region, min(len(region), rng.randint(2, 6)))
        if rng.random() < 0.15:
            members.append(rng.choice(forces))
        for j, force in enumerate(dict.fromkeys(m for m in members if m in forces)):
            graph.add_edge(
                force,
                collab,
                key=f"p-{i}-{j}",
                type="PARTICIPATES_IN",
                status=rng.choice(statuses),
                sources=source,
            )
    for n in graph:
        graph.nodes[n]["weight"] = graph.degree(n)
    return graph


def draw_seconds(browser, html: str) -> tuple[float, int]:
    """Seconds from opening the page to <body data-map-ready>, and the nodes it drew."""
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    try:
        start = time.perf_counter()
        page.goto(Path(f.name).as_uri())
        page.wait_for_selector("body[data-map-ready]", state="attached", timeout=120_000)
        seconds = time.perf_counter() - start
        return seconds, int(page.get_attribute("body", "data-rendered-nodes") or -1)
    finally:
        page.close()
        Path(f.name).unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as data_dir:
        engine = EmbeddedFalkorDB(Path(data_dir))
        try:
            load_dataset(engine, read_dataset(DEFAULT_SEED_DIR), str(DEFAULT_SEED_DIR))
            seed_make, seed_html, seed_graph = [], "", None
            for _ in range(args.repeat):
                start = time.perf_counter()
                seed_graph = map_graph(engine, MapQuery("participation"))
                seed_html = render_page(seed_graph)
                seed_make.append(time.perf_counter() - start)
        finally:
            engine.close()
    big_make, big_html = [], ""
    big_graph = synthetic_graph(args.nodes)
    for _ in range(args.repeat):
        start = time.perf_counter()
        big_html = render_page(synthetic_graph(args.nodes))
        big_make.append(time.perf_counter() - start)

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        seed_draw = [draw_seconds(browser, seed_html) for _ in range(args.repeat)]
        big_draw = [draw_seconds(browser, big_html) for _ in range(args.repeat)]
        browser.close()

    assert seed_graph is not None
    rows = [
        ("seed participation map", seed_graph, seed_make, seed_draw, len(seed_html)),
        (f"synthetic {args.nodes}-node map", big_graph, big_make, big_draw, len(big_html)),
    ]
    print(f"median of {args.repeat} runs; draw = headless Chromium until drawn and stabilised")
    print(f"{'map':<28}{'nodes':>7}{'edges':>7}{'page KB':>9}{'generate s':>12}{'draw s':>9}")
    medians = []
    for label, graph, make, draw, size in rows:
        m, d = statistics.median(make), statistics.median(s for s, _ in draw)
        assert all(n == graph.number_of_nodes() for _, n in draw), (
            "page drew a different number of nodes"
        )
        medians.append((m, d))
        print(
            f"{label:<28}{graph.number_of_nodes():>7}{graph.number_of_edges():>7}"
            f"{size // 1024:>9}{m:>12.3f}{d:>9.2f}"
        )
    (sm, sd), (bm, bd) = medians
    print(f"ratio large/seed: generate {bm / sm:.1f}x, draw {bd / sd:.1f}x")


if __name__ == "__main__":
    main()
