"""The map views: which named query each draws, how it lays out and what sizes its nodes."""

from __future__ import annotations

from dataclasses import dataclass

from graphmodel.errors import NotFoundError

__all__ = ["MapView", "VIEWS", "get_view"]


@dataclass(frozen=True)
class MapView:
    """One kind of map: its statement, its title and how it is drawn."""

    name: str
    statement: str
    title: str
    description: str
    hierarchical: bool = False
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
            "workstreams, by role. Node size: how much an entity leads.",
            size_by="leads",
        ),
        MapView(
            "governance",
            "map_governance",
            "Governance",
            "Boards, who chairs and sits on them, what each board governs and what reports to "
            "what, drawn top-down.",
            hierarchical=True,
        ),
        MapView(
            "participation",
            "map_participation",
            "Who takes part in what",
            "Participation in collaborations, with its status (dashed: proposed, to be "
            "confirmed; dotted: withdrawn or former; dash-dot: not participating or declined).",
        ),
        MapView(
            "neighbourhood",
            "map_neighbourhood",
            "Neighbourhood",
            "Everything one entity is directly related to, and how those relate to each other.",
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
