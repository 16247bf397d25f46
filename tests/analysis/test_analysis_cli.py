"""`collabgraph analyse ...` end to end, on each engine with the seed loaded."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from graphmodel.cli import main


@pytest.fixture(scope="module")
def runner(make_user_env: Callable[[], dict[str, str]]) -> CliRunner:
    env = make_user_env()
    cli = CliRunner(env=env)
    loaded = cli.invoke(main, ["load", "--quiet"])
    assert loaded.exit_code == 0, loaded.output
    return cli


def test_readable_json_and_csv(runner):
    text = runner.invoke(main, ["analyse", "impact", "staffordshire", "--as-of", "2013-07-02"])
    assert text.exit_code == 0, text.output
    assert "Central Motorway Police Group" in text.output and "25% of funding" in text.output
    as_json = runner.invoke(main, ["analyse", "benefits", "--region", "east-midlands", "--json"])
    body = json.loads(as_json.output)
    assert {f["amount"] for f in body["figures"]} >= {70_000_000, 13_700_000, 4_030_000, 20_440_000}
    as_csv = runner.invoke(main, ["analyse", "concentration", "--force", "west-yorkshire", "--csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {"odyssey", "rsss", "ctpne", "npas"} <= {
        r["target_id"] for r in rows if r["role"] == "lead_force"
    }


def test_bad_input_exits_non_zero_with_a_message(runner):
    unknown = runner.invoke(main, ["analyse", "impact", "staffs"])
    assert unknown.exit_code == 1 and "did you mean staffordshire" in unknown.output
    backwards = runner.invoke(main, ["analyse", "diff", "--from", "2020", "--to", "2013"])
    assert backwards.exit_code == 1 and "from: 2020 is after to=2013" in backwards.output


@pytest.mark.parametrize(
    ("args", "url"),
    [
        (
            ["concentration", "--force", "west-yorkshire"],
            "/api/analysis/concentration?force=west-yorkshire",
        ),
        (["impact", "leicestershire"], "/api/analysis/impact?force=leicestershire"),
        (["overlap", "--region", "east-midlands"], "/api/analysis/overlap?region=east-midlands"),
        (["diff", "--from", "2013", "--to", "2020"], "/api/analysis/diff?from=2013&to=2020"),
        (["benefits", "--region", "wales"], "/api/analysis/benefits?region=wales"),
    ],
)
def test_csv_is_the_apis_csv(runner, client, args, url):
    cli = runner.invoke(main, ["analyse", *args, "--csv"])
    assert cli.exit_code == 0, cli.output
    api = client.get(url + "&format=csv")
    # same columns, same rows, same writer
    assert list(csv.reader(io.StringIO(cli.stdout))) == list(csv.reader(io.StringIO(api.text)))
