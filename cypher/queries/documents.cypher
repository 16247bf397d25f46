// The source documents and the facts each asserts.

// name: documents_list
// returns: id, title, body, kind, date, file, notes
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (d:Document {gen: gen})
RETURN d.id AS id, d.title AS title, d.body AS body, d.kind AS kind, d.date AS date,
       d.file AS file, d.notes AS notes
ORDER BY d.date, d.id;

// name: document_by_id
// returns: id, title, body, kind, date, file, notes (no row if unknown)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (d:Document {id: $id, gen: gen})
RETURN d.id AS id, d.title AS title, d.body AS body, d.kind AS kind, d.date AS date,
       d.file AS file, d.notes AS notes;

// name: document_facts
// returns: type, from {id, name, kind}, to {id, name, kind}, role, status, ref; the relationships a document states, paged
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r]->(b:Entity {gen: gen})
WHERE $id IN r.source_documents
RETURN type(r) AS type, {id: a.id, name: a.name, kind: a.kind} AS from,
       {id: b.id, name: b.name, kind: b.kind} AS to, r.role AS role, r.status AS status,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) WHERE r.source_documents[i] = $id |
         r.source_refs[i]][0] AS ref
ORDER BY type, from.name, to.name
SKIP $offset
LIMIT $limit;

// name: document_fact_count
// returns: relationships, entities (how many of each the document is cited by)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
OPTIONAL MATCH (:Entity {gen: gen})-[r]->(:Entity {gen: gen})
WHERE $id IN r.source_documents
WITH gen, count(r) AS relationships
OPTIONAL MATCH (n:Entity {gen: gen})
WHERE $id IN n.source_documents
RETURN relationships, count(n) AS entities;
