"""Time consistency and the validation holes: the seed passes, and a fixture for each class
of problem is reported with file, line and field (errors refused, warnings listed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphmodel.cli import main
from graphmodel.dataset import Dataset, read_dataset
from graphmodel.errors import InvalidDataError, Problem
from graphmodel.timecheck import CLASSES

FIXTURES = Path(__file__).parent / "fixtures" / "time"
FACTS = "seed/facts/fixture-2018.yaml"


def _seed(tmp_path: Path, fixture: str) -> tuple[Path, int, str]:
    """A seed made of the fixture documents and `fixture` as the facts of fixture-2018, with
    the line and field the fixture marks with `# expect: <field>`."""
    seed = tmp_path / "seed"
    (seed / "facts").mkdir(parents=True)
    shutil.copy(FIXTURES / "documents.yaml", seed / "documents.yaml")
    text = (FIXTURES / f"{fixture}.yaml").read_text(encoding="utf-8")
    (seed / "facts" / "fixture-2018.yaml").write_text(text, encoding="utf-8")
    line, field = next(
        (n, row.split("# expect: ")[1].strip())
        for n, row in enumerate(text.splitlines(), 1)
        if "# expect: " in row
    )
    return seed, line, field


def _problems(seed: Path) -> list[Problem]:
    try:
        return read_dataset(seed).warnings
    except InvalidDataError as exc:
        return exc.problems


def test_seed_has_no_time_error(seed_dataset: Dataset) -> None:
    # Loading it at all proves there is no error; the warnings left are documented gaps.
    assert all(w.severity == "warning" for w in seed_dataset.warnings)
    assert {w.message.rsplit("[", 1)[1] for w in seed_dataset.warnings} <= {"never_shown]"}


@pytest.mark.parametrize("fixture", sorted(CLASSES))
def test_each_time_class_is_reported_with_file_line_field(tmp_path: Path, fixture: str) -> None:
    seed, line, field = _seed(tmp_path, fixture)
    severity = CLASSES[fixture]
    if severity == "error":
        with pytest.raises(InvalidDataError):
            read_dataset(seed)
    found = [p for p in _problems(seed) if f"[{fixture}]" in p.message]
    assert found, _problems(seed)
    assert (found[0].file, found[0].line, found[0].field) == (FACTS, line, field)
    assert found[0].severity == severity


@pytest.mark.parametrize("fixture", ["duplicate_key", "non_ascii_date", "non_ascii_amount"])
def test_validation_holes_are_refused(tmp_path: Path, fixture: str) -> None:
    seed, line, field = _seed(tmp_path, fixture)
    with pytest.raises(InvalidDataError) as err:
        read_dataset(seed)
    problem = err.value.problems[0]
    assert (problem.file, problem.line, problem.field) == (FACTS, line, field)
    if fixture == "duplicate_key":
        assert "duplicate key 'statuses'" in problem.message


def test_validate_cli_lists_errors_and_warnings(tmp_path: Path) -> None:
    runner = CliRunner()
    seed, line, _ = _seed(tmp_path, "status_overlap")
    result = runner.invoke(main, ["validate", "--seed", str(seed)])
    assert result.exit_code == 1 and f"{FACTS}:{line}: until:" in result.output
    seed, line, _ = _seed(tmp_path / "w", "never_shown")
    result = runner.invoke(main, ["validate", "--seed", str(seed)])
    assert result.exit_code == 0 and f"{FACTS}:{line}: until: warning:" in result.output


def test_inferred_date_needs_a_note(tmp_path: Path) -> None:
    seed, _, _ = _seed(tmp_path, "end_missing")
    path = seed / "facts" / "fixture-2018.yaml"
    path.write_text(path.read_text().replace('since: "2012"}', 'since: "2017", inferred: since}'))
    with pytest.raises(InvalidDataError) as err:
        read_dataset(seed)
    assert any(p.field == "note" and "inferred" in p.message for p in err.value.problems)
