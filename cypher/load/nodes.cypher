// Statements that write a freshly built graph. The loader runs them in batches of
// rows ($rows); every node they create belongs to generation $gen, and readers see only
// the generation that (:Current {id: 'graph'}) names (see graph_generation_flip below).
// None of them reads user input other than through parameters.

// name: load_documents
// returns: nothing; creates one :Document per row {id, props}
// mode: write
UNWIND $rows AS row
CREATE (d:Document {id: row.id, gen: $gen})
SET d += row.props;

// name: load_entities
// returns: nothing; creates one :Entity per row {id, props}
// mode: write
UNWIND $rows AS row
CREATE (n:Entity {id: row.id, gen: $gen})
SET n += row.props;

// name: load_statuses
// returns: nothing; creates a :Status per row {entity, id, props}, linked by HAS_STATUS
// mode: write
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity, gen: $gen})
CREATE (n)-[:HAS_STATUS]->(s:Status {id: row.id, gen: $gen})
SET s += row.props;

// name: load_figures
// returns: nothing; creates a :Figure per row {entity, id, props}, linked by HAS_FIGURE
// mode: write
UNWIND $rows AS row
MATCH (n:Entity {id: row.entity, gen: $gen})
CREATE (n)-[:HAS_FIGURE]->(f:Figure {id: row.id, gen: $gen})
SET f += row.props;

// name: load_meta
// returns: nothing; records when and from what the graph was loaded
// mode: write
CREATE (m:Meta {id: 'load', gen: $gen})
SET m += $props;

// name: clear_graph
// returns: nothing; deletes everything the product owns, every generation (tests, small graphs)
// mode: write
MATCH (n)
WHERE n:Entity OR n:Document OR n:Status OR n:Figure OR n:Meta OR n:Current
DETACH DELETE n;

// name: graph_generation
// returns: gen (the generation readers see), previous (the one before it); no row if none
// mode: read
MATCH (c:Current {id: 'graph'})
RETURN c.gen AS gen, c.previous AS previous;

// name: graph_generation_flip
// returns: nothing; makes generation $gen the one readers see, in one small write
// mode: write
MERGE (c:Current {id: 'graph'})
SET c.previous = c.gen
SET c.gen = $gen;

// name: graph_generations_present
// returns: gen, one row per generation that has entities or documents in the database
// mode: read
MATCH (d:Document)
RETURN DISTINCT d.gen AS gen
UNION
MATCH (n:Entity)
RETURN DISTINCT n.gen AS gen;

// name: drop_generation_relationships
// returns: deleted; deletes up to $batch relationships between entities of generation $gen (first, so that no later delete holds a hub's thousands of relationships in one transaction)
// mode: write
MATCH (:Entity {gen: $gen})-[r]->(:Entity)
WITH r LIMIT $batch
DELETE r
RETURN count(r) AS deleted;

// name: drop_generation_entities
// returns: deleted; deletes up to $batch entities of generation $gen, with their statuses and figures
// mode: write
MATCH (n:Entity {gen: $gen})
WITH n LIMIT $batch
OPTIONAL MATCH (n)-[:HAS_STATUS|HAS_FIGURE]->(x)
DETACH DELETE x, n
RETURN count(DISTINCT n) AS deleted;

// name: drop_generation_documents
// returns: nothing; deletes the documents of generation $gen
// mode: write
MATCH (d:Document {gen: $gen})
DETACH DELETE d;

// name: drop_generation_meta
// returns: nothing; deletes the load record of generation $gen
// mode: write
MATCH (m:Meta {gen: $gen})
DETACH DELETE m;
