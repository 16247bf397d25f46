"""The service for the HTTP benchmark: `python -m benchmarks.http_server HOST PORT GRAPH LISTEN`.

Serves api.app.create_app with uvicorn on 127.0.0.1:LISTEN, on the already loaded graph GRAPH
of the FalkorDB server at HOST:PORT (the benchmark's own, started by benchmarks.run).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import uvicorn

from api.app import create_app
from graphmodel.engine.falkordb import FalkorDBEngine
from graphmodel.settings import Settings


def main(argv: list[str]) -> None:
    """Serve until terminated."""
    host, port, graph, listen = argv[0], int(argv[1]), argv[2], int(argv[3])
    engine = FalkorDBEngine(host, port, graph=graph)
    settings = Settings(neo4j_uri=None, collabgraph_data_dir=Path(tempfile.gettempdir()) / "unused")
    app = create_app(settings, engine=engine)
    uvicorn.run(app, host="127.0.0.1", port=listen, log_level="warning", access_log=False)


if __name__ == "__main__":
    main(sys.argv[1:])
