"""Time each network analysis on the seed graph and on a 2,000-entity synthetic network.

    .venv/bin/python benchmarks/analysis_bench.py [--entities 2000] [--seed 0]

Prints, per analysis, the seconds on the seed graph, on the synthetic graph, and their
ratio (the baseline is the seed run in the same process, so machines compare fairly).
Each analysis runs against the embedded FalkorDB started here, in a temporary directory.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphmodel import analysis  # noqa: E402
from graphmodel.dataset import read_dataset  # noqa: E402
from graphmodel.engine.base import Engine  # noqa: E402
from graphmodel.engine.falkordb import EmbeddedFalkorDB, FalkorDBEngine  # noqa: E402
from graphmodel.loading import load_dataset  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR  # noqa: E402
from graphmodel.synth import write_synthetic  # noqa: E402

ANALYSES: dict[str, Callable[[Engine], Any]] = {
    "concentration": lambda e: analysis.lead_concentration(e, region="west-midlands"),
    "impact": lambda e: analysis.withdrawal_impact(e, "staffordshire"),
    "overlap": lambda e: analysis.force_overlap(e),
    "structure": lambda e: analysis.network_structure(e),
    "diff": lambda e: analysis.network_diff(e, "2013", "2020"),
    "benefits": lambda e: analysis.benefits_ledger(e),
}


def timed(engine: Engine, run: Callable[[Engine], Any], repeat: int) -> float:
    """The median seconds of `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(engine)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Load both graphs, time every analysis on each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synth_dir = Path(tmp) / "synthetic"
        write_synthetic(synth_dir, entities=args.entities, seed=args.seed)
        with EmbeddedFalkorDB(Path(tmp) / "db", graph="bench_seed") as seed_engine:
            load_dataset(seed_engine, read_dataset(DEFAULT_SEED_DIR), "seed")
            synth = FalkorDBEngine(
                "127.0.0.1", seed_engine.port, graph="bench_synth", password=seed_engine.password
            )
            report = load_dataset(synth, read_dataset(synth_dir), "synthetic")
            print(
                f"seed graph vs synthetic graph ({report.entities} entities, "
                f"{report.relationships} relationships)"
            )
            print(f"{'analysis':<15}{'seed s':>10}{'synthetic s':>14}{'ratio':>9}")
            for name, run in ANALYSES.items():
                base = timed(seed_engine, run, args.repeat)
                big = timed(synth, run, args.repeat)
                print(f"{name:<15}{base:>10.3f}{big:>14.3f}{big / base:>8.1f}x")
            synth.close()


if __name__ == "__main__":
    main()
