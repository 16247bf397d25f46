"""Importing a section 22 register (CSV or xlsx, the shape `export register` writes) as seed facts.

``import_register(file, region, document, seed_dir)`` reads the table, checks every cell,
turns each row into an `agreement` (its own edition of the region's register, cited as
"Register row N (activity)" of the new document) with PARTICIPATES_IN and LEADS facts,
validates the seed directory with the new facts exactly as `collabgraph load` would, and
only then writes ``facts/<document>.yaml`` and the document's entry in documents.yaml.
A bad file is refused whole, every problem named by its row (line) and column.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graphmodel.dataset import SLUG, Dataset, parse_partial_date, read_dataset
from graphmodel.errors import InvalidDataError, InvalidRequestError, NotFoundError, Problem
from graphmodel.exports.register import LEAD_ROLES, NATIONAL_REGISTER, STATUS_LABELS
from graphmodel.exports.register_file import read_table

__all__ = ["ImportReport", "import_register", "read_table", "LeadResolver", "parse_status"]

_COLUMNS = {
    "row": {"row", "no", "number"},
    "section": {"section", "register_section"},
    "activity": {"activity", "agreement", "collaboration", "name"},
    "pcc_lead": {"pcc_lead", "pcc"},
    "chief_officer_lead": {"chief_officer_lead", "chief_officer"},
    "operational_lead": {"operational_lead"},
    "finance_lead": {"finance_lead"},
    "comment": {"comment", "comments"},
    "others": {"other_participants", "others"},
    "source": {"source", "sources", "citation"},
}
_STATUS_WORDS = {
    "member": "member",
    "yes": "member",
    "y": "member",
    "\u2713": "member",
    "\u2714": "member",
    "np": "not_participating",
    "not participating": "not_participating",
    "no": "not_participating",
    "tbc": "to_be_confirmed",
    "to be confirmed": "to_be_confirmed",
}
_NO_LEAD = {"tbc", "tba", "-", "n/a", "none", "vacant"}
_KIND_PREFERENCE = ("force", "pcc", "post", "person", "organisation", "board", "unit")
_OTHER = re.compile(r"^(?P<name>.+?)\s*\((?P<status>[^()]+)\)$")


def _norm(text: str) -> str:
    return " ".join(str(text).casefold().split())


def _column_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.casefold()).strip("_")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:60].strip("-") or "row"


def parse_status(text: str, blank_member: bool = False) -> str | None:
    """The PARTICIPATES_IN status a register cell means (None if blank); ValueError if unknown."""
    word = _norm(text)
    if not word:
        return "member" if blank_member else None
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word]
    for status, label in STATUS_LABELS.items():
        if word in (status, status.replace("_", " "), label.casefold()):
            return status
    raise ValueError(text)


@dataclass
class ImportReport:
    """What an import wrote."""

    document: str
    region: str
    register: str
    rows: int
    relationships: int
    new_people: list[str]
    facts_file: Path
    documents_file: Path

    def as_dict(self) -> dict[str, Any]:
        """The report as plain data."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


@dataclass
class _Table:
    file: str
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line, cells)
    problems: list[Problem] = field(default_factory=list)


class LeadResolver:
    """Finds the entity a register cell names, by id, name, alias or "title name"."""

    def __init__(self, dataset: Dataset):
        self.dataset = dataset
        self.index: dict[str, set[str]] = {}
        for entity in dataset.entities.values():
            keys = [entity.id, entity.name, *entity.aliases]
            title = entity.properties.get("title")
            if entity.kind == "person" and isinstance(title, str):
                keys.append(f"{title} {entity.name}")
            for key in keys:
                self.index.setdefault(_norm(key), set()).add(entity.id)
        self.pcc_of = {r.target: r.source for r in dataset.relationships if r.type == "OVERSEES"}

    def candidates(self, text: str, role: str | None = None) -> list[str]:
        """Entity ids `text` may name, best first; for a PCC lead a force stands for its PCC."""
        ids = set(self.index.get(_norm(text), set()))
        if role == "pcc_lead":
            ids = {
                self.pcc_of.get(i, i) if self.dataset.entities[i].kind == "force" else i
                for i in ids
            }
        kinds = {i: self.dataset.entities[i].kind for i in ids}
        if role == "pcc_lead" and any(k == "pcc" for k in kinds.values()):
            ids = {i for i in ids if kinds[i] == "pcc"}

        def rank(i: str) -> tuple[int, str]:
            kind = kinds[i]
            return (_KIND_PREFERENCE.index(kind) if kind in _KIND_PREFERENCE else 99, i)

        ordered = sorted(ids, key=rank)
        best = [i for i in ordered if rank(i)[0] == rank(ordered[0])[0]] if ordered else []
        return best


class _Importer:
    """Turns the checked table into the facts of one document."""

    def __init__(
        self,
        table: _Table,
        dataset: Dataset,
        region: dict[str, Any],
        document: str,
        register: str,
        blank_member: bool,
    ):
        self.table, self.dataset, self.region, self.document = table, dataset, region, document
        self.register, self.blank_member = register, blank_member
        self.resolver = LeadResolver(dataset)
        self.columns: dict[str, int] = {}
        self.forces: dict[int, str] = {}  # column index -> force id
        self.entities: list[dict[str, Any]] = []
        self.relationships: list[dict[str, Any]] = []
        self.new_people: dict[str, str] = {}  # label -> id
        self.taken = set(dataset.entities)

    def problem(self, line: int, column: str, message: str, hint: str = "") -> None:
        self.table.problems.append(Problem(self.table.file, line, column, message, hint))

    def map_header(self) -> None:
        region_forces = {f["id"] for f in self.region["forces"]}
        for index, header in enumerate(self.table.header):
            key = _column_key(header)
            if not key:
                if any(len(cells) > index and cells[index] for _, cells in self.table.rows):
                    self.problem(1, f"column {index + 1}", "has values but no heading")
                continue
            known = next((name for name, keys in _COLUMNS.items() if key in keys), None)
            if known:
                if known in self.columns:
                    self.problem(1, header, f"duplicate column ({known})")
                self.columns[known] = index
                continue
            forces = [
                i
                for i in self.resolver.index.get(_norm(header), set())
                if self.dataset.entities[i].kind == "force"
            ]
            inside = [f for f in forces if f in region_forces]
            if inside:
                if inside[0] in self.forces.values():
                    self.problem(1, header, f"duplicate column for force {inside[0]}")
                self.forces[index] = inside[0]
            elif forces:
                self.problem(
                    1,
                    header,
                    f"force {forces[0]!r} is not in {self.region['id']}",
                    "list forces from outside the region under 'Other participants'",
                )
            else:
                self.problem(
                    1,
                    header,
                    f"unknown column: neither a register column nor a force of {self.region['id']}",
                    "force columns: " + ", ".join(sorted(region_forces)),
                )
        if "activity" not in self.columns:
            self.problem(1, "Activity", "the header has no Activity column")

    def cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def convert(self) -> None:
        self.map_header()
        if self.table.problems:
            return
        width = len(self.table.header)
        seen_rows: Counter[int] = Counter()
        ids: set[str] = set()
        for sequence, (line, cells) in enumerate(self.table.rows, start=1):
            if len(cells) > width and any(c for c in cells[width:]):
                self.problem(
                    line,
                    f"column {width + 1}",
                    f"malformed row: {len(cells)} cells but the header has {width} columns",
                )
                continue
            number_text = self.cell(cells, "row")
            number = sequence
            if number_text:
                if not number_text.isdigit() or int(number_text) < 1:
                    self.problem(
                        line,
                        self.table.header[self.columns["row"]],
                        f"malformed row number {number_text!r}",
                        "a whole number from 1",
                    )
                    continue
                number = int(number_text)
            seen_rows[number] += 1
            if seen_rows[number] > 1:
                self.problem(line, "Row", f"row number {number} is used twice")
            activity = self.cell(cells, "activity")
            if not activity:
                self.problem(line, self.table.header[self.columns["activity"]], "activity is blank")
                continue
            agreement = _slug(f"{self.document}-{activity}")
            while agreement in ids or agreement in self.taken:
                agreement = (
                    f"{agreement}-{number}"
                    if not agreement.endswith(f"-{number}")
                    else agreement + "x"
                )
            ids.add(agreement)
            self.row(line, number, activity, agreement, cells)

    def row(self, line: int, number: int, activity: str, agreement: str, cells: list[str]) -> None:
        ref = f"Register row {number} ({activity})"
        props: dict[str, Any] = {
            "register": self.register,
            "register_row": number,
            "register_document": self.document,
        }
        section = self.cell(cells, "section")
        if section:
            props["register_section"] = section
        comment = self.cell(cells, "comment")
        if comment:
            props["comment"] = comment
        for index, force in self.forces.items():
            text = cells[index] if index < len(cells) else ""
            try:
                status = parse_status(text, self.blank_member)
            except ValueError:
                self.problem(
                    line,
                    self.table.header[index],
                    f"unknown participation {text!r}",
                    "Member, NP, Tbc, Proposed, Withdrawn, Former, Declined or blank",
                )
                continue
            if status:
                self.relate("PARTICIPATES_IN", force, agreement, ref, status=status)
        for role in LEAD_ROLES:
            text = self.cell(cells, role)
            if not text:
                continue
            if _norm(text) in _NO_LEAD:
                props[f"{role}_cell"] = text
                continue
            for name in (part.strip() for part in text.split(";")):
                if name:
                    leader = self.leader(line, role, name, ref)
                    if leader:
                        self.relate("LEADS", leader, agreement, ref, role=role)
        self.others(line, cells, agreement, ref)
        self.entities.append(
            {
                "id": agreement,
                "kind": "agreement",
                "name": activity,
                "aliases": [],
                "ref": ref,
                "properties": props,
            }
        )

    def leader(self, line: int, role: str, name: str, ref: str) -> str | None:
        found = self.resolver.candidates(name, role)
        if len(found) > 1:
            column = self.table.header[self.columns[role]]
            self.problem(
                line, column, f"{name!r} could be any of {', '.join(found)}", "write the entity id"
            )
            return None
        if found:
            return found[0]
        if _norm(name) in self.new_people:
            return self.new_people[_norm(name)]
        person = _slug(name)
        if person in self.taken or not SLUG.match(person):
            person = _slug(f"{self.document}-{name}")
        self.taken.add(person)
        self.new_people[_norm(name)] = person
        self.entities.append(
            {"id": person, "kind": "person", "name": name, "aliases": [], "ref": ref}
        )
        return person

    def others(self, line: int, cells: list[str], agreement: str, ref: str) -> None:
        text = self.cell(cells, "others")
        column = (
            self.table.header[self.columns["others"]]
            if "others" in self.columns
            else "Other participants"
        )
        for part in (p.strip() for p in text.split(";") if p.strip()):
            match = _OTHER.match(part)
            if not match:
                self.problem(
                    line, column, f"malformed participant {part!r}", "write 'Name (Status)'"
                )
                continue
            try:
                status = parse_status(match["status"])
                if status is None:
                    raise ValueError(match["status"])
            except ValueError:
                self.problem(line, column, f"unknown participation {match['status']!r}")
                continue
            found = self.resolver.candidates(match["name"])
            if len(found) != 1:
                self.problem(
                    line,
                    column,
                    f"{match['name']!r} names {'no' if not found else 'more than one'} "
                    "known force or organisation",
                    "write its entity id",
                )
                continue
            self.relate("PARTICIPATES_IN", found[0], agreement, ref, status=status)

    def relate(self, rtype: str, source: str, target: str, ref: str, **props: str) -> None:
        self.relationships.append(
            {"type": rtype, "from": source, "to": target, **props, "ref": ref}
        )


def _register_name(dataset: Dataset, region: dict[str, Any]) -> str:
    """The name of the region's register in the dataset (the one its forces' agreements use)."""
    forces = {f["id"] for f in region["forces"]}
    names: Counter[str] = Counter()
    for rel in dataset.relationships:
        target = dataset.entities[rel.target]
        name = target.properties.get("register")
        if (
            rel.type == "PARTICIPATES_IN"
            and rel.source in forces
            and name
            and name != NATIONAL_REGISTER
        ):
            names[str(name)] += 1
    return names.most_common(1)[0][0] if names else region["id"].removesuffix("-region") + "-s22"


def _region(dataset: Dataset, region: str) -> dict[str, Any]:
    for candidate in (region, f"{region}-region"):
        entity = dataset.entities.get(candidate)
        if entity and entity.kind == "region":
            forces = sorted(
                r.source
                for r in dataset.relationships
                if r.type == "IN_REGION"
                and r.target == entity.id
                and dataset.entities[r.source].kind == "force"
            )
            return {"id": entity.id, "name": entity.name, "forces": [{"id": f} for f in forces]}
    regions = [
        {"id": e.id, "name": e.name} for e in dataset.entities.values() if e.kind == "region"
    ]
    raise NotFoundError(
        "region", region, [r for r in regions if region.split("-")[0] in r["id"]][:5]
    )


def _document_entry(
    document: str, region: dict[str, Any], path: Path, title: str | None, date: str | None
) -> dict[str, Any]:
    today = dt.date.today().isoformat()
    return {
        "id": document,
        "title": title or f"Section 22 register of {region['name']} ({path.name})",
        "body": "imported register",
        "kind": "register",
        "date": date or today,
        "file": path.name,
        "notes": [f"Imported with `collabgraph import register` from {path.name} on {today}."],
    }


def _append_document(documents_yaml: Path, entry: dict[str, Any]) -> str:
    """The text of documents.yaml with `entry` appended to its `documents` list."""
    text = documents_yaml.read_text(encoding="utf-8")
    block = yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=1000)
    indented = "".join(f"  {line}\n" for line in block.splitlines())
    return text.rstrip("\n") + "\n" + indented


def import_register(
    path: Path,
    region: str,
    document: str,
    seed_dir: Path,
    *,
    title: str | None = None,
    date: str | None = None,
    blank_member: bool = False,
) -> ImportReport:
    """Import the register in `path` into `seed_dir` as the facts of new document `document`.

    Raises InvalidRequestError (bad document id or date, document already present, not a
    csv/xlsx), NotFoundError (unknown region), InvalidDataError (every problem in the file,
    by row and column, or in the resulting seed data); nothing is written unless all is well.
    """
    path, seed_dir = Path(path), Path(seed_dir)
    if not SLUG.match(document):
        raise InvalidRequestError(
            "document", f"{document!r} is not an id: lowercase words joined by hyphens"
        )
    if date is not None and parse_partial_date(date) is None:
        raise InvalidRequestError(
            "date", f"{date!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD"
        )
    if not path.is_file():
        raise InvalidRequestError("file", f"{path} does not exist")
    header, rows = read_table(path)
    dataset = read_dataset(seed_dir)
    if document in dataset.documents or (seed_dir / "facts" / f"{document}.yaml").exists():
        raise InvalidRequestError(
            "document", f"{document!r} is already in {seed_dir}; choose a new id"
        )
    found = _region(dataset, region)
    table = _Table(str(path), header, rows)
    importer = _Importer(
        table, dataset, found, document, _register_name(dataset, found), blank_member
    )
    importer.convert()
    if table.problems:
        raise InvalidDataError(table.problems)
    facts = {
        "document": document,
        "entities": importer.entities,
        "relationships": importer.relationships,
    }
    facts_text = (
        f"# Section 22 register of {found['name']} imported from {path.name}; "
        "each fact cites its register row.\n"
        + yaml.safe_dump(facts, sort_keys=False, allow_unicode=True, width=1000)
    )
    documents_text = _append_document(
        seed_dir / "documents.yaml", _document_entry(document, found, path, title, date)
    )
    with tempfile.TemporaryDirectory(prefix="collabgraph-import-") as staging:
        trial = Path(staging) / seed_dir.name
        shutil.copytree(seed_dir, trial)
        (trial / "documents.yaml").write_text(documents_text, encoding="utf-8")
        (trial / "facts").mkdir(exist_ok=True)
        (trial / "facts" / f"{document}.yaml").write_text(facts_text, encoding="utf-8")
        read_dataset(trial)  # validated like all seed data before anything is written
    facts_file = seed_dir / "facts" / f"{document}.yaml"
    facts_file.parent.mkdir(exist_ok=True)
    facts_file.write_text(facts_text, encoding="utf-8")
    (seed_dir / "documents.yaml").write_text(documents_text, encoding="utf-8")
    return ImportReport(
        document,
        found["id"],
        importer.register,
        len(table.rows),
        len(importer.relationships),
        sorted(importer.new_people.values()),
        facts_file,
        seed_dir / "documents.yaml",
    )
