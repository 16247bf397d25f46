"""Every command-line failure is a short message and a hint, never a traceback: bad
settings, a full disk behind standard output or behind -o, a file size limit. Real
processes, as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

COLLABGRAPH = str(Path(sys.executable).with_name("collabgraph"))


def _run(
    *args: str, env: dict[str, str] | None = None, stdout: int | object = subprocess.PIPE
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COLLABGRAPH, *args],
        env={**os.environ, **(env or {})},
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        check=False,
    )


def _one_error(result: subprocess.CompletedProcess[str], code: int) -> list[str]:
    """The stderr lines of a failure: an `error:` line and a hint, no traceback.

    (On Neo4j the driver may log a query notification before them: not a failure.)
    """
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-2] == errors[0], result.stderr
    return lines[-2:]


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("COLLABGRAPH_CYPHER_CONSOLE", "", "it expects true or false"),
        ("COLLABGRAPH_CYPHER_CONSOLE", "maybe", "it expects true or false"),
        ("COLLABGRAPH_CONSOLE_ROW_LIMIT", "lots", "it expects a whole number"),
        ("COLLABGRAPH_CONSOLE_TIMEOUT_MS", "0", "greater than or equal to 1"),
    ],
)
def test_a_bad_setting_names_the_variable_and_what_it_expects(
    variable: str, value: str, says: str, tmp_path: Path
) -> None:
    env = {variable: value, "COLLABGRAPH_DATA_DIR": str(tmp_path), "NEO4J_URI": ""}
    message, hint = _one_error(_run("stats", env=env), code=2)
    assert message.startswith(f"error: {variable}={value!r} is not valid") and says in message
    assert "unset it" in hint


@pytest.mark.parametrize("args", [["validate"], ["--help"], ["export", "--help"]])
def test_a_full_disk_behind_standard_output_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = _run(*args, stdout=full)
    message, hint = _one_error(result, code=1)
    assert message == "error: cannot write to standard output: No space left on device"
    assert hint.strip() == "free some space on that disk, or write somewhere else"


@pytest.fixture(scope="module")
def loaded_env(make_user_env: Callable[[], dict[str, str]]) -> dict[str, str]:
    """A user's environment whose graph (on the engine under test) holds the seed data."""
    env = make_user_env()
    loaded = _run("load", "-q", env=env)
    assert loaded.returncode == 0, loaded.stderr
    return env


def test_export_to_a_full_disk_is_one_line(loaded_env: dict[str, str]) -> None:
    args = ["export", "register", "--region", "east-midlands", "--format", "csv"]
    message, hint = _one_error(_run(*args, "-o", "/dev/full", env=loaded_env), code=1)
    assert message == "error: /dev/full: No space left on device"
    assert "free some space" in hint


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """An output that cannot be written whole is not written at all (here a file size limit
    stops the write halfway, in a process of its own so the limit touches nothing else)."""
    output = tmp_path / "register.xlsx"
    output.write_bytes(b"the previous export")
    script = (
        "import resource, signal, sys; from pathlib import Path; "
        "from graphmodel.cli.failures import write_output; "
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000)); "
        "write_output(Path(sys.argv[1]), bytes(10_000))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(output)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1 and f"[Errno 27] File too large: '{output}'" in result.stderr
    assert output.read_bytes() == b"the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["register.xlsx"]  # no temporary left
