// Schema statements for Neo4j 5: uniqueness constraints (each backed by an index) on
// every lookup key within a generation (see cypher/load/nodes.cypher), and an index on kind.

// name: schema_drop_single_generation_keys
// returns: nothing; graphs loaded before generations had ids unique on their own
// mode: schema
DROP CONSTRAINT entity_id IF EXISTS;

// name: schema_drop_single_generation_document_keys
// returns: nothing
// mode: schema
DROP CONSTRAINT document_id IF EXISTS;

// name: schema_entity_id
// returns: nothing; an id is unique within a generation (old and new coexist during a reload)
// mode: schema
CREATE CONSTRAINT entity_id_gen IF NOT EXISTS FOR (n:Entity) REQUIRE (n.id, n.gen) IS UNIQUE;

// name: schema_entity_gen
// returns: nothing
// mode: schema
CREATE INDEX entity_gen IF NOT EXISTS FOR (n:Entity) ON (n.gen);

// name: schema_current
// returns: nothing
// mode: schema
CREATE CONSTRAINT current_id IF NOT EXISTS FOR (c:Current) REQUIRE c.id IS UNIQUE;

// name: schema_entity_kind
// returns: nothing
// mode: schema
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);

// name: schema_document_id
// returns: nothing
// mode: schema
CREATE CONSTRAINT document_id_gen IF NOT EXISTS FOR (d:Document) REQUIRE (d.id, d.gen) IS UNIQUE;

// name: schema_figure_id
// returns: nothing
// mode: schema
CREATE INDEX figure_id IF NOT EXISTS FOR (f:Figure) ON (f.id);

// name: schema_status_id
// returns: nothing
// mode: schema
CREATE INDEX status_id IF NOT EXISTS FOR (s:Status) ON (s.id);

// name: schema_entity_search
// returns: nothing; the full-text index behind search_fulltext
// mode: schema
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.search_text];

// name: schema_await_indexes
// returns: nothing; index creation is asynchronous, so wait until every index is online
// mode: schema
CALL db.awaitIndexes(300);
