// Finding entities by any of their names: the portable scan, used when a query has no
// word the full-text index can take (see search_fulltext in cypher/engines/).

// name: search_entities
// returns: id, name, kind, aliases, sources, rank (0 exact, 1 prefix, 2 word prefix, 3 contains), best first
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE any(k IN n.search_keys WHERE k CONTAINS $q)
WITH n,
     CASE
       WHEN any(k IN n.search_keys WHERE k = $q) THEN 0
       WHEN any(k IN n.search_keys WHERE k STARTS WITH $q) THEN 1
       WHEN any(k IN n.search_keys WHERE k CONTAINS (' ' + $q) OR k CONTAINS ('(' + $q)) THEN 2
       ELSE 3
     END AS rank
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, rank,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY rank, size(n.name), n.name, n.id
LIMIT $limit;
