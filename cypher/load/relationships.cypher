// One statement per relationship type (Cypher cannot take a type as a parameter).
// Each takes $rows of {from, to, props} and links two :Entity nodes found by id.

// name: load_rel_leads
// returns: nothing; creates one LEADS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:LEADS]->(b)
SET r += row.props;

// name: load_rel_participates_in
// returns: nothing; creates one PARTICIPATES_IN per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:PARTICIPATES_IN]->(b)
SET r += row.props;

// name: load_rel_chairs
// returns: nothing; creates one CHAIRS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:CHAIRS]->(b)
SET r += row.props;

// name: load_rel_member_of
// returns: nothing; creates one MEMBER_OF per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r += row.props;

// name: load_rel_governs
// returns: nothing; creates one GOVERNS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:GOVERNS]->(b)
SET r += row.props;

// name: load_rel_reports_to
// returns: nothing; creates one REPORTS_TO per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:REPORTS_TO]->(b)
SET r += row.props;

// name: load_rel_part_of
// returns: nothing; creates one PART_OF per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:PART_OF]->(b)
SET r += row.props;

// name: load_rel_covers
// returns: nothing; creates one COVERS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:COVERS]->(b)
SET r += row.props;

// name: load_rel_oversees
// returns: nothing; creates one OVERSEES per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:OVERSEES]->(b)
SET r += row.props;

// name: load_rel_in_region
// returns: nothing; creates one IN_REGION per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:IN_REGION]->(b)
SET r += row.props;

// name: load_rel_holds_office
// returns: nothing; creates one HOLDS_OFFICE per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:HOLDS_OFFICE]->(b)
SET r += row.props;

// name: load_rel_provides
// returns: nothing; creates one PROVIDES per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:PROVIDES]->(b)
SET r += row.props;

// name: load_rel_commissions
// returns: nothing; creates one COMMISSIONS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:COMMISSIONS]->(b)
SET r += row.props;

// name: load_rel_funds
// returns: nothing; creates one FUNDS per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:FUNDS]->(b)
SET r += row.props;

// name: load_rel_evaluates
// returns: nothing; creates one EVALUATES per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:EVALUATES]->(b)
SET r += row.props;

// name: load_rel_founded
// returns: nothing; creates one FOUNDED per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:FOUNDED]->(b)
SET r += row.props;

// name: load_rel_based_at
// returns: nothing; creates one BASED_AT per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:BASED_AT]->(b)
SET r += row.props;

// name: load_rel_succeeded_by
// returns: nothing; creates one SUCCEEDED_BY per row
// mode: write
UNWIND $rows AS row
MATCH (a:Entity {id: row.from, gen: $gen}), (b:Entity {id: row.to, gen: $gen})
CREATE (a)-[r:SUCCEEDED_BY]->(b)
SET r += row.props;
