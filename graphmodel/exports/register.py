"""The section 22 register of a region (Appendix A) and the national register (Appendix B).

``build_register(engine, region)`` returns a ``Register``: one row per agreement of the
region's register (``register`` property on `agreement` entities), one column per force
of the region with its participation, the PCC, chief officer, operational and finance
leads, the comment, participants from outside the region, and each row's citation.
A register stated by several documents (an imported edition, say) is read one edition at
a time: the latest by default, or the one `document` names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphmodel.engine.base import Engine
from graphmodel.errors import NotFoundError
from graphmodel.exports.dating import LATEST_SOURCE, as_of_latest_source
from graphmodel.exports.flowchart import short_label
from graphmodel.timeline import as_of_params, time_note

__all__ = [
    "REGISTER_FORMATS",
    "STATUS_LABELS",
    "LEAD_ROLES",
    "LEAD_HEADERS",
    "NATIONAL_REGISTER",
    "Lead",
    "RegisterRow",
    "Register",
    "build_register",
    "build_national_register",
    "resolve_region",
]

REGISTER_FORMATS = ("csv", "xlsx", "html")
NATIONAL_REGISTER = "national-s22"
STATUS_LABELS = {
    "member": "Member",
    "not_participating": "NP",
    "to_be_confirmed": "Tbc",
    "proposed": "Proposed",
    "withdrawn": "Withdrawn",
    "former": "Former",
    "declined": "Declined",
}
LEAD_ROLES = ("pcc_lead", "chief_officer_lead", "operational_lead", "finance_lead")
LEAD_HEADERS = {
    "pcc_lead": "PCC lead",
    "chief_officer_lead": "Chief officer lead",
    "operational_lead": "Operational lead",
    "finance_lead": "Finance lead",
}
_NATIONAL_LEAD_ROLES = ("host", "lead_force", "lead_policing_body")


@dataclass(frozen=True)
class Lead:
    """A leader named in a register cell."""

    id: str
    label: str
    kind: str


@dataclass
class RegisterRow:
    """One activity (agreement) of a register."""

    row: int | None
    activity: str
    agreement_id: str
    section: str = ""
    statuses: dict[str, str | None] = field(default_factory=dict)  # force id -> status
    leads: dict[str, list[Lead]] = field(default_factory=dict)  # role -> leaders
    lead_cells: dict[str, str] = field(default_factory=dict)  # role -> text printed with no lead
    comment: str = ""
    others: list[tuple[Lead, str]] = field(default_factory=list)  # outside the region, status
    purpose: str = ""
    sources: list[tuple[str, str]] = field(default_factory=list)

    def lead_text(self, role: str) -> str:
        """The cell for a lead role: the leaders' names, or what the register printed."""
        leaders = self.leads.get(role) or []
        if leaders:
            return "; ".join(lead.label for lead in leaders)
        return self.lead_cells.get(role, "")

    def status_text(self, force: str) -> str:
        """The participation cell of a force: Member, NP, Tbc, ... or blank when not stated."""
        status = self.statuses.get(force)
        return STATUS_LABELS.get(status, status) if status else ""

    def others_text(self) -> str:
        """Participants from outside the region: 'Cheshire Constabulary (Member)'."""
        return "; ".join(f"{lead.label} ({STATUS_LABELS.get(s, s)})" for lead, s in self.others)

    def sources_text(self) -> str:
        """The row's citations: 'document: ref; ...'."""
        return "; ".join(f"{doc}: {ref}" for doc, ref in self.sources)


@dataclass
class Register:
    """A register ready to render: its scope, edition, columns and rows."""

    kind: str  # "regional" or "national"
    register: str
    region_id: str | None
    region_name: str
    as_of: str
    edition: str | None
    forces: list[tuple[str, str]]  # (id, name) of the region's forces, in column order
    rows: list[RegisterRow]
    documents: list[dict[str, Any]] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    time_note: str | None = None  # what the as_of rule left out (graphmodel.timeline)
    as_of_basis: str = ""  # why this date, when nobody asked for one

    @property
    def title(self) -> str:
        """The register's title, saying its scope, edition and date."""
        if self.kind == "national":
            what = "National section 22 agreements"
            if self.region_id:
                what += f" (participation of {self.region_name})"
        else:
            what = f"{self.region_name} section 22 register"
        edition = f", edition {self.edition}" if self.edition else ""
        basis = f" ({self.as_of_basis})" if self.as_of_basis else ""
        return f"{what}{edition}, as of {self.as_of}{basis}"

    def header(self, include_sources: bool = True) -> list[str]:
        """The column headings."""
        if self.kind == "national":
            columns = ["Row", "Agreement", "Host or lead", "Purpose"]
            columns += [name for _, name in self.forces]
        else:
            columns = ["Row", "Section", "Activity", *(name for _, name in self.forces)]
            columns += [LEAD_HEADERS[r] for r in LEAD_ROLES] + ["Comments", "Other participants"]
        return columns + (["Source"] if include_sources else [])

    def status_columns(self) -> range:
        """The indexes of the participation columns."""
        start = 4 if self.kind == "national" else 3
        return range(start, start + len(self.forces))

    def cells(self, row: RegisterRow, include_sources: bool = True) -> list[str]:
        """One row's cells, as text, in header order."""
        number = "" if row.row is None else str(row.row)
        statuses = [row.status_text(fid) for fid, _ in self.forces]
        if self.kind == "national":
            host = "; ".join(
                lead.label for role in _NATIONAL_LEAD_ROLES for lead in row.leads.get(role, [])
            )
            cells = [number, row.activity, host, row.purpose, *statuses]
        else:
            cells = [number, row.section, row.activity, *statuses]
            cells += [row.lead_text(role) for role in LEAD_ROLES] + [row.comment, row.others_text()]
        return cells + ([row.sources_text()] if include_sources else [])

    def matrix(self, include_sources: bool = True) -> list[list[str]]:
        """The whole table as text: the header, then one list per row."""
        return [self.header(include_sources)] + [self.cells(r, include_sources) for r in self.rows]


def resolve_region(engine: Engine, region: str) -> dict[str, Any]:
    """The region {id, name, forces} for 'east-midlands' or 'east-midlands-region'.

    Raises NotFoundError if there is none.
    """
    candidates = [region] if region.endswith("-region") else [region, f"{region}-region"]
    for candidate in candidates:
        found = engine.read("export_region_forces", {"region": candidate})
        if found:
            return found[0]
    suggestions = [
        {"id": r["id"], "name": r["name"]}
        for r in engine.read(
            "search_entities", {"q": region.lower().replace("-", " "), "limit": 10}
        )
        if r["kind"] == "region"
    ]
    raise NotFoundError("region", region, suggestions)


def _latest(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items with the latest valid_from (a later statement supersedes an earlier one)."""
    if not items:
        return []
    newest = max(str(i.get("valid_from") or "") for i in items)
    return [i for i in items if str(i.get("valid_from") or "") == newest]


def _row(record: dict[str, Any], region_forces: set[str]) -> RegisterRow:
    statuses: dict[str, str | None] = {}
    others: list[tuple[Lead, str]] = []
    by_participant: dict[str, list[dict[str, Any]]] = {}
    for part in record["participants"]:
        by_participant.setdefault(part["id"], []).append(part)
    for pid, parts in sorted(by_participant.items()):
        chosen = sorted(_latest(parts), key=lambda p: p["status"])[-1]
        if pid in region_forces:
            statuses[pid] = chosen["status"]
        else:
            others.append((Lead(pid, short_label(chosen), chosen["kind"]), chosen["status"]))
    leads: dict[str, list[Lead]] = {}
    for role in {lead["role"] for lead in record["leads"]}:
        chosen_leads = _latest([lead for lead in record["leads"] if lead["role"] == role])
        leads[role] = sorted(
            {Lead(x["id"], short_label(x), x["kind"]) for x in chosen_leads}, key=lambda x: x.label
        )
    cells = {k: str(v) for k, v in (record.get("lead_cells") or {}).items() if v is not None}
    return RegisterRow(
        row=record["register_row"],
        activity=record.get("register_name") or record["name"],
        agreement_id=record["id"],
        section=record.get("register_section") or "",
        statuses=statuses,
        leads=leads,
        lead_cells=cells,
        comment=record.get("comment") or "",
        others=sorted(others, key=lambda o: o[0].label),
        purpose=record.get("purpose") or "",
        sources=[(s["document"], s["ref"]) for s in record["sources"]],
    )


def _pick_edition(
    engine: Engine, records: list[dict[str, Any]], document: str | None
) -> tuple[str | None, list[str]]:
    """(the edition to show, every edition) of a register's rows."""
    editions = sorted({r["edition"] for r in records if r["edition"]})
    if document:
        if document not in editions:
            raise NotFoundError(
                "register edition (document)", document, [{"id": e, "name": e} for e in editions]
            )
        return document, editions
    if not editions:
        return None, editions
    dated = {d["id"]: d["date"] or "" for d in engine.read("export_documents", {"ids": editions})}
    return max(editions, key=lambda e: (dated.get(e, ""), e)), editions


def build_register(
    engine: Engine, region: str, as_of: str | None = None, document: str | None = None
) -> Register:
    """The section 22 register of `region` (Appendix A), as of `as_of` (by default the latest
    date of the sources it draws on, which its title says).

    NotFoundError for an unknown region or edition; InvalidRequestError for a bad date.
    """
    if as_of:
        return _build_register(engine, region, as_of, document)
    built, _ = as_of_latest_source(lambda date: _build_register(engine, region, date, document))
    built.as_of_basis = LATEST_SOURCE
    return built


def _build_register(engine: Engine, region: str, as_of: str, document: str | None) -> Register:
    params = as_of_params(as_of)
    found = resolve_region(engine, region)
    registers = engine.read(
        "export_region_registers", {"region": found["id"], "exclude": NATIONAL_REGISTER}
    )
    name = registers[0]["register"] if registers else found["id"].removesuffix("-region") + "-s22"
    records = engine.read("export_register_rows", {"register": name, **params})
    edition, editions = _pick_edition(engine, records, document)
    forces = [(f["id"], f["name"]) for f in found["forces"]]
    region_forces = {fid for fid, _ in forces}
    rows = [_row(r, region_forces) for r in records if r["edition"] == edition]
    rows.sort(key=lambda r: (r.row is None, r.row or 0, r.activity))
    cited = sorted({doc for r in rows for doc, _ in r.sources})
    documents = engine.read("export_documents", {"ids": cited}) if cited else []
    return Register(
        "regional",
        name,
        found["id"],
        found["name"],
        str(as_of),
        edition,
        forces,
        rows,
        documents,
        editions,
        (time_note(engine, as_of) or {}).get("note"),
    )


def build_national_register(
    engine: Engine, region: str | None = None, as_of: str | None = None
) -> Register:
    """The national section 22 agreements (Appendix B): host or lead and purpose of each.

    With `region`, a column per force of that region shows its participation. `as_of` by
    default: the latest date of the sources it draws on, which its title says.
    """
    if as_of:
        return _build_national_register(engine, region, as_of)
    built, _ = as_of_latest_source(lambda date: _build_national_register(engine, region, date))
    built.as_of_basis = LATEST_SOURCE
    return built


def _build_national_register(engine: Engine, region: str | None, as_of: str) -> Register:
    params = as_of_params(as_of)
    found = resolve_region(engine, region) if region else None
    forces = [(f["id"], f["name"]) for f in found["forces"]] if found else []
    records = engine.read("export_register_rows", {"register": NATIONAL_REGISTER, **params})
    rows = [_row(r, {fid for fid, _ in forces}) for r in records]
    rows.sort(key=lambda r: (r.row is None, r.row or 0, r.activity))
    cited = sorted({doc for r in rows for doc, _ in r.sources})
    documents = engine.read("export_documents", {"ids": cited}) if cited else []
    return Register(
        "national",
        NATIONAL_REGISTER,
        found["id"] if found else None,
        found["name"] if found else "England and Wales",
        str(as_of),
        None,
        forces,
        rows,
        documents,
        [],
        (time_note(engine, as_of) or {}).get("note"),
    )
