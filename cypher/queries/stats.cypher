// Counts for `collabgraph stats` and /readyz.

// name: stats_entities_by_kind
// returns: kind, count
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
RETURN n.kind AS kind, count(n) AS count
ORDER BY kind;

// name: stats_relationships_by_type
// returns: type, count (relationships between entities)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (:Entity {gen: gen})-[r]->(:Entity {gen: gen})
RETURN type(r) AS type, count(r) AS count
ORDER BY type;

// name: stats_facts
// returns: statuses, figures, documents (one row)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
OPTIONAL MATCH (s:Status {gen: gen})
WITH gen, count(s) AS statuses
OPTIONAL MATCH (f:Figure {gen: gen})
WITH gen, statuses, count(f) AS figures
OPTIONAL MATCH (d:Document {gen: gen})
RETURN statuses, figures, count(d) AS documents;

// name: stats_citations
// returns: document, title, date, entities, relationships (how many facts cite each document); one pass over entities and one over relationships, whatever the number of documents
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
OPTIONAL MATCH (n:Entity {gen: gen})
UNWIND CASE WHEN n IS NULL THEN [null] ELSE coalesce(n.source_documents, [null]) END AS cited
WITH gen, cited, count(DISTINCT n) AS entities
WITH gen, collect({document: cited, entities: entities}) AS by_entity
OPTIONAL MATCH (:Entity {gen: gen})-[r]->(:Entity {gen: gen})
UNWIND CASE WHEN r IS NULL THEN [null] ELSE coalesce(r.source_documents, [null]) END AS cited
WITH gen, by_entity, cited, count(DISTINCT r) AS relationships
WITH gen, by_entity, collect({document: cited, relationships: relationships}) AS by_relationship
MATCH (d:Document {gen: gen})
RETURN d.id AS document, d.title AS title, d.date AS date,
       coalesce(head([x IN by_entity WHERE x.document = d.id | x.entities]), 0) AS entities,
       coalesce(head([x IN by_relationship WHERE x.document = d.id | x.relationships]), 0) AS relationships
ORDER BY document;

// name: stats_unsourced_nodes
// returns: count of entities, statuses and figures without a source
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n)
WHERE (n:Entity OR n:Status OR n:Figure) AND n.gen = gen
  AND (n.source_documents IS NULL OR size(n.source_documents) = 0
       OR size(n.source_refs) <> size(n.source_documents))
RETURN count(n) AS count;

// name: stats_unsourced_relationships
// returns: count of relationships between entities without a source
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (:Entity {gen: gen})-[r]->(:Entity {gen: gen})
WHERE r.source_documents IS NULL OR size(r.source_documents) = 0
   OR size(r.source_refs) <> size(r.source_documents)
RETURN count(r) AS count;

// name: load_info
// returns: the metadata of the last load (loaded_at, seed, entities, relationships, digest, version), or no row
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (m:Meta {id: 'load', gen: gen})
RETURN m.loaded_at AS loaded_at, m.seed AS seed, m.entities AS entities,
       m.relationships AS relationships, m.digest AS digest, m.version AS version;

// name: graph_version
// returns: version (new on every load), digest, loaded_at of the live graph; no row when nothing is loaded
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (m:Meta {id: 'load', gen: gen})
RETURN m.version AS version, m.digest AS digest, m.loaded_at AS loaded_at;

// name: ping
// returns: ok = 1 when the graph database answers a query
// mode: read
RETURN 1 AS ok;
