"""The service for the HTTP benchmark.

    python -m benchmarks.http_server HOST PORT GRAPH LISTEN [--no-cache]

Serves api.app.create_app with uvicorn on 127.0.0.1:LISTEN on an already loaded graph: with
NEO4J_URI set, the Neo4j database the settings name (HOST, PORT and GRAPH are then ignored);
else graph GRAPH of the FalkorDB server at HOST:PORT (the benchmark's own, started by
benchmarks.run). `--no-cache` turns the answer cache off, so every request reaches the engine
(the cold figures).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import uvicorn

from api.app import create_app
from graphmodel.engine import Engine, open_engine
from graphmodel.engine.falkordb import FalkorDBEngine
from graphmodel.settings import Settings


def main(argv: list[str]) -> None:
    """Serve until terminated."""
    host, port, graph, listen = argv[0], int(argv[1]), argv[2], int(argv[3])
    cache_mb = 0 if "--no-cache" in argv[4:] else Settings().collabgraph_answer_cache_mb
    settings = Settings(
        collabgraph_data_dir=Path(tempfile.gettempdir()) / "unused",
        collabgraph_answer_cache_mb=cache_mb,
    )
    engine: Engine = (
        open_engine(settings) if settings.neo4j_uri else FalkorDBEngine(host, port, graph=graph)
    )
    app = create_app(settings, engine=engine)
    uvicorn.run(app, host="127.0.0.1", port=listen, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1:])
