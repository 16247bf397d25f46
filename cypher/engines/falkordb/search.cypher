// Full-text search on FalkorDB (RediSearch syntax): every token as a word prefix, all
// required. Same name and result shape as the Neo4j file beside this one.
//
// FalkorDB's full-text procedure takes no limit and ranking by its score reads every
// match (40,000 for a common word at 100k entities). Its matches come in the order the
// entities were created, and the loader creates them shortest name first
// (graphmodel/rows.py), so the first $candidates matches are the ones ranked first within
// each match kind; exact matches are added from the index on search_keys whatever their
// position. Reading stops after $candidates matches.

// name: search_fulltext
// returns: id, name, kind, aliases, rank (0 exact, 1 prefix, 2 word prefix, 3 contains), sources; best first among every exact match and the first $candidates full-text matches (shortest names)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
CALL db.idx.fulltext.queryNodes('Entity', reduce(text = '', token IN $tokens | text + token + '* '))
YIELD node
WITH node, gen
WHERE node.gen = gen
WITH node, gen
LIMIT $candidates
WITH gen, collect(node) AS found
CALL {
  WITH gen
  MATCH (exact:Entity {gen: gen})
  WHERE $q IN exact.search_keys
  RETURN collect(exact) AS exacts
}
WITH found + exacts AS matched
UNWIND matched AS n
WITH DISTINCT n
WITH n,
     CASE
       WHEN any(k IN n.search_keys WHERE k = $q) THEN 0
       WHEN any(k IN n.search_keys WHERE k STARTS WITH $q) THEN 1
       WHEN any(k IN n.search_keys WHERE k CONTAINS (' ' + $q) OR k CONTAINS ('(' + $q)) THEN 2
       ELSE 3
     END AS rank
ORDER BY rank, size(n.name), n.name, n.id
LIMIT $limit
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, rank,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY rank, size(name), name, id;

// name: leads_fulltext
// returns: leader {id, name, kind}, role, target {id, name, kind}, via (the matched entity's id), rank, sources; who leads the best $match_limit entities among every exact match and the first $candidates full-text matches (and their parts, two levels down), in one round trip
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
CALL db.idx.fulltext.queryNodes('Entity', reduce(text = '', token IN $tokens | text + token + '* '))
YIELD node
WITH node, gen
WHERE node.gen = gen
WITH node, gen
LIMIT $candidates
WITH gen, collect(node) AS found
CALL {
  WITH gen
  MATCH (exact:Entity {gen: gen})
  WHERE $q IN exact.search_keys
  RETURN collect(exact) AS exacts
}
WITH gen, found + exacts AS matched
UNWIND matched AS node
WITH DISTINCT gen, node
WITH gen, node AS m,
     CASE
       WHEN any(k IN node.search_keys WHERE k = $q) THEN 0
       WHEN any(k IN node.search_keys WHERE k STARTS WITH $q) THEN 1
       WHEN any(k IN node.search_keys WHERE k CONTAINS (' ' + $q) OR k CONTAINS ('(' + $q)) THEN 2
       ELSE 3
     END AS rank
ORDER BY rank, size(m.name), m.name, m.id
LIMIT $match_limit
MATCH (t:Entity {gen: gen})-[:PART_OF*0..2]->(m)
MATCH (l:Entity {gen: gen})-[r:LEADS]->(t)
WHERE ($role IS NULL OR r.role = $role)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
WITH l, r, t, min(rank) AS rank, collect(DISTINCT m.id)[0] AS via
RETURN {id: l.id, name: l.name, kind: l.kind} AS leader, r.role AS role,
       {id: t.id, name: t.name, kind: t.kind} AS target, via, rank,
       r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis, r.note AS note,
       [i IN range(0, size(r.source_documents) - 1) |
         {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY rank, t.name, r.role, l.name, t.id, l.id
LIMIT $limit;
