"""What the command line says when the world fails it: a bad setting, a full disk.

Every command runs inside ``reported_failures``: a setting that does not parse and an
operating-system error (no space, no permission, read-only disk) end the command with one
line saying what failed and one saying what to do, never a traceback. ``write_output``
writes a command's file so that a failure leaves no half-written file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import click
from pydantic import ValidationError

from graphmodel.settings import Settings

__all__ = ["reported_failures", "write_output", "setting_problem", "os_problem"]

_EXPECTS = {
    bool: "true or false (1/0, yes/no, on/off)",
    int: "a whole number",
    float: "a number",
    Path: "a path",
}
_WHAT_TO_DO = {
    errno.ENOSPC: "free some space on that disk, or write somewhere else",
    errno.EDQUOT: "your disk quota is used up: free some space, or write somewhere else",
    errno.EROFS: "that disk is read-only: write somewhere else",
    errno.EACCES: "you may not write there: check its permissions, or write somewhere else",
    errno.EPERM: "you may not write there: check its permissions, or write somewhere else",
    errno.ENOENT: "check that the directory exists",
    errno.EISDIR: "that is a directory: give a file name",
    errno.ENOTDIR: "a part of that path is a file, not a directory",
}


def setting_problem(exc: ValidationError) -> tuple[str, str]:
    """(what is wrong, what to do) for settings that did not parse: names the variable, the
    value it had, and what it expects."""
    lines = []
    for error in exc.errors():
        field = str(error["loc"][0]) if error.get("loc") else "?"
        info = Settings.model_fields.get(field)
        expects = ""
        if info is not None:
            expects = next((text for kind, text in _EXPECTS.items() if kind == info.annotation), "")
        reason = str(error.get("msg", "")).removeprefix("Input should be ").rstrip(".")
        text = f"{field.upper()}={error.get('input')!r} is not valid"
        if expects:
            text += f": it expects {expects}"
        if reason and "unable to interpret" not in reason and "valid" not in reason:
            text += f" ({reason})"
        lines.append(text)
    return "; ".join(lines), "set the variable to such a value, or unset it for the default"


def os_problem(exc: OSError) -> tuple[str, str]:
    """(what failed, what to do) for an operating-system error: the path it concerns (or
    standard output) and the system's reason."""
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        what = f"{exc.filename}: {reason}"
    elif exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
        what = f"cannot write to standard output: {reason}"
    else:
        what = reason
    return what, _WHAT_TO_DO.get(exc.errno or 0, "")


def _say(message: str, hint: str, code: int) -> NoReturn:
    click.secho(f"error: {message}", fg="red", err=True)
    if hint:
        click.echo(f"  {hint}", err=True)
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


@contextlib.contextmanager
def reported_failures() -> Iterator[None]:
    """Run a command; a bad setting exits 2, an operating-system error exits 1, each with a
    one-line message and a hint on stderr."""
    try:
        yield
        sys.stdout.flush()  # a full disk behind stdout shows here, not at interpreter exit
    except ValidationError as exc:
        if exc.title != Settings.__name__:
            raise
        _say(*setting_problem(exc), code=2)
    except OSError as exc:
        _silence_stdout()
        _say(*os_problem(exc), code=1)


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all: through a temporary file beside it that
    replaces it (a device such as /dev/stdout is written directly). OSError naming `path`
    on failure."""
    try:
        if path.exists() and not path.is_file():
            path.write_bytes(data)
        else:
            _replace(path, data)
    except OSError as exc:
        exc.filename = str(path)  # the user's path, not a temporary one, nor none at all
        raise


def _mode(path: Path) -> int:
    """The permissions a new file at `path` gets: the old file's, or what the umask allows."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _replace(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
