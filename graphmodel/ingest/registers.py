"""Finding a section 22 register inside a report, to hand to the register import.

``find_registers(report, gazetteer)`` returns the report's tables that are registers: a
collaboration column and two or more force columns (a header may span two rows, as
converted reports often have "Participating Forces" over the force names). Each becomes a
RegisterProposal whose header the register import (`graphmodel.exports.importing`)
understands; `write_csv` writes it for `import_register`.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from graphmodel.ingest.mentions import Gazetteer
from graphmodel.ingest.paragraphs import Report, Table
from graphmodel.neutralise import spreadsheet_text

__all__ = ["RegisterProposal", "find_registers", "write_csv"]

_ACTIVITY = re.compile(r"activit|agreement|collaborat|function|service|name", re.IGNORECASE)
_LEADS = [
    ("PCC lead", re.compile(r"\bpcc|commissioner", re.IGNORECASE)),
    ("Chief officer lead", re.compile(r"chief officer|chief constable", re.IGNORECASE)),
    ("Operational lead", re.compile(r"operational", re.IGNORECASE)),
    ("Finance lead", re.compile(r"financ", re.IGNORECASE)),
    ("Comment", re.compile(r"comment|note", re.IGNORECASE)),
]
_CELL_STATUS = re.compile(
    r"^(?:np|tbc|n/?a|no|yes|y|member|proposed|withdrawn|\u2713|\u2714|x)?$", re.IGNORECASE
)


@dataclass
class RegisterProposal:
    """A register table of the report, in the shape the register import reads."""

    label: str
    region: str
    header: list[str]
    rows: list[list[str]]
    blank_member: bool
    confidence: float


def _header(table: Table) -> tuple[list[str], int]:
    """The table's header cells and how many rows it spans (1 or 2)."""
    first = table.rows[0]
    if len(table.rows) > 1 and not table.rows[1][0].strip():
        second = table.rows[1]
        width = max(len(first), len(second))
        merged = [
            (second[i] if i < len(second) and second[i].strip() else "")
            or (first[i] if i < len(first) else "")
            for i in range(width)
        ]
        return merged, 2
    return first, 1


def _register(table: Table, gazetteer: Gazetteer) -> RegisterProposal | None:
    if len(table.rows) < 3:
        return None
    header, skip = _header(table)
    activity = next((i for i, h in enumerate(header) if _ACTIVITY.search(h)), None)
    forces: dict[int, str] = {}
    for index, cell in enumerate(header):
        entity = gazetteer.lookup(cell) if cell.strip() else None
        if entity and gazetteer.entities[entity].kind == "force":
            forces[index] = entity
    if activity is None or len(forces) < 2:
        return None
    regions = Counter(gazetteer.region_of_force.get(f, "") for f in forces.values())
    region, _ = regions.most_common(1)[0]
    if not region:
        return None
    columns: list[tuple[int, str]] = [(activity, "Activity")]
    columns += [(i, f) for i, f in forces.items()]
    taken = {"Activity"}
    for index, cell in enumerate(header):
        if index in forces or index == activity:
            continue
        name = next((n for n, pattern in _LEADS if pattern.search(cell)), None)
        if name and name not in taken:
            taken.add(name)
            columns.append((index, name))
    rows: list[list[str]] = []
    values: Counter[str] = Counter()
    for cells in table.rows[skip:]:
        get = [cells[i].strip() if i < len(cells) else "" for i, _ in columns]
        if (
            not get[0]
            or not any(get[1:])
            and all(
                not (cells[i].strip() if i < len(cells) else "")
                for i in range(len(cells))
                if i != activity
            )
        ):
            continue  # a section title row ("Section 22a agreements")
        if not all(_CELL_STATUS.match(get[k]) for k in range(1, len(forces) + 1)):
            continue  # a row whose force cells are not participation marks (a split row)
        values.update(get[k].lower() for k in range(1, len(forces) + 1))
        rows.append(get)
    if not rows:
        return None
    # ticks lost in conversion: only blanks and NP/Tbc left means blank is "takes part"
    blank_member = not any(v in ("y", "yes", "member", "\u2713", "\u2714", "x") for v in values)
    return RegisterProposal(
        table.label, region, [name for _, name in columns], rows, blank_member, 0.7
    )


def find_registers(report: Report, gazetteer: Gazetteer) -> list[RegisterProposal]:
    """The report's tables that are section 22 registers."""
    found = [_register(table, gazetteer) for table in report.tables]
    return [r for r in found if r is not None]


def write_csv(register: RegisterProposal, path: Path) -> Path:
    """Write the register as a CSV the register import reads; returns `path`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        # neutralised as every CSV the product writes; the import reads the cells back exactly
        writer.writerow([spreadsheet_text(c) for c in register.header])
        writer.writerows([spreadsheet_text(c) for c in row] for row in register.rows)
    return path
