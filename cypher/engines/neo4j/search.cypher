// Full-text search on Neo4j (Lucene syntax): every token as a required word prefix.
// Same name and result shape as the FalkorDB file beside this one.

// name: search_fulltext
// returns: id, name, kind, aliases, rank (0 exact, 1 prefix, 2 word prefix, 3 contains), sources; best first
// mode: read
CALL db.index.fulltext.queryNodes('entity_search', reduce(text = '', token IN $tokens | text + '+' + token + '* '))
YIELD node
WITH node AS n,
     CASE
       WHEN any(k IN node.search_keys WHERE k = $q) THEN 0
       WHEN any(k IN node.search_keys WHERE k STARTS WITH $q) THEN 1
       WHEN any(k IN node.search_keys WHERE k CONTAINS (' ' + $q) OR k CONTAINS ('(' + $q)) THEN 2
       ELSE 3
     END AS rank
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, rank,
       [i IN range(0, size(n.source_documents) - 1) |
         {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY rank, size(n.name), n.name
LIMIT $limit;
