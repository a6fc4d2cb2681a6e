"""What every command shares: settings, the store option, errors to exit codes, and writing
output atomically. Nothing here imports spaCy or SQLAlchemy at module level."""

from __future__ import annotations

import functools
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO, ParamSpec, TypeVar

import click

from ..errors import InputError, SitrepError
from ..settings import Settings

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "EXIT_BAD_INPUT",
    "atomic_output",
    "db_option",
    "fails_cleanly",
    "first_pass_option",
    "iso_date",
    "known_at_option",
    "open_db",
    "output_option",
    "output_path",
    "published_option",
    "sentence_pass_option",
    "settings_of",
    "text_stream",
]

#: exit codes (docs/cli.md)
EXIT_BAD_INPUT = InputError.exit_code

P = ParamSpec("P")
R = TypeVar("R")


def fails_cleanly(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn a SitrepError into one line on stderr and its exit code (docs/cli.md)."""
    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except SitrepError as exc:
            click.echo(f"sitrep: error: {exc}", err=True)
            sys.exit(exc.exit_code)
    return wrapper


def settings_of(ctx: click.Context, **overrides: Any) -> Settings:
    """The settings: packaged defaults, the --config file, SITREP_* variables, then options."""
    return Settings.resolve(config_file=ctx.obj["config_file"], **overrides)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option value."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


def _published(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from ..ingest import parse_published

    try:
        return parse_published(value, source="--published")
    except InputError as exc:
        raise click.BadParameter(str(exc.problem)) from exc


published_option = click.option(
    "--published", callback=_published, metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none (relative dates resolve against it).")

db_option = click.option(
    "--db", metavar="PATH|URL",
    help="The store: a SQLite file (default sitrep.db; setting db, SITREP_DB) or a "
         "PostgreSQL URL (postgresql+psycopg://user@host/name).")


def open_db(ctx: click.Context, db: str | None, *, create: bool) -> Store:
    """Open the store named by --db, else by the settings."""
    from ..store import open_store

    return open_store(db or settings_of(ctx).db, create=create)


def output_option(fn: Callable[P, R]) -> Callable[P, R]:
    """-o/--output FILE: write there, atomically, instead of stdout."""
    return click.option("--output", "-o", type=click.Path(dir_okay=False),
                        callback=output_path,
                        help="Write here (atomically) instead of stdout.")(fn)


sentence_pass_option = click.option(
    "--sentence-pass/--no-sentence-pass", default=None,
    help="In parsed articles, parse only the sentences that may give an event or carry its "
         "context (setting sentence_pass, on by default; docs/scale.md).")

first_pass_option = click.option(
    "--first-pass/--no-first-pass", default=None,
    help="Skip parsing articles with no trigger word or no known actor (setting first_pass, "
         "on by default; it never changes the events, docs/scale.md).")


def known_at_option(fn: Callable[P, R]) -> Callable[P, R]:
    """--known-at YYYY-MM-DD: read only articles published by then."""
    return click.option("--known-at", callback=iso_date, metavar="YYYY-MM-DD",
                        help="Read only articles published by this day: what an analyst "
                             "could know then.")(fn)


def output_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Check an --output folder up front, not after minutes of work."""
    if value is not None and value != "-" and not Path(value).parent.is_dir():
        raise click.BadParameter(f"directory {str(Path(value).parent)!r} does not exist")
    return value


@contextmanager
def atomic_output(output: str | None) -> Iterator[BinaryIO]:
    """A binary stream to write output into: stdout, or a file that appears whole or not at
    all (a temporary file renamed over the target on success)."""
    if output is None or output == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        # mkstemp made the file 0600; give the output the mode open(target, "w") would: the
        # old file's, or the default for a new file under the umask.
        os.chmod(tmp, stat.S_IMODE(target.stat().st_mode) if target.exists()
                 else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def text_stream(out: BinaryIO) -> Iterator[IO[str]]:
    """A UTF-8 text view of a binary stream, detached after use so it does not close it."""
    import io

    wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="\n")
    try:
        yield wrapper
    finally:
        wrapper.flush()
        wrapper.detach()


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it is to set it
    os.umask(mask)
    return mask
