// Who leads what. $role filters by LEADS.role (null = any); $as_of_start/$as_of_end as
// in graphmodel/timeline.py.

// name: leads_for_matches
// returns: leader {id, name, kind}, role, target {id, name, kind}, via (the matched entity's id), rank, sources; who leads the matched entities (and their parts, two levels down)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
UNWIND $matches AS match
MATCH (m:Entity {id: match.id, gen: gen})
MATCH (t:Entity {gen: gen})-[:PART_OF*0..2]->(m)
MATCH (l:Entity {gen: gen})-[r:LEADS]->(t)
WHERE ($role IS NULL OR r.role = $role)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
WITH l, r, t, min(match.rank) AS rank, collect(DISTINCT m.id)[0] AS via
RETURN {id: l.id, name: l.name, kind: l.kind} AS leader, r.role AS role,
       {id: t.id, name: t.name, kind: t.kind} AS target, via, rank,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis, r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY rank, t.name, r.role, l.name, t.id, l.id
LIMIT $limit;

// name: leads_by_leader
// returns: leader {id, name, kind}, role, target {id, name, kind}, sources; what one entity leads
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (l:Entity {id: $leader, gen: gen})-[r:LEADS]->(t:Entity {gen: gen})
WHERE ($role IS NULL OR r.role = $role)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
RETURN {id: l.id, name: l.name, kind: l.kind} AS leader, r.role AS role,
       {id: t.id, name: t.name, kind: t.kind} AS target,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis, r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY r.role, t.name, t.id
LIMIT $limit;
