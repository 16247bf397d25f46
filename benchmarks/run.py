"""Run every benchmark in one go and write benchmarks/RESULTS.md.

    .venv/bin/python -m benchmarks.run            # seed graph, 1k, 10k, 100k entities
    .venv/bin/python -m benchmarks.run --quick    # a smoke run: seed graph and 1k, shorter

Everything runs on a private embedded FalkorDB in a temporary directory (nothing else is
touched). Each figure is printed as it is measured, beside its baseline from the same run;
the table is then written to RESULTS.md. Maps, analyses, console and ingest benchmarks
(benchmarks/maps_bench.py, benchmarks/analysis_bench.py, benchmarks/console_bench.py,
benchmarks/ingest_bench.py) run afterwards when present.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Results, Row, machine, side_engine, start_engine  # noqa: E402
from benchmarks.http_bench import bench_http  # noqa: E402
from benchmarks.load_bench import bench_load  # noqa: E402
from benchmarks.query_bench import bench_queries  # noqa: E402
from graphmodel.loading import load_dataset  # noqa: E402
from graphmodel.settings import DEFAULT_SEED_DIR, REPO_ROOT  # noqa: E402
from graphmodel.synth import write_synthetic  # noqa: E402

__all__ = ["main", "run"]

RESULTS_FILE = Path(__file__).resolve().parent / "RESULTS.md"
EXTRAS = (
    "benchmarks.maps_bench",
    "benchmarks.analysis_bench",
    "benchmarks.console_bench",
    "benchmarks.ingest_bench",
    "benchmarks.engines_bench",  # both engines side by side (writes benchmarks/ENGINES.md)
)
EXTRA_TIMEOUT = 300
EXTRA_TIMEOUTS = {"benchmarks.engines_bench": 2400}


def _label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


def run(sizes: list[int], quick: bool, work: Path, results: Results, http_sizes: set[str]) -> None:
    """Every core benchmark at the seed size and at each synthetic size, into `results`."""
    cap, reps, seconds = (1000, 30, 1.5) if quick else (10_000, 200, 5.0)
    engine = start_engine(work / "falkordb")
    try:
        dataset = seed_dataset = bench_load(engine, DEFAULT_SEED_DIR, "seed", results, cap)
        seed_graph = side_engine(engine, "bench_seed")
        load_dataset(seed_graph, dataset, str(DEFAULT_SEED_DIR))  # stays for the growth ratios
        bench_queries(engine, dataset, "seed", results, reps)
        if "seed" in http_sizes:
            bench_http(engine, dataset, "seed", results, seconds)
        for size in sizes:
            label = _label(size)
            started = time.perf_counter()
            report = write_synthetic(work / f"synth-{label}", size, seed=1)
            results.add(
                Row(
                    "synth",
                    label,
                    "generate (collabgraph synth)",
                    time.perf_counter() - started,
                    "s",
                    note=f"{report.entities:,} entities, {report.relationships:,} relationships",
                )
            )
            dataset = bench_load(engine, report.out_dir, label, results, cap)
            bench_queries(engine, dataset, label, results, reps, (seed_graph, seed_dataset))
            if label in http_sizes:
                bench_http(engine, dataset, label, results, seconds)
            del dataset
    finally:
        engine._db.connection.flushall()  # nothing worth saving at shutdown
        engine.close()


def run_extras(quick: bool, work: Path, results: Results) -> None:
    """The maps, analyses and console benchmarks, when their modules exist; their output kept
    verbatim."""
    env = {**os.environ, "COLLABGRAPH_DATA_DIR": str(work / "extras-data")}
    for module in EXTRAS:
        if importlib.util.find_spec(module) is None:
            results.notes.append(f"{module} is not present: skipped.")
            continue
        args = [sys.executable, "-m", module, *(["--repeat", "1"] if quick else [])]
        print(f"[extras] running {' '.join(args[1:])}", flush=True)
        started = time.perf_counter()
        try:
            done = subprocess.run(
                args,
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=EXTRA_TIMEOUTS.get(module, EXTRA_TIMEOUT),
            )
            output, code = done.stdout + done.stderr[-2000:], done.returncode
        except subprocess.TimeoutExpired as exc:
            partial = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            output, code = (
                f"{partial}\n(timed out after {EXTRA_TIMEOUTS.get(module, EXTRA_TIMEOUT)} s)",
                -1,
            )
        print(output, flush=True)
        results.sections.append(
            (f"{module} ({time.perf_counter() - started:.0f} s, exit {code})", output)
        )


def write_results(path: Path, results: Results, command: str, seconds: float) -> None:
    """RESULTS.md: machine, command, the table, notes and the extras' output."""
    text = [
        "# Benchmark results",
        "",
        f"Generated by `{command}` on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC "
        f"in {seconds / 60:.1f} minutes.",
        "",
        f"Machine: {machine()}.",
        "",
        results.markdown(),
    ]
    text += [f"- {note}" for note in results.notes]
    for title, body in results.sections:
        text += ["", f"## {title}", "", "```", body.strip(), "```"]
    path.write_text("\n".join(text) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; 0 when they ran (missed aims are reported, not failures)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: seed graph and 1k, short timings"
    )
    parser.add_argument(
        "--sizes", help="comma-separated synthetic sizes (default 1000,10000,100000)"
    )
    parser.add_argument(
        "--http-sizes", help="graphs to drive over HTTP (default: seed and the largest)"
    )
    parser.add_argument(
        "--no-extras", action="store_true", help="skip the maps and analyses benchmarks"
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=RESULTS_FILE, help="where to write RESULTS.md"
    )
    args = parser.parse_args(argv)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([1000] if args.quick else [1000, 10_000, 100_000])
    )
    http_sizes = (
        set(args.http_sizes.split(",")) if args.http_sizes else {"seed", _label(max(sizes))}
    )
    results = Results()
    results.notes += [
        "load: figures are entities per second of the whole load; ratios are baseline time / "
        "loader time (same rows, same server, each into a graph of its own, each with the "
        "Entity.id index).",
        "load: the real loader's time includes building rows, the file digest, the schema and "
        "the rename; validation (read_dataset) is timed separately and not included.",
        "queries: ratios are the p50 at that size / the p50 on the seed graph (kept loaded beside "
        "it and queried in alternation, 10 calls each).",
        "http: ratios are the endpoint's requests per second / the no-op endpoint's (same app, "
        "same server, same run). cold: the answer cache off, every request reaches the engine; "
        "warm: the same requests repeated with the cache on. Set NEO4J_URI to drive a loaded "
        "Neo4j database instead of the private FalkorDB.",
    ]
    started = time.perf_counter()
    command = (
        "python -m benchmarks.run"
        + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip()
    )
    with tempfile.TemporaryDirectory(prefix="collabgraph-bench-") as tmp:
        run(sizes, args.quick, Path(tmp), results, http_sizes)
        if not args.no_extras:
            run_extras(args.quick, Path(tmp), results)
    elapsed = time.perf_counter() - started
    write_results(args.output, results, command.strip(), elapsed)
    print(f"\n{results.markdown()}\nwrote {args.output} ({elapsed / 60:.1f} minutes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
