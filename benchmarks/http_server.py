"""The service for the HTTP benchmarks.

    python -m benchmarks.http_server DATA_DIR GRAPH LISTEN [console] [--no-cache]

Serves api.app.create_app with uvicorn on 127.0.0.1:LISTEN on an already loaded graph: with
NEO4J_URI set, the Neo4j database the settings name (DATA_DIR and GRAPH are then ignored);
else graph GRAPH of the embedded FalkorDB serving DATA_DIR (the benchmark's own, started by
benchmarks.run; this process attaches to it with the password kept in DATA_DIR). `console`
enables the read-only Cypher console; `--no-cache` turns the answer cache off, so every
request reaches the engine (the cold figures).
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn

from api.app import create_app
from graphmodel.engine import Engine, open_engine
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.settings import Settings


def main(argv: list[str]) -> None:
    """Serve until terminated."""
    data_dir, graph, listen = Path(argv[0]), argv[1], int(argv[2])
    flags = argv[3:]
    cache_mb = 0 if "--no-cache" in flags else Settings().collabgraph_answer_cache_mb
    settings = Settings(
        collabgraph_data_dir=data_dir,
        collabgraph_cypher_console="console" in flags,
        collabgraph_answer_cache_mb=cache_mb,
    )
    engine: Engine = (
        open_engine(settings) if settings.neo4j_uri else EmbeddedFalkorDB(data_dir, graph=graph)
    )
    app = create_app(settings, engine=engine)
    try:
        uvicorn.run(app, host="127.0.0.1", port=listen, log_level="warning", access_log=False)
    finally:
        engine.close()


if __name__ == "__main__":
    main(sys.argv[1:])
