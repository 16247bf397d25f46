"""`collabgraph export` and `import register`, run as a user would, on each engine."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from graphmodel.cli import main
from graphmodel.settings import DEFAULT_SEED_DIR


@pytest.fixture(scope="module")
def cli_env(make_user_env: Callable[[], dict[str, str]]) -> dict[str, str]:
    """Environment of a user whose graph (on the engine under test) holds the seed data."""
    env = make_user_env()
    result = CliRunner().invoke(main, ["load", "-q"], env=env)
    assert result.exit_code == 0, result.output
    return env


def _run(env: dict[str, str], *args: str) -> Result:
    return CliRunner().invoke(main, list(args), env=env)


def test_export_flowchart_and_register_write_files(cli_env: dict[str, str], tmp_path: Path) -> None:
    svg = tmp_path / "em.svg"
    result = _run(
        cli_env,
        "export",
        "flowchart",
        "--root",
        "em-pcc-cc-board",
        "--as-of",
        "2019",
        "--format",
        "svg",
        "-o",
        str(svg),
    )
    assert result.exit_code == 0, result.output
    assert "<svg" in svg.read_text() and "wrote the svg flowchart" in result.output
    xlsx = tmp_path / "em.xlsx"
    result = _run(
        cli_env,
        "export",
        "register",
        "--region",
        "east-midlands",
        "--format",
        "xlsx",
        "-o",
        str(xlsx),
    )
    assert result.exit_code == 0, result.output
    assert "26 rows" in result.output and xlsx.read_bytes()[:2] == b"PK"


def test_export_bad_input_exits_non_zero_with_a_message(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    out = str(tmp_path / "x.svg")
    result = _run(
        cli_env, "export", "flowchart", "--root", "no-such-board", "--format", "svg", "-o", out
    )
    assert (
        result.exit_code == 1
        and "no board, programme or region with id 'no-such-board'" in result.output
    )
    result = _run(cli_env, "export", "flowchart", "--root", "necb", "-o", str(tmp_path / "x.gif"))
    assert result.exit_code == 1 and "give --format" in result.output
    result = _run(cli_env, "export", "flowchart", "--root", "necb", "--format", "gif", "-o", out)
    assert result.exit_code == 2 and "'gif' is not one of" in result.output
    result = _run(cli_env, "export", "flowchart", "--root", "necb", "--as-of", "2020-13", "-o", out)
    assert result.exit_code == 1 and "--as-of" in result.output
    result = _run(
        cli_env, "export", "register", "--region", "atlantis", "-o", str(tmp_path / "r.csv")
    )
    assert result.exit_code == 1 and "no region with id 'atlantis'" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_import_register_command(tmp_path: Path) -> None:
    seed = tmp_path / "seed"
    shutil.copytree(DEFAULT_SEED_DIR, seed)
    good = tmp_path / "mine.csv"
    good.write_text("Row,Activity,Derbyshire,Notts\n1,Payroll,Member,Tbc\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "import",
            "register",
            str(good),
            "--region",
            "east-midlands",
            "--document",
            "notts-register",
            "--seed",
            str(seed),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (seed / "facts" / "notts-register.yaml").exists() and "imported 1 rows" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text("Row,Activity,Derbyshire,Narnia\n1,Payroll,Member,Member\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "import",
            "register",
            str(bad),
            "--region",
            "east-midlands",
            "--document",
            "bad-register",
            "--seed",
            str(seed),
        ],
    )
    assert result.exit_code == 1
    assert (
        "row 1, column Narnia: unknown column" in result.output
        and "nothing was written" in result.output
    )
    assert not (seed / "facts" / "bad-register.yaml").exists()
