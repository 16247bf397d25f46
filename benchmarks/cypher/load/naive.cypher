// The naive baseline of the load benchmark: one statement per row, no UNWIND.
// Read with graphmodel.statements (benchmarks/cypher is a registry root of its own).

// name: bench_naive_document
// returns: nothing; creates one :Document
// mode: write
CREATE (d:Document {id: $id})
SET d += $props;

// name: bench_naive_entity
// returns: nothing; creates one :Entity
// mode: write
CREATE (n:Entity {id: $id})
SET n += $props;

// name: bench_naive_status
// returns: nothing; creates one :Status linked by HAS_STATUS
// mode: write
MATCH (n:Entity {id: $entity})
CREATE (n)-[:HAS_STATUS]->(s:Status {id: $id})
SET s += $props;

// name: bench_naive_figure
// returns: nothing; creates one :Figure linked by HAS_FIGURE
// mode: write
MATCH (n:Entity {id: $entity})
CREATE (n)-[:HAS_FIGURE]->(f:Figure {id: $id})
SET f += $props;

// name: bench_naive_rel_based_at
// returns: nothing; creates one BASED_AT
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:BASED_AT]->(b)
SET r += $props;

// name: bench_naive_rel_chairs
// returns: nothing; creates one CHAIRS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:CHAIRS]->(b)
SET r += $props;

// name: bench_naive_rel_commissions
// returns: nothing; creates one COMMISSIONS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:COMMISSIONS]->(b)
SET r += $props;

// name: bench_naive_rel_covers
// returns: nothing; creates one COVERS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:COVERS]->(b)
SET r += $props;

// name: bench_naive_rel_evaluates
// returns: nothing; creates one EVALUATES
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:EVALUATES]->(b)
SET r += $props;

// name: bench_naive_rel_founded
// returns: nothing; creates one FOUNDED
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:FOUNDED]->(b)
SET r += $props;

// name: bench_naive_rel_funds
// returns: nothing; creates one FUNDS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:FUNDS]->(b)
SET r += $props;

// name: bench_naive_rel_governs
// returns: nothing; creates one GOVERNS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:GOVERNS]->(b)
SET r += $props;

// name: bench_naive_rel_holds_office
// returns: nothing; creates one HOLDS_OFFICE
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:HOLDS_OFFICE]->(b)
SET r += $props;

// name: bench_naive_rel_in_region
// returns: nothing; creates one IN_REGION
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:IN_REGION]->(b)
SET r += $props;

// name: bench_naive_rel_leads
// returns: nothing; creates one LEADS
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:LEADS]->(b)
SET r += $props;

// name: bench_naive_rel_member_of
// returns: nothing; creates one MEMBER_OF
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r += $props;

// name: bench_naive_rel_oversees
// returns: nothing; creates one OVERSEES
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:OVERSEES]->(b)
SET r += $props;

// name: bench_naive_rel_participates_in
// returns: nothing; creates one PARTICIPATES_IN
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:PARTICIPATES_IN]->(b)
SET r += $props;

// name: bench_naive_rel_part_of
// returns: nothing; creates one PART_OF
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:PART_OF]->(b)
SET r += $props;

// name: bench_naive_rel_provides
// returns: nothing; creates one PROVIDES
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:PROVIDES]->(b)
SET r += $props;

// name: bench_naive_rel_reports_to
// returns: nothing; creates one REPORTS_TO
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:REPORTS_TO]->(b)
SET r += $props;

// name: bench_naive_rel_succeeded_by
// returns: nothing; creates one SUCCEEDED_BY
// mode: write
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
CREATE (a)-[r:SUCCEEDED_BY]->(b)
SET r += $props;
