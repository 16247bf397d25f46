"""The service for the HTTP benchmarks: `python -m benchmarks.http_server DATA_DIR GRAPH LISTEN
[console]`.

Serves api.app.create_app with uvicorn on 127.0.0.1:LISTEN, on the already loaded graph GRAPH
of the embedded FalkorDB serving DATA_DIR (the benchmark's own, started by benchmarks.run; this
process attaches to it with the password kept in DATA_DIR). With `console`, the read-only
Cypher console is enabled.
"""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn

from api.app import create_app
from graphmodel.engine.falkordb import EmbeddedFalkorDB
from graphmodel.settings import Settings


def main(argv: list[str]) -> None:
    """Serve until terminated."""
    data_dir, graph, listen = Path(argv[0]), argv[1], int(argv[2])
    console = argv[3:] == ["console"]
    engine = EmbeddedFalkorDB(data_dir, graph=graph)
    settings = Settings(
        neo4j_uri=None, collabgraph_data_dir=data_dir, collabgraph_cypher_console=console
    )
    app = create_app(settings, engine=engine)
    try:
        uvicorn.run(app, host="127.0.0.1", port=listen, log_level="warning", access_log=False)
    finally:
        engine.close()


if __name__ == "__main__":
    main(sys.argv[1:])
