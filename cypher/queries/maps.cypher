// Maps: the relationships each map view draws, and the entities at their ends.
// Every view statement returns one row per relationship with the same columns:
// source, target, type, id, role, status, arrangement, cost_share, title, note,
// valid_from, valid_to, sources. $scope (a list of entity ids, or null for no
// narrowing) keeps relationships with either end in it; $as_of_start/$as_of_end
// (both null = no filter) keep the facts holding then (see graphmodel/timeline.py).

// name: map_leads
// returns: one row per LEADS relationship (leader -> led, with role) and its citations
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r:LEADS]->(b:Entity {gen: gen})
WHERE ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)
    AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.id AS id, r.role AS role,
       r.status AS status, r.arrangement AS arrangement, r.cost_share AS cost_share,
       r.title AS title, r.note AS note, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, target, id;

// name: map_governance
// returns: one row per CHAIRS, MEMBER_OF (of a board), GOVERNS or REPORTS_TO relationship
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r:CHAIRS|MEMBER_OF|GOVERNS|REPORTS_TO]->(b:Entity {gen: gen})
WHERE (type(r) <> 'MEMBER_OF' OR b.kind = 'board')
  AND ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)
    AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.id AS id, r.role AS role,
       r.status AS status, r.arrangement AS arrangement, r.cost_share AS cost_share,
       r.title AS title, r.note AS note, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, target, type, id;

// name: map_participation
// returns: one row per PARTICIPATES_IN relationship (participant -> collaboration, with status)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r:PARTICIPATES_IN]->(b:Entity {gen: gen})
WHERE ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)
    AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.id AS id, r.role AS role,
       r.status AS status, r.arrangement AS arrangement, r.cost_share AS cost_share,
       r.title AS title, r.note AS note, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, target, id;

// name: map_neighbourhood
// returns: one row per relationship among $entity and the entities next to it (either direction)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (c:Entity {id: $entity, gen: gen})
OPTIONAL MATCH (c)-[t]-(n:Entity {gen: gen})
WHERE $as_of_start IS NULL OR (
        (t.t_from IS NULL OR t.t_from <= $as_of_end OR t.from_basis IN $as_of_unstated) AND (t.t_to IS NULL OR t.t_to > $as_of_start)
    AND (n.t_from IS NULL OR n.t_from <= $as_of_end OR n.from_basis IN $as_of_unstated) AND (n.t_to IS NULL OR n.t_to > $as_of_start))
WITH gen, c, collect(DISTINCT n.id) AS next
WITH gen, c, [c.id] + next AS ids
MATCH (a:Entity {gen: gen})
WHERE a.id IN ids
MATCH (a)-[r]->(b:Entity {gen: gen})
WHERE b.id IN ids
  AND (a = c OR b = c OR type(r) <> 'IN_REGION')
  AND ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)
    AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)
    AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN a.id AS source, b.id AS target, type(r) AS type, r.id AS id, r.role AS role,
       r.status AS status, r.arrangement AS arrangement, r.cost_share AS cost_share,
       r.title AS title, r.note AS note, r.valid_from AS valid_from, r.valid_to AS valid_to, r.from_basis AS from_basis, r.to_basis AS to_basis,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY source, target, type, id;

// name: map_region_scope
// returns: one row, scope: the ids of $region, the entities in it (with the bodies overseeing them) and what those lead, join, chair or govern; no row for an unknown region
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (g:Entity {id: $region, gen: gen})
OPTIONAL MATCH (m:Entity {gen: gen})-[r:IN_REGION]->(g)
WHERE $as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start))
OPTIONAL MATCH (p:Entity {gen: gen})-[o:OVERSEES]->(m)
WHERE $as_of_start IS NULL OR (
        (o.t_from IS NULL OR o.t_from <= $as_of_end OR o.from_basis IN $as_of_unstated) AND (o.t_to IS NULL OR o.t_to > $as_of_start))
WITH gen, g, collect(DISTINCT m.id) AS members, collect(DISTINCT p.id) AS bodies
WITH gen, [g.id] + members + bodies AS core
OPTIONAL MATCH (c:Entity {gen: gen})
WHERE c.id IN core
OPTIONAL MATCH (c)-[t:LEADS|PARTICIPATES_IN|MEMBER_OF|CHAIRS|GOVERNS]->(x:Entity {gen: gen})
WHERE (t.status IS NULL OR NOT t.status IN ['not_participating', 'declined'])
  AND ($as_of_start IS NULL OR (
        (t.t_from IS NULL OR t.t_from <= $as_of_end OR t.from_basis IN $as_of_unstated) AND (t.t_to IS NULL OR t.t_to > $as_of_start)))
WITH core, collect(DISTINCT x.id) AS reached
RETURN core + [i IN reached WHERE NOT i IN core] AS scope;

// name: map_region
// returns: id, name of the region whose id is one of $ids (a region id with or without "-region")
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (g:Entity {gen: gen})
WHERE g.id IN coalesce($ids, []) AND g.kind = 'region'
RETURN g.id AS id, g.name AS name
ORDER BY size(g.id) DESC
LIMIT 1;

// name: map_entity
// returns: id, name, kind of the entity $id, or no row
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind;

// name: map_entities
// returns: one row per entity in $ids: id, name, kind, aliases, status, valid_from, valid_to, from_basis, to_basis, properties [{name, value}], sources
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE n.id IN coalesce($ids, [])
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, n.status AS status,
       n.valid_from AS valid_from, n.valid_to AS valid_to, n.from_basis AS from_basis, n.to_basis AS to_basis,
       [k IN coalesce(n.property_names, []) | {name: k, value: n[k]}] AS properties,
       [i IN range(0, size(n.source_documents) - 1) | {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources
ORDER BY id;

// name: map_documents
// returns: id, title, date of every source document (to name citations)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (d:Document {gen: gen})
RETURN d.id AS id, d.title AS title, d.date AS date
ORDER BY id;

// name: map_regions
// returns: id, name of every region (for the region picker)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (g:Entity {gen: gen})
WHERE g.kind = 'region'
RETURN g.id AS id, g.name AS name
ORDER BY name, id;

// name: map_entity_choices
// returns: id, name, kind of every entity except regions (for the entity picker)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE n.kind <> 'region'
RETURN n.id AS id, n.name AS name, n.kind AS kind
ORDER BY name, id;
