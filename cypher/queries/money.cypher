// Money figures: savings, costs, budgets and funding, each with period, basis and citation.

// name: money_figures
// returns: id, entity {id, name, kind}, kind, amount, currency, period, period_start, period_end, basis, cash, force, hypothetical, part_of, description, sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (e:Entity {gen: gen})-[:HAS_FIGURE]->(f:Figure {gen: gen})
WHERE ($entity IS NULL OR e.id = $entity)
  AND ($force IS NULL OR f.force = $force OR e.id = $force)
  AND ($kind IS NULL OR f.kind = $kind)
  AND ($region IS NULL OR e.id = $region OR (e)-[:IN_REGION]->(:Entity {id: $region, gen: gen})
       OR (e)<-[:LEADS|PARTICIPATES_IN]-(:Entity {gen: gen})-[:IN_REGION]->(:Entity {id: $region, gen: gen})
       OR (:Entity {id: f.force, gen: gen})-[:IN_REGION]->(:Entity {id: $region, gen: gen}))
RETURN DISTINCT f.id AS id, {id: e.id, name: e.name, kind: e.kind} AS entity, f.kind AS kind, f.amount AS amount,
       f.currency AS currency, f.period AS period, f.period_start AS period_start,
       f.period_end AS period_end, f.basis AS basis, f.cash AS cash, f.force AS force,
       coalesce(f.hypothetical, false) AS hypothetical, f.part_of AS part_of,
       f.description AS description,
       [i IN range(0, size(f.source_documents) - 1) |
         {document: f.source_documents[i], ref: f.source_refs[i]}] AS sources
ORDER BY kind, period_start, entity.name, amount;

// name: money_figures_of
// returns: the money_figures columns for every figure of the entities in $ids (the maps' node details)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (e:Entity {gen: gen})-[:HAS_FIGURE]->(f:Figure {gen: gen})
WHERE e.id IN $ids
RETURN f.id AS id, {id: e.id, name: e.name, kind: e.kind} AS entity, f.kind AS kind, f.amount AS amount,
       f.currency AS currency, f.period AS period, f.period_start AS period_start,
       f.period_end AS period_end, f.basis AS basis, f.cash AS cash, f.force AS force,
       coalesce(f.hypothetical, false) AS hypothetical, f.part_of AS part_of,
       f.description AS description,
       [i IN range(0, size(f.source_documents) - 1) |
         {document: f.source_documents[i], ref: f.source_refs[i]}] AS sources
ORDER BY entity.id, kind, period_start, amount;
