// Schema statements for FalkorDB: an index on every lookup key.

// name: schema_entity_id
// returns: nothing
// mode: schema
CREATE INDEX FOR (n:Entity) ON (n.id);

// name: schema_entity_kind
// returns: nothing
// mode: schema
CREATE INDEX FOR (n:Entity) ON (n.kind);

// name: schema_document_id
// returns: nothing
// mode: schema
CREATE INDEX FOR (d:Document) ON (d.id);

// name: schema_figure_id
// returns: nothing
// mode: schema
CREATE INDEX FOR (f:Figure) ON (f.id);

// name: schema_status_id
// returns: nothing
// mode: schema
CREATE INDEX FOR (s:Status) ON (s.id);

// name: schema_entity_search
// returns: nothing; the full-text index behind search_fulltext
// mode: schema
CALL db.idx.fulltext.createNodeIndex('Entity', 'search_text');

// name: schema_entity_gen
// returns: nothing
// mode: schema
CREATE INDEX FOR (n:Entity) ON (n.gen);

// name: schema_current
// returns: nothing
// mode: schema
CREATE INDEX FOR (c:Current) ON (c.id);

// name: schema_entity_search_keys
// returns: nothing; exact matches for search_fulltext (an index on each element of the list)
// mode: schema
CREATE INDEX FOR (n:Entity) ON (n.search_keys);
