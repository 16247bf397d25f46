"""Every command in the README's shell code blocks runs, against the seed graph.

The README is read when the tests run, whatever it says then: each line of a ```bash, ```sh
or ```console block (a console block's `$ ` lines) is run by bash in a scratch folder that links to the repository's files, with
`collabgraph` on the PATH and an embedded graph holding the seed data; `curl` commands go to
`collabgraph serve` started on that graph. Only commands that set up the machine or serve
forever are left out, by name (NOT_RUN).
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphmodel.engine.server import free_port
from graphmodel.settings import REPO_ROOT

README = REPO_ROOT / "README.md"
BIN = Path(sys.executable).parent
# Commands that install, serve forever or run for minutes; each has tests of its own.
NOT_RUN = ("./dev.sh", "dev.sh", "collabgraph serve", "docker", "python -m benchmarks.run",
           ".venv/bin/python -m benchmarks.run", "git clone", "cd ")  # fmt: skip
_BLOCK = re.compile(r"^```(bash|sh|shell|console)[^\n]*\n(.*?)^```", re.M | re.S)


def readme_commands(text: str) -> list[str]:
    """The commands of the shell code blocks of `text`, continuation lines joined."""
    commands: list[str] = []
    for kind, body in _BLOCK.findall(text):
        body = re.sub(r"\s*\\\n\s*", " ", body)
        for line in body.splitlines():
            line = line.strip()
            if kind == "console":
                if not line.startswith("$ "):
                    continue
                line = line[2:]
            if line and not line.startswith("#"):
                commands.append(line)
    return commands


def _runs(command: str) -> bool:
    bare = command.removeprefix(".venv/bin/")
    return not any(bare.startswith(prefix) for prefix in NOT_RUN)


COMMANDS = [c for c in readme_commands(README.read_text(encoding="utf-8")) if _runs(c)]


@pytest.fixture(scope="module")
def user_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a user whose embedded graph holds the seed data."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLLABGRAPH_DATA_DIR": str(tmp_path_factory.mktemp("readme-data")),
        "NEO4J_URI": "",
    }
    done = subprocess.run(["collabgraph", "load", "-q", "--seed", str(REPO_ROOT / "seed")],
                          env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    return env


@pytest.fixture(scope="module")
def served(user_env: dict[str, str]) -> Iterator[int]:
    """`collabgraph serve` on the user's graph; its port."""
    port = free_port()
    server = subprocess.Popen(["collabgraph", "serve", "--port", str(port)], env=user_env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_readme_has_commands_to_run() -> None:
    assert readme_commands("```bash\n$ x\ncollabgraph a \\\n  b\n```\n") == [
        "$ x",
        "collabgraph a b",
    ]
    assert readme_commands("```console\n$ collabgraph stats\nout\n```\n") == ["collabgraph stats"]


@pytest.mark.parametrize("command", COMMANDS or ["collabgraph --help"])
def test_readme_command_runs(command: str, user_env: dict[str, str], tmp_path: Path,
                             request: pytest.FixtureRequest) -> None:  # fmt: skip
    if re.search(r"\bcurl\b", command):
        port = request.getfixturevalue("served")
        command = re.sub(r"(127\.0\.0\.1|localhost):8000", f"127.0.0.1:{port}", command)
        if "--fail" not in command and " -f" not in command:
            command = command.replace("curl ", "curl --fail ", 1)
    for entry in REPO_ROOT.iterdir():  # a scratch folder that looks like the repository
        if entry.name not in (".git", "tests"):
            (tmp_path / entry.name).symlink_to(entry)
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=tmp_path, env=user_env,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    assert shlex.split(command)  # it was a command, not a blank line
