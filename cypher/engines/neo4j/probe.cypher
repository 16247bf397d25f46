// Asked of a Bolt server to tell a real Neo4j (which has a kernel component) from other
// servers speaking Bolt, such as FalkorDB's listener used in the tests.

// name: server_components
// returns: name of each DBMS component
// mode: read
CALL dbms.components() YIELD name
RETURN name;
