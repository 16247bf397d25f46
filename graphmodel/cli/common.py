"""What the commands share: opening the engine, reporting errors and progress."""

from __future__ import annotations

import contextlib
import functools
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from graphmodel.engine import Engine, open_engine
from graphmodel.errors import CollabGraphError, InvalidDataError, NotFoundError
from graphmodel.settings import Settings
from graphmodel.timeline import TimePoint

__all__ = [
    "engine_session", "fail", "print_json", "write_output", "STDOUT", "Progress", "as_of_options",
]  # fmt: skip

STDOUT = "-"  # as an output file: standard output


def as_of_options(help_text: str = "Facts holding at this date (YYYY, YYYY-MM or YYYY-MM-DD).") -> Callable[[Callable[..., Any]], Callable[..., Any]]:  # fmt: skip
    """The --as-of and --include-unstated options: the command gets `as_of` as a TimePoint
    (graphmodel.timeline's one rule), or None."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def run(*args: Any, include_unstated: bool = False, **kwargs: Any) -> Any:
            if kwargs.get("as_of"):
                kwargs["as_of"] = TimePoint(kwargs["as_of"], include_unstated)
            return command(*args, **kwargs)

        run = click.option(
            "--include-unstated",
            is_flag=True,
            help="With --as-of: also facts whose start is not stated and that are first "
            "reported later (docs/time-and-money.md).",
        )(run)
        return click.option("--as-of", "as_of", default=None, help=help_text)(run)

    return decorate


def fail(message: str, hint: str = "", code: int = 1) -> None:
    """Print an error (and what to do next) to stderr and exit non-zero."""
    click.secho(f"error: {message}", fg="red", err=True)
    if hint:
        click.echo(f"  {hint}", err=True)
    sys.exit(code)


@contextlib.contextmanager
def engine_session(settings: Settings | None = None) -> Iterator[Engine]:
    """An open engine for one command; graphmodel errors become a clear message and exit 1,
    and so does an engine that cannot save its data when it is stopped."""
    try:
        engine = open_engine(settings or Settings())
    except CollabGraphError as exc:
        fail(str(exc), "check NEO4J_URI / COLLABGRAPH_DATA_DIR, or see `collabgraph --help`")
        raise  # unreachable; keeps type checkers content
    try:
        yield engine
    except InvalidDataError as exc:
        click.secho(f"error: {exc}; nothing was loaded, the graph is unchanged", fg="red", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)
    except NotFoundError as exc:
        fail(str(exc), "`collabgraph search TEXT` finds ids by name or abbreviation")
    except CollabGraphError as exc:
        fail(str(exc))
    finally:
        _close(engine)


def _close(engine: Engine) -> None:
    """Close `engine`; a failure to save its data on the way out is an error and exit 1."""
    try:
        engine.close()
    except CollabGraphError as exc:
        fail(str(exc), "the graph on disk is the one of the last successful `collabgraph load`")


def write_output(output: Path, data: bytes, what: str) -> None:
    """Write `data` to the file `output` whole or not at all (its folder made if missing) and
    say so, or with `-o -` to standard output (the message then goes to stderr). An OSError
    names the path; the command line turns it into one line (graphmodel.cli.failures)."""
    from graphmodel.cli.failures import write_output as write_whole

    if str(output) == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        click.echo(f"wrote {what} to standard output ({len(data):,} bytes)", err=True)
        return
    write_whole(output, data)
    click.echo(f"wrote {what} to {output} ({len(data):,} bytes)")


def print_json(data: Any) -> None:
    """Write `data` as indented JSON to stdout."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


class Progress:
    """Progress of a long step on stderr: a live line on a terminal, a few lines otherwise."""

    def __init__(self, label: str, quiet: bool = False):
        self.label, self.quiet = label, quiet
        self.tty = sys.stderr.isatty()
        self._last = -1

    def __call__(self, step: str, done: int, total: int) -> None:
        if self.quiet or total <= 0:
            return
        percent = done * 100 // total
        if self.tty:
            click.echo(
                f"\r{self.label}: {done}/{total} batches ({percent}%) {step:<28}",
                nl=False,
                err=True,
            )
            if done == total:
                click.echo("", err=True)
        elif percent // 25 != self._last // 25 or done == total:
            click.echo(f"{self.label}: {done}/{total} batches ({percent}%)", err=True)
        self._last = percent
