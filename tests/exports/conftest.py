"""Fixtures for reading outputs back: Mermaid's own renderer (Node)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"


@pytest.fixture(scope="session")
def mermaid_render() -> Callable[[list[str]], list[dict[str, Any]]]:
    """Renders Mermaid texts with Mermaid itself (tests/tools/mermaid_render.mjs).

    Installs the pinned Node tools first (tests/tools/install-node-tools.sh; a no-op when
    they are there already).
    """
    subprocess.run([str(TOOLS / "install-node-tools.sh")], check=True, timeout=600)

    def render(texts: list[str]) -> list[dict[str, Any]]:
        done = subprocess.run(
            ["node", str(TOOLS / "mermaid_render.mjs")],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        results: list[dict[str, Any]] = json.loads(done.stdout)
        return results

    return render
