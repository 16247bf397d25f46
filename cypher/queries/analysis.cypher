// Network analysis (graphmodel/analysis): the edges and facts are fetched here, the
// measures (concentration, impact, overlap, centrality, communities, diff) are computed
// in Python with networkx. $as_of_start / $as_of_end come from
// graphmodel.timeline.as_of_bounds; both null means every fact, whatever its dates.

// name: analysis_entity
// returns: id, name, kind of the entity with $id (no row when there is none)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind;

// name: analysis_entities
// returns: one row per entity holding at the as_of date: id, name, kind, status, valid_from, valid_to, from_basis, to_basis, from_note, register, register_row, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE ($as_of_start IS NULL OR ((n.t_from IS NULL OR n.t_from <= $as_of_end OR n.from_basis IN $as_of_unstated)
                                AND (n.t_to IS NULL OR n.t_to > $as_of_start)))
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.status AS status,
       n.valid_from AS valid_from, n.valid_to AS valid_to, n.from_basis AS from_basis, n.to_basis AS to_basis, n.from_note AS from_note,
       n.register AS register, n.register_row AS register_row,
       [i IN range(0, size(n.source_documents) - 1) | {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY id;

// name: analysis_relationships
// returns: one row per relationship between entities holding at the as_of date (with both ends holding): id, type, source, target, role, status, cost_share, arrangement, title, note, valid_from, valid_to, from_basis, to_basis, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r]->(b:Entity {gen: gen})
WHERE ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)
    AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target,
       r.role AS role, r.status AS status, r.cost_share AS cost_share,
       r.arrangement AS arrangement, r.title AS title, r.note AS note,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, type, target, id;

// name: analysis_statuses
// returns: one row per dated lifecycle status holding at the as_of date: entity, status, valid_from, valid_to, from_basis, to_basis, note, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})-[:HAS_STATUS]->(s:Status {gen: gen})
WHERE ($as_of_start IS NULL OR ((s.t_from IS NULL OR s.t_from <= $as_of_end OR s.from_basis IN $as_of_unstated)
                                AND (s.t_to IS NULL OR s.t_to > $as_of_start)))
RETURN n.id AS entity, s.status AS status, s.valid_from AS valid_from, s.valid_to AS valid_to, s.from_basis AS from_basis, s.to_basis AS to_basis,
       s.note AS note,
       [i IN range(0, size(s.source_documents) - 1) | {document: s.source_documents[i], ref: s.source_refs[i]}] AS sources
ORDER BY entity, valid_from, status;

// name: analysis_successions
// returns: every SUCCEEDED_BY fact whatever its dates: source, source_name, target, target_name, valid_from, from_basis, note, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r:SUCCEEDED_BY]->(b:Entity {gen: gen})
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name,
       r.valid_from AS valid_from, r.from_basis AS from_basis, r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, target;
