// The indexes both baselines of the load benchmark create first, as the loader does:
// without them every relationship row would scan for its endpoints.

// name: bench_index_entity_id
// returns: nothing
// mode: schema
CREATE INDEX FOR (n:Entity) ON (n.id);
