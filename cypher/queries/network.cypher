// Neighbourhoods, for connection finding (breadth-first search in graphmodel.connections).

// name: network_neighbours
// returns: from_id, to {id, name, kind}, type, direction, role, status, sources; one row per relationship touching $ids, in a stable order (the paths found depend on it)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
UNWIND $ids AS nid
MATCH (n:Entity {id: nid, gen: gen})-[r]-(m:Entity {gen: gen})
WHERE ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (m.t_from IS NULL OR m.t_from <= $as_of_end OR m.from_basis IN $as_of_unstated) AND (m.t_to IS NULL OR m.t_to > $as_of_start)))
  AND NOT type(r) IN coalesce($skip_types, [])
RETURN nid AS from_id, {id: m.id, name: m.name, kind: m.kind} AS to, type(r) AS type,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       r.role AS role, r.status AS status,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY from_id, to.id, type, direction, role, status;
