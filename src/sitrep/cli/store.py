"""`sitrep ingest`, `reprocess`, `report`, `timeline`, `export`: the knowledge base."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from ..errors import InputError
from ..report.render import REPORT_FORMATS
from .common import (
    EXIT_BAD_INPUT,
    atomic_output,
    db_option,
    fails_cleanly,
    first_pass_option,
    iso_date,
    known_at_option,
    open_db,
    output_option,
    published_option,
    sentence_pass_option,
    settings_of,
    text_stream,
)

__all__ = ["register"]


EXPORT_FORMATS = ("csv", "parquet", "geojson", "graphml", "jsonl")


def register(main: click.Group) -> None:
    """Add the store's commands to the command group."""
    for command in (ingest_cmd, reprocess_cmd, report_cmd, timeline_cmd, export_cmd):
        main.add_command(command)


@contextmanager
def progress_bar(label: str, *, total: int | None = None) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal (tqdm; silent otherwise)."""
    from tqdm import tqdm

    with tqdm(total=total, desc=label, unit=" article", file=sys.stderr, disable=None,
              leave=False, dynamic_ncols=True) as bar:
        yield bar


@click.command("ingest")
@click.argument("sources", nargs=-1)
@db_option
@published_option
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "feed"]),
              default="auto", show_default=True, help="How to read SOURCES.")
@click.option("--from-parquet", "batch_dir", type=click.Path(exists=True, file_okay=False),
              help="Instead of SOURCES, bulk-load the output folder of `sitrep batch` "
                   "(no re-extraction).")
@first_pass_option
@sentence_pass_option
@click.pass_context
@fails_cleanly
def ingest_cmd(ctx: click.Context, sources: tuple[str, ...], db: str | None,
               published: date | None, input_format: str, batch_dir: str | None,
               first_pass: bool | None, sentence_pass: bool | None) -> None:
    """Read SOURCES (files, folders, JSONL corpora, RSS/Atom feeds, HTML pages, URLs, '-' for
    stdin), extract their events and store them.

    An article already stored (same URL or same text) is skipped: re-ingesting changes
    nothing. Bad inputs are reported on stderr naming the input; the others are still stored,
    and the exit code is 3.
    """
    if batch_dir is not None:
        if sources:
            raise click.UsageError("give SOURCES or --from-parquet, not both")
        _load_batch(ctx, db, batch_dir)
        return
    if not sources:
        raise click.UsageError("give SOURCES to read, or --from-parquet DIR")
    from ..ingest import FetchPolicy, ReadLimits, read_source
    from ..knowledge import IngestReport, ingest_articles
    from ..pipeline import load_pipeline

    settings = settings_of(ctx, first_pass=first_pass, sentence_pass=sentence_pass)
    store = open_db(ctx, db, create=True)
    pipe = load_pipeline(settings)
    total = IngestReport()
    with store, progress_bar("ingest") as bar:
        for name in sources:
            items = read_source(name, published=published, fmt=input_format,  # type: ignore[arg-type]
                                fetch=FetchPolicy.from_settings(settings),
                                limits=ReadLimits.from_settings(settings))
            report = ingest_articles(store, items, pipeline=pipe, source=name,
                                     progress=bar.update)
            for problem in report.problems:
                bar.clear()
                click.echo(f"sitrep: {problem}", err=True)
            total.read += report.read
            total.added += report.added
            total.duplicates += report.duplicates
            total.events += report.events
            total.problems += report.problems
        counts = store.counts()
    click.echo(f"sitrep: {total.summary()}; the store ({store.url}) now holds "
               f"{counts['articles']} article(s), {counts['events']} event(s)", err=True)
    if total.problems:
        sys.exit(EXIT_BAD_INPUT)


def _load_batch(ctx: click.Context, db: str | None, folder: str) -> None:
    """`ingest --from-parquet`: one library call, then the summary line."""
    from ..knowledge import load_batch

    with open_db(ctx, db, create=True) as store:
        report = load_batch(store, folder)
        counts = store.counts()
    click.echo(f"sitrep: {report.summary()}; the store ({store.url}) now holds "
               f"{counts['articles']} article(s), {counts['events']} event(s)", err=True)


@click.command("reprocess")
@db_option
@click.option("--all", "everything", is_flag=True,
              help="Re-extract every article, not only those read by other rules or code.")
@click.pass_context
@fails_cleanly
def reprocess_cmd(ctx: click.Context, db: str | None, everything: bool) -> None:
    """Re-extract stored articles after the rules, lexicons, gazetteer or model changed.

    Each article's events are replaced in one transaction; an interrupted run can be
    started again and does only what is left.
    """
    from ..knowledge import reprocess
    from ..pipeline import load_pipeline

    store = open_db(ctx, db, create=False)
    pipe = load_pipeline(settings_of(ctx))
    with store, progress_bar("reprocess") as bar:
        done = reprocess(store, pipeline=pipe, everything=everything, progress=bar.update)
    click.echo(f"sitrep: re-extracted {done} article(s)", err=True)


def _code(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from ..knowledge import resolve_code

    try:
        return resolve_code(value, what=param.human_readable_name)
    except InputError as exc:
        raise click.BadParameter(exc.problem) from exc


@click.command("report")
@click.argument("country", callback=_code)
@click.option("--as-of", callback=iso_date, metavar="YYYY-MM-DD",
              help="The day in the world to describe (default: today).")
@known_at_option
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text",
              show_default=True, help="text/markdown for people, json for machines "
              "(docs/state.md), html: one self-contained page with a map and a timeline.")
@output_option
@db_option
@click.pass_context
@fails_cleanly
def report_cmd(ctx: click.Context, country: str, as_of: date | None, known_at: date | None,
               fmt: str, output: str | None, db: str | None) -> None:
    """The situation of COUNTRY (code or name) on a date: foreign forces present and ended,
    agreements in force and ended, government, mutual-defence obligations, with sources."""
    from ..knowledge import report

    with open_db(ctx, db, create=False) as store:
        page = report(store, country, as_of=as_of or date.today(), known_at=known_at, fmt=fmt)
    with atomic_output(output) as out, text_stream(out) as text:
        text.write(page)


@click.command("timeline")
@click.argument("country", required=False, callback=_code)
@click.option("--actor", callback=_code, help="Only events by this actor (code or name).")
@click.option("--kind", "kinds", multiple=True,
              type=click.Choice(["deploy", "withdraw", "agreement_signed", "agreement_ended",
                                 "coup", "demand_withdrawal"]), help="Only these kinds.")
@click.option("--since", callback=iso_date, metavar="YYYY-MM-DD")
@click.option("--until", callback=iso_date, metavar="YYYY-MM-DD")
@known_at_option
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl", "json"]), default="text",
              show_default=True)
@output_option
@db_option
@click.pass_context
@fails_cleanly
def timeline_cmd(ctx: click.Context, country: str | None, actor: str | None,
                 kinds: tuple[str, ...], since: date | None, until: date | None,
                 known_at: date | None, fmt: str, output: str | None, db: str | None) -> None:
    """The dated events concerning COUNTRY (and/or by --actor) in order, each once however
    many outlets reported it, with its sources and sentences."""
    if country is None and actor is None:
        raise click.UsageError("give a COUNTRY, --actor, or both")
    from ..knowledge import timeline
    from ..report.timeline_list import render_timeline, timeline_record

    with open_db(ctx, db, create=False) as store:
        entries = timeline(store, country, actor=actor, kinds=kinds, since=since,
                           until=until, known_at=known_at)
    with atomic_output(output) as out, text_stream(out) as text:
        if fmt == "text":
            text.write(render_timeline(entries))
        elif fmt == "jsonl":
            for e in entries:
                text.write(json.dumps(timeline_record(e), ensure_ascii=False) + "\n")
        else:
            json.dump([timeline_record(e) for e in entries], text, ensure_ascii=False,
                      indent=2)
            text.write("\n")


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True,
              help="csv (ACLED-style columns), parquet, geojson (QGIS), graphml (Gephi), jsonl.")
@click.option("--country", callback=_code, help="Only events concerning this country.")
@known_at_option
@output_option
@db_option
@click.pass_context
@fails_cleanly
def export_cmd(ctx: click.Context, fmt: str, country: str | None, known_at: date | None,
               output: str | None, db: str | None) -> None:
    """Every stored event (one per real-world event, all sources) in a format other tools
    read; docs/export.md describes each."""
    if fmt == "parquet" and output in (None, "-") and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: give --output FILE (or redirect stdout)")
    from ..export import write_export
    from ..knowledge import facts

    with open_db(ctx, db, create=False) as store:
        found = facts(store, country, known_at=known_at)
    with atomic_output(output) as out:
        n = write_export(found, fmt=fmt, out=out)
    click.echo(f"sitrep: exported {n} {'feature' if fmt == 'geojson' else 'record'}(s)",
               err=True)


