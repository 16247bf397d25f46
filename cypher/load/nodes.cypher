// Statements that write a freshly built graph. The loader runs them in batches of
// rows ($rows) inside the graph being built aside; none of them reads user input
// other than through parameters.

// name: load_documents
// returns: nothing; creates one :Document per row {id, props}
// mode: write
UNWIND $rows AS row
CREATE (d:Document {id: row.id})
SET d += row.props;

// name: load_entities
// returns: nothing; creates one :Entity per row {id, props}
// mode: write
UNWIND $rows AS row
CREATE (n:Entity {id: row.id})
SET n += row.props;

// name: load_statuses
// returns: nothing; creates a :Status per row {entity, id, props}, linked by HAS_STATUS
// mode: write
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity})
CREATE (n)-[:HAS_STATUS]->(s:Status {id: row.id})
SET s += row.props;

// name: load_figures
// returns: nothing; creates a :Figure per row {entity, id, props}, linked by HAS_FIGURE
// mode: write
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity})
CREATE (n)-[:HAS_FIGURE]->(f:Figure {id: row.id})
SET f += row.props;

// name: load_meta
// returns: nothing; records when and from what the graph was loaded
// mode: write
CREATE (m:Meta {id: 'load'})
SET m += $props;

// name: clear_graph
// returns: nothing; deletes everything the product owns (Neo4j reload, in its one transaction)
// mode: write
MATCH (n)
WHERE n:Entity OR n:Document OR n:Status OR n:Figure OR n:Meta
DETACH DELETE n;
