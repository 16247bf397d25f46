// Schema statements for Neo4j 5: uniqueness constraints (each backed by an index)
// on every lookup key, and an index on kind.

// name: schema_entity_id
// returns: nothing
// mode: schema
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;

// name: schema_entity_kind
// returns: nothing
// mode: schema
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);

// name: schema_document_id
// returns: nothing
// mode: schema
CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE;

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
