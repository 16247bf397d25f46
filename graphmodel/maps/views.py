"""The map views: which named query each draws, how it lays out and what sizes its nodes."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.errors import NotFoundError

__all__ = ["MapView", "VIEWS", "get_view"]


@dataclass(frozen=True)
class MapView:
    """One kind of map: its statement, its title and what sizes its nodes. Every view is drawn
    as layered charts (graphmodel.maps.layout says what sits above what)."""

    name: str
    statement: str
    title: str
    description: str
    size_by: str = "degree"  # "leads": how much an entity leads; "degree": how connected it is
    needs_entity: bool = False


VIEWS: dict[str, MapView] = {
    view.name: view
    for view in (
        MapView(
            "leads",
            "map_leads",
            "Who leads what",
            "Forces, PCCs, people and organisations leading units, programmes, agreements and "
            "workstreams, by role: each leader above what it leads.",
            size_by="leads",
        ),
        MapView(
            "governance",
            "map_governance",
            "Governance",
            "Boards, who chairs and sits on them, what each board governs and what reports to "
            "what: one top-down chart per structure.",
        ),
        MapView(
            "participation",
            "map_participation",
            "Who takes part in what",
            "Who takes part in which collaboration: forces and partners on the upper side, "
            "collaborations below, with the status of each (dashed: proposed, to be "
            "confirmed; dotted: withdrawn or former; dash-dot: not participating or declined).",
        ),
        MapView(
            "neighbourhood",
            "map_neighbourhood",
            "Neighbourhood",
            "Everything one entity is directly related to, grouped by relationship, and how "
            "those relate to each other.",
            needs_entity=True,
        ),
    )
}


def get_view(name: str) -> MapView:
    """The view called `name`; NotFoundError (listing the views) for any other name."""
    try:
        return VIEWS[name]
    except KeyError:
        raise NotFoundError("map view", name, [{"id": v} for v in VIEWS]) from None
