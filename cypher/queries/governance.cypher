// The governance chain above and below a unit, programme, agreement or board.

// name: governance_governors
// returns: governed {id, name, kind} (the entity or what it is part of), via_part_of (hops), board {id, name, kind}, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH path = (t:Entity {id: $id, gen: gen})-[:PART_OF|COVERS*0..3]-(a:Entity {gen: gen})
WHERE all(x IN relationships(path) WHERE type(x) = 'PART_OF' AND startNode(x) <> endNode(x)) OR length(path) = 0
   OR all(x IN relationships(path) WHERE type(x) IN ['PART_OF', 'COVERS'])
MATCH (b:Entity {gen: gen})-[g:GOVERNS]->(a)
WHERE $as_of_start IS NULL OR (
        (g.t_from IS NULL OR g.t_from <= $as_of_end OR g.from_basis IN $as_of_unstated) AND (g.t_to IS NULL OR g.t_to > $as_of_start))
RETURN DISTINCT {id: a.id, name: a.name, kind: a.kind} AS governed, length(path) AS hops,
       {id: b.id, name: b.name, kind: b.kind} AS board, g.note AS note,
       [i IN range(0, size(g.source_documents) - 1) |
         {document: g.source_documents[i], ref: g.source_refs[i]}] AS sources
ORDER BY hops, board.name;

// name: governance_board_details
// returns: board id, relation ('chair' | 'member' | 'reports_to'), other {id, name, kind}, arrangement, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
UNWIND $ids AS bid
MATCH (b:Entity {id: bid, gen: gen})-[r:CHAIRS|MEMBER_OF|REPORTS_TO]-(o:Entity {gen: gen})
WHERE ((type(r) = 'REPORTS_TO' AND startNode(r) = b) OR (type(r) <> 'REPORTS_TO' AND endNode(r) = b))
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
RETURN bid AS board,
       CASE type(r) WHEN 'CHAIRS' THEN 'chair' WHEN 'MEMBER_OF' THEN 'member' ELSE 'reports_to' END AS relation,
       {id: o.id, name: o.name, kind: o.kind} AS other, r.arrangement AS arrangement,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY board, relation, other.name;

// name: governance_below
// returns: relation ('governs' | 'reported_by' | 'part'), other {id, name, kind}, sources; what sits under an entity
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (b:Entity {id: $id, gen: gen})-[r:GOVERNS|REPORTS_TO|PART_OF]-(o:Entity {gen: gen})
WHERE ((type(r) = 'GOVERNS' AND startNode(r) = b) OR (type(r) <> 'GOVERNS' AND endNode(r) = b))
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
RETURN CASE type(r) WHEN 'GOVERNS' THEN 'governs' WHEN 'REPORTS_TO' THEN 'reported_by' ELSE 'part' END AS relation,
       {id: o.id, name: o.name, kind: o.kind} AS other,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY relation, other.name;
