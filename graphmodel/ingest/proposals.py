"""The proposals file: what the ingester proposes, in the seed facts format, for review.

A proposals file is a facts file (``document``, ``entities``, ``mentions``,
``relationships``, ``statuses``, ``figures``) whose every item also carries a
``proposal`` block: its state (proposed, accepted, rejected), the ingester's confidence,
the character span of the supporting sentence in the report's text and the sentence
itself. ``document_entry`` is the new document's entry for documents.yaml and
``registers`` the register tables found in the report. Review strips the ``proposal``
blocks from what it accepts, so a span or a sentence is never loaded as a fact.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from graphmodel.errors import InvalidDataError, Problem

__all__ = [
    "PROPOSAL_SECTIONS",
    "read_proposals",
    "write_proposals",
    "dump_proposals",
    "as_json",
    "STATES",
]

PROPOSAL_SECTIONS = ("entities", "mentions", "relationships", "statuses", "figures", "registers")
STATES = ("proposed", "accepted", "rejected")
_HEADER = (
    "# Proposals read by `collabgraph ingest` from {file}.\n"
    "# Nothing here is loaded until `collabgraph review` accepts it; each item's `proposal`\n"
    "# block (confidence, the supporting sentence and its character span) stays here.\n"
)


class _Dumper(yaml.SafeDumper):
    """Block style for sections, flow style for short mappings (like the seed files)."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items())


_Dumper.add_representer(dict, _represent_dict)


def dump_proposals(proposals: dict[str, Any]) -> str:
    """The proposals as YAML text (deterministic: the same proposals give the same text)."""
    source = proposals.get("source", {}).get("file", "the report")
    return _HEADER.format(file=source) + yaml.dump(
        proposals, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )


def write_proposals(proposals: dict[str, Any], path: Path) -> Path:
    """Write the proposals file; returns its path."""
    path = Path(path)
    path.write_text(dump_proposals(proposals), encoding="utf-8")
    return path


def read_proposals(path: Path) -> dict[str, Any]:
    """The proposals file at `path`; InvalidDataError naming the file and field if malformed."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidDataError([Problem(str(path), 0, "(file)", f"cannot be read: {exc}")]) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InvalidDataError(
            [Problem(str(path), mark.line + 1 if mark else 0, "(file)", f"does not parse: {exc}")]
        ) from exc
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise InvalidDataError([Problem(str(path), 1, "(file)", "must be a mapping")])
    for key in ("document", "document_entry"):
        if key not in data:
            problems.append(Problem(str(path), 0, key, "is missing", "write it with `ingest`"))
    for section in PROPOSAL_SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            problems.append(Problem(str(path), 0, section, "must be a list"))
            continue
        for index, item in enumerate(items):
            proposal = item.get("proposal") if isinstance(item, dict) else None
            if not isinstance(proposal, dict) or proposal.get("state") not in STATES:
                problems.append(
                    Problem(
                        str(path),
                        0,
                        f"{section}[{index}].proposal.state",
                        "must be one of " + ", ".join(STATES),
                    )
                )
    if problems:
        raise InvalidDataError(problems)
    return data


def as_json(proposals: dict[str, Any]) -> dict[str, Any]:
    """The proposals as the `--json` answer: entities, relationships, statuses, money."""

    def flat(item: dict[str, Any], *drop: str) -> dict[str, Any]:
        out = {k: v for k, v in item.items() if k != "proposal" and k not in drop}
        proposal = item.get("proposal", {})
        out["confidence"] = proposal.get("confidence")
        out["span"] = proposal.get("span")
        return out

    entities = [dict(flat(e), new=True) for e in proposals.get("entities", [])]
    entities += [dict(flat(m), new=False) for m in proposals.get("mentions", [])]
    return {
        "document": proposals["document"],
        "entities": entities,
        "relationships": [flat(r) for r in proposals.get("relationships", [])],
        "statuses": [flat(s) for s in proposals.get("statuses", [])],
        "money": [flat(f) for f in proposals.get("figures", [])],
        "registers": [flat(r, "rows") for r in proposals.get("registers", [])],
    }
