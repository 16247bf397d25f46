// Who takes part in what, with status and cost share.

// name: participants_of
// returns: participant {id, name, kind}, status, cost_share, valid_from, valid_to, from_basis, to_basis, note, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (p:Entity {gen: gen})-[r:PARTICIPATES_IN]->(c:Entity {id: $id, gen: gen})
WHERE ($status IS NULL OR r.status = $status)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
RETURN {id: p.id, name: p.name, kind: p.kind} AS participant, r.status AS status,
       r.cost_share AS cost_share, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY r.status, p.name;

// name: involvement_of
// returns: relation ('participates' | 'leads' | 'chairs' | 'member'), status, role, collaboration {id, name, kind}, cost_share, valid_from, valid_to, from_basis, to_basis, note, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (f:Entity {id: $id, gen: gen})-[r:PARTICIPATES_IN|LEADS|CHAIRS|MEMBER_OF]->(c:Entity {gen: gen})
WHERE $as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start))
RETURN CASE type(r) WHEN 'PARTICIPATES_IN' THEN 'participates' WHEN 'LEADS' THEN 'leads'
                    WHEN 'CHAIRS' THEN 'chairs' ELSE 'member' END AS relation,
       r.status AS status, coalesce(r.role, r.arrangement) AS role,
       {id: c.id, name: c.name, kind: c.kind} AS collaboration, r.cost_share AS cost_share,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis, r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY relation, c.name;

// name: covering_agreements
// returns: id, name, kind of each agreement that COVERS the entity, by name
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[:COVERS]->(:Entity {id: $id, gen: gen})
RETURN a.id AS id, a.name AS name, a.kind AS kind
ORDER BY a.name;
