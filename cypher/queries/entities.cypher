// Looking up one entity and what it is connected to. Every fact comes with its
// citations as [{document, ref}]. $as_of_start / $as_of_end (both null = no time
// filter) keep the facts holding at a date (see graphmodel/timeline.py).

// name: entity_by_id
// returns: id, name, kind, aliases, properties (every stored property), sources, statuses [{status, valid_from, valid_to, from_basis, to_basis, t_from, note, sources}]
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       properties(n) AS properties,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources,
       [(n)-[:HAS_STATUS]->(s:Status {gen: gen}) |
         {status: s.status, valid_from: s.valid_from, valid_to: s.valid_to, from_basis: s.from_basis, to_basis: s.to_basis, t_from: s.t_from,
          note: s.note,
          sources: [i IN range(0, size(s.source_documents) - 1) |
                     {document: s.source_documents[i], ref: s.source_refs[i]}]}] AS statuses;

// name: entity_relationships
// returns: type, direction ('out' | 'in'), properties, other {id, name, kind}, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})-[r]->(m:Entity {gen: gen})
WHERE $as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (m.t_from IS NULL OR m.t_from <= $as_of_end OR m.from_basis IN $as_of_unstated) AND (m.t_to IS NULL OR m.t_to > $as_of_start))
RETURN type(r) AS type, 'out' AS direction, properties(r) AS properties,
       {id: m.id, name: m.name, kind: m.kind} AS other,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
UNION ALL
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})<-[r]-(m:Entity {gen: gen})
WHERE $as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (m.t_from IS NULL OR m.t_from <= $as_of_end OR m.from_basis IN $as_of_unstated) AND (m.t_to IS NULL OR m.t_to > $as_of_start))
RETURN type(r) AS type, 'in' AS direction, properties(r) AS properties,
       {id: m.id, name: m.name, kind: m.kind} AS other,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources;

// name: entity_list
// returns: id, name, kind, aliases, status (latest lifecycle status), note, valid_from, valid_to, from_basis, to_basis, sources; paged, by name
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($region IS NULL
       OR (n)-[:IN_REGION]->(:Entity {id: $region, gen: gen})
       OR (n)<-[:LEADS|PARTICIPATES_IN]-(:Entity {gen: gen})-[:IN_REGION]->(:Entity {id: $region, gen: gen}))
  AND ($as_of_start IS NULL OR ((n.t_from IS NULL OR n.t_from <= $as_of_end OR n.from_basis IN $as_of_unstated)
                                AND (n.t_to IS NULL OR n.t_to > $as_of_start)))
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       n.status AS status, n.note AS note, n.valid_from AS valid_from, n.valid_to AS valid_to, n.from_basis AS from_basis, n.to_basis AS to_basis,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY n.name, n.id
SKIP $offset
LIMIT $limit;

// name: entity_count
// returns: total (how many entities entity_list would page through)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE ($kind IS NULL OR n.kind = $kind)
  AND ($status IS NULL OR n.status = $status)
  AND ($region IS NULL
       OR (n)-[:IN_REGION]->(:Entity {id: $region, gen: gen})
       OR (n)<-[:LEADS|PARTICIPATES_IN]-(:Entity {gen: gen})-[:IN_REGION]->(:Entity {id: $region, gen: gen}))
  AND ($as_of_start IS NULL OR ((n.t_from IS NULL OR n.t_from <= $as_of_end OR n.from_basis IN $as_of_unstated)
                                AND (n.t_to IS NULL OR n.t_to > $as_of_start)))
RETURN count(n) AS total;

// name: entity_kind
// returns: id, kind of one entity (no row if unknown)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.kind AS kind, n.name AS name;

// name: entity_with_relationships
// returns: one row: id, name, kind, aliases, properties, sources, statuses, outgoing and incoming [{type, properties, other {id, name, kind}, sources}] holding at $as_of (one round trip for /api/entities/{id})
// mode: read
// Each comprehension has its own variable names: FalkorDB returns empty lists when two
// pattern comprehensions in one RETURN reuse a name.
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases,
       properties(n) AS properties,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources,
       [(n)-[:HAS_STATUS]->(st:Status {gen: gen}) |
         {status: st.status, valid_from: st.valid_from, valid_to: st.valid_to, from_basis: st.from_basis, to_basis: st.to_basis, t_from: st.t_from,
          note: st.note,
          sources: [si IN range(0, size(st.source_documents) - 1) |
                     {document: st.source_documents[si], ref: st.source_refs[si]}]}] AS statuses,
       [(n)-[ro]->(mo:Entity {gen: gen})
         WHERE $as_of_start IS NULL OR (
               (ro.t_from IS NULL OR ro.t_from <= $as_of_end OR ro.from_basis IN $as_of_unstated) AND (ro.t_to IS NULL OR ro.t_to > $as_of_start)
           AND (mo.t_from IS NULL OR mo.t_from <= $as_of_end OR mo.from_basis IN $as_of_unstated) AND (mo.t_to IS NULL OR mo.t_to > $as_of_start)) |
         {type: type(ro), properties: ro {.id, .role, .status, .arrangement, .cost_share, .title, .note, .valid_from, .valid_to, .from_basis, .to_basis}, other: {id: mo.id, name: mo.name, kind: mo.kind},
          sources: [oi IN range(0, size(ro.source_documents) - 1) |
                     {document: ro.source_documents[oi], ref: ro.source_refs[oi]}]}] AS outgoing,
       [(n)<-[ri]-(mi:Entity {gen: gen})
         WHERE $as_of_start IS NULL OR (
               (ri.t_from IS NULL OR ri.t_from <= $as_of_end OR ri.from_basis IN $as_of_unstated) AND (ri.t_to IS NULL OR ri.t_to > $as_of_start)
           AND (mi.t_from IS NULL OR mi.t_from <= $as_of_end OR mi.from_basis IN $as_of_unstated) AND (mi.t_to IS NULL OR mi.t_to > $as_of_start)) |
         {type: type(ri), properties: ri {.id, .role, .status, .arrangement, .cost_share, .title, .note, .valid_from, .valid_to, .from_basis, .to_basis}, other: {id: mi.id, name: mi.name, kind: mi.kind},
          sources: [ii IN range(0, size(ri.source_documents) - 1) |
                     {document: ri.source_documents[ii], ref: ri.source_refs[ii]}]}] AS incoming;

// name: entity_names
// returns: id, name, kind, keys (the lower-cased names it is found by) of every entity; for close matches to a typo
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.search_keys AS keys;
