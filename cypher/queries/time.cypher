// What the as_of rule leaves out (graphmodel.timeline.time_note): facts that hold at
// the as_of date except that their start is only first reported, later than that date.
// $scope is a list of entity ids (null = the whole graph); $as_of_start / $as_of_end
// come from graphmodel.timeline.as_of_params.

// name: time_left_out_entities
// returns: first_reported, count: entities left out, by the date they are first reported
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})
WHERE ($scope IS NULL OR n.id IN $scope)
  AND n.from_basis = 'first_reported' AND n.t_from > $as_of_end
  AND (n.t_to IS NULL OR n.t_to > $as_of_start)
RETURN n.first_reported AS first_reported, count(*) AS count
ORDER BY first_reported;

// name: time_left_out_relationships
// returns: first_reported, count: relationships left out (they, or one of their ends, first reported later), by that date
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (a:Entity {gen: gen})-[r]->(b:Entity {gen: gen})
WHERE ($scope IS NULL OR a.id IN $scope OR b.id IN $scope)
  AND (r.t_from IS NULL OR r.t_from <= $as_of_end OR r.from_basis = 'first_reported')
  AND (r.t_to IS NULL OR r.t_to > $as_of_start)
  AND (a.t_from IS NULL OR a.t_from <= $as_of_end OR a.from_basis = 'first_reported')
  AND (a.t_to IS NULL OR a.t_to > $as_of_start)
  AND (b.t_from IS NULL OR b.t_from <= $as_of_end OR b.from_basis = 'first_reported')
  AND (b.t_to IS NULL OR b.t_to > $as_of_start)
  AND (r.t_from > $as_of_end OR a.t_from > $as_of_end OR b.t_from > $as_of_end)
WITH CASE WHEN r.t_from > $as_of_end THEN r.first_reported
          WHEN a.t_from > $as_of_end THEN a.first_reported
          ELSE b.first_reported END AS first_reported
RETURN first_reported, count(*) AS count
ORDER BY first_reported;

// name: time_left_out_statuses
// returns: first_reported, count: lifecycle statuses left out, by the date they are first reported
// mode: read
OPTIONAL MATCH (cur:Current {id: 'graph'})
WITH cur.gen AS gen
MATCH (n:Entity {gen: gen})-[:HAS_STATUS]->(s:Status {gen: gen})
WHERE ($scope IS NULL OR n.id IN $scope)
  AND s.from_basis = 'first_reported' AND s.t_from > $as_of_end
  AND (s.t_to IS NULL OR s.t_to > $as_of_start)
RETURN s.first_reported AS first_reported, count(*) AS count
ORDER BY first_reported;
