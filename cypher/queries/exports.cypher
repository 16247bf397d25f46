// Appendix-A exports: the governance flowchart and the section 22 registers.
// $as_of_start / $as_of_end come from graphmodel.timeline.as_of_params (both null = no filter).

// name: export_entity
// returns: id, name, kind (one row, or none when $id is unknown)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {id: $id, gen: gen})
RETURN n.id AS id, n.name AS name, n.kind AS kind;

// name: export_region_boards
// returns: id (one row per board in region $region that holds at the as_of date)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (b:Entity {kind: 'board', gen: gen})-[r:IN_REGION]->(:Entity {id: $region, gen: gen})
WHERE $as_of_start IS NULL OR (
        (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start))
RETURN DISTINCT b.id AS id
ORDER BY id;

// name: export_governance_edges
// returns: type (GOVERNS, REPORTS_TO, PART_OF), source {id, name, kind}, target {id, name, kind}, sources; every such relationship touching an id in $ids
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
UNWIND $ids AS focus
MATCH (a:Entity {gen: gen})-[r:GOVERNS|REPORTS_TO|PART_OF]->(b:Entity {gen: gen})
WHERE (a.id = focus OR b.id = focus)
  AND ($as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start)))
  AND ($as_of_start IS NULL OR (
        (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN $as_of_unstated) AND (a.t_to IS NULL OR a.t_to > $as_of_start)))
  AND ($as_of_start IS NULL OR (
        (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN $as_of_unstated) AND (b.t_to IS NULL OR b.t_to > $as_of_start)))
RETURN DISTINCT type(r) AS type,
       {id: a.id, name: a.name, kind: a.kind} AS source,
       {id: b.id, name: b.name, kind: b.kind} AS target,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY type, source.id, target.id;

// name: export_board_people
// returns: board, type (CHAIRS or MEMBER_OF), arrangement, person {id, name, kind, aliases, title}, sources; for the boards in $ids
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
UNWIND $ids AS board
MATCH (p:Entity {gen: gen})-[r:CHAIRS|MEMBER_OF]->(b:Entity {id: board, gen: gen})
WHERE $as_of_start IS NULL OR (
        (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN $as_of_unstated) AND (r.t_to IS NULL OR r.t_to > $as_of_start))
RETURN b.id AS board, type(r) AS type, r.arrangement AS arrangement,
       {id: p.id, name: p.name, kind: p.kind, aliases: p.aliases, title: p.title} AS person,
       [i IN range(0, size(r.source_documents) - 1) | {document: r.source_documents[i], ref: r.source_refs[i]}] AS sources
ORDER BY board, type, person.id;

// name: export_documents
// returns: id, title, body, date (one row per document id in $ids that exists)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (d:Document {gen: gen})
WHERE d.id IN coalesce($ids, [])
RETURN d.id AS id, d.title AS title, d.body AS body, d.date AS date
ORDER BY date, id;

// name: export_region_forces
// returns: id, name, kind, forces [{id, name, aliases}] (one row, or none when $region is not a region)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (r:Entity {id: $region, kind: 'region', gen: gen})
OPTIONAL MATCH (f:Entity {kind: 'force', gen: gen})-[:IN_REGION]->(r)
WITH r, f ORDER BY f.name
RETURN r.id AS id, r.name AS name, r.kind AS kind,
       [x IN collect(f) | {id: x.id, name: x.name, aliases: x.aliases}] AS forces;

// name: export_register_rows
// returns: one row per agreement of register $register: id, name, register_row, register_section, register_name, purpose, comment, edition, lead_cells {pcc_lead, chief_officer_lead, operational_lead, finance_lead}, sources, participants [{id, name, kind, status, valid_from}], leads [{role, id, name, kind, aliases, title, valid_from}]
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {kind: 'agreement', register: $register, gen: gen})
OPTIONAL MATCH (p:Entity {gen: gen})-[pr:PARTICIPATES_IN]->(n)
WHERE $as_of_start IS NULL OR (
        (pr.t_from IS NULL OR pr.t_from <= $as_of_end OR pr.from_basis IN $as_of_unstated) AND (pr.t_to IS NULL OR pr.t_to > $as_of_start))
WITH gen, n, collect(CASE WHEN p IS NULL THEN NULL ELSE
       {id: p.id, name: p.name, kind: p.kind, status: pr.status, valid_from: pr.valid_from, from_basis: pr.from_basis} END) AS participants
OPTIONAL MATCH (l:Entity {gen: gen})-[lr:LEADS]->(n)
WHERE $as_of_start IS NULL OR (
        (lr.t_from IS NULL OR lr.t_from <= $as_of_end OR lr.from_basis IN $as_of_unstated) AND (lr.t_to IS NULL OR lr.t_to > $as_of_start))
WITH n, participants, collect(CASE WHEN l IS NULL THEN NULL ELSE
       {role: lr.role, id: l.id, name: l.name, kind: l.kind, aliases: l.aliases, title: l.title,
        valid_from: lr.valid_from, from_basis: lr.from_basis} END) AS leads
RETURN n.id AS id, n.name AS name, n.register_row AS register_row,
       n.register_section AS register_section, n.register_name AS register_name,
       n.purpose AS purpose, n.comment AS comment,
       coalesce(n.register_document, n.source_documents[0]) AS edition,
       {pcc_lead: n.pcc_lead_cell, chief_officer_lead: n.chief_officer_lead_cell,
        operational_lead: n.operational_lead_cell, finance_lead: n.finance_lead_cell} AS lead_cells,
       [i IN range(0, size(n.source_documents) - 1) | {document: n.source_documents[i], ref: n.source_refs[i]}] AS sources,
       participants, leads
ORDER BY register_row, id;

// name: export_region_registers
// returns: register, agreements (the section 22 registers, other than $exclude, whose agreements have a participant in region $region)
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (f:Entity {gen: gen})-[:IN_REGION]->(:Entity {id: $region, gen: gen})
MATCH (f)-[:PARTICIPATES_IN]->(n:Entity {kind: 'agreement', gen: gen})
WHERE n.register IS NOT NULL AND ($exclude IS NULL OR n.register <> $exclude)
RETURN n.register AS register, count(DISTINCT n) AS agreements
ORDER BY agreements DESC, register;
