"""Network analysis over the cited graph: the facts are fetched with named `analysis_*`
statements, and networkx answers what Cypher does not do well.

- lead_concentration: what each force and PCC leads or hosts, and its share of its
  region's and of the national collaborations (concentration_scores for maps)
- withdrawal_impact: what a force (with its PCC) leaving would break
- force_overlap: the force-by-force matrix of shared collaborations
- network_structure: centrality, bridges, articulation points, communities against
  regions (centrality_scores for maps)
- network_diff: what started, ended, changed status or lead between two dates
- benefits_ledger: every money figure, added up only where that is sound

Each result is plain data with a `note` saying why it is empty when it is; the
`*_table` functions flatten a result into rows for CSV (citations in a column).
"""

from graphmodel.analysis.benefits import benefits_ledger, ledger_table
from graphmodel.analysis.concentration import (
    concentration_scores,
    concentration_table,
    lead_concentration,
)
from graphmodel.analysis.diff import diff_table, network_diff
from graphmodel.analysis.impact import impact_table, withdrawal_impact
from graphmodel.analysis.network import Network, fetch_network
from graphmodel.analysis.overlap import force_overlap, overlap_table
from graphmodel.analysis.structure import centrality_scores, network_structure, structure_table
from graphmodel.analysis.tables import csv_text

__all__ = [
    "Network",
    "fetch_network",
    "lead_concentration",
    "concentration_scores",
    "concentration_table",
    "withdrawal_impact",
    "impact_table",
    "force_overlap",
    "overlap_table",
    "network_structure",
    "centrality_scores",
    "structure_table",
    "network_diff",
    "diff_table",
    "benefits_ledger",
    "ledger_table",
    "csv_text",
]
