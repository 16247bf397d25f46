// What the as_of rule leaves out (graphmodel.timeline.time_note): facts that hold at
// the as_of date except that their start is unknown and they are known to hold only from
// a later date (from_basis first_reported or held_by).
// $scope is a list of entity ids (null = the whole graph); $as_of_start / $as_of_end
// come from graphmodel.timeline.as_of_params.

// name: time_left_out_entities
// returns: known_from, count: entities left out, by the date they are known to hold from
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE ($scope IS NULL OR n.id IN $scope)
  AND n.from_basis IN ['first_reported', 'held_by'] AND n.t_from > $as_of_end
  AND (n.t_to IS NULL OR n.t_to > $as_of_start)
RETURN n.valid_from AS known_from, count(*) AS count
ORDER BY known_from;

// name: time_left_out_relationships
// returns: known_from, count: relationships left out (they, or one of their ends, known to hold only from a later date), by that date
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r]->(b:Entity {gen: gen})
WHERE ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis IN ['first_reported', 'held_by'])
  AND (r.t_to IS NULL OR r.t_to > $as_of_start)
  AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis IN ['first_reported', 'held_by'])
  AND (a.t_to IS NULL OR a.t_to > $as_of_start)
  AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis IN ['first_reported', 'held_by'])
  AND (b.t_to IS NULL OR b.t_to > $as_of_start)
  AND (r.t_from > $as_of_end OR a.t_from > $as_of_end OR b.t_from > $as_of_end)
WITH CASE WHEN r.t_from > $as_of_end THEN r.valid_from
          WHEN a.t_from > $as_of_end THEN a.valid_from
          ELSE b.valid_from END AS known_from
RETURN known_from, count(*) AS count
ORDER BY known_from;

// name: time_left_out_statuses
// returns: known_from, count: lifecycle statuses left out, by the date they are known to hold from
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})-[:HAS_STATUS]->(s:Status {gen: gen})
WHERE ($scope IS NULL OR n.id IN $scope)
  AND s.from_basis IN ['first_reported', 'held_by'] AND s.t_from > $as_of_end
  AND (s.t_to IS NULL OR s.t_to > $as_of_start)
RETURN s.valid_from AS known_from, count(*) AS count
ORDER BY known_from;
