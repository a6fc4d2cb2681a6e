"""`sitrep demo`: the packaged Sahel corpus into a database, and Niger's report over time."""

from __future__ import annotations

import click

from .common import fails_cleanly, settings_of
from .serve import host_option, port_option, run_server

__all__ = ["register"]


def register(main: click.Group) -> None:
    """Add `demo` to the command group."""
    main.add_command(demo_cmd)


@click.command("demo")
@click.option("--db", default="sitrep-demo.db", show_default=True, metavar="PATH|URL",
              help="Where to build the demo database (run again: nothing is added twice).")
@click.option("--serve", is_flag=True,
              help="Then serve the demo database (web pages and API) until Ctrl-C.")
@host_option
@port_option
@click.pass_context
@fails_cleanly
def demo_cmd(ctx: click.Context, db: str, serve: bool, host: str, port: int) -> None:
    """Build a database from the demo corpus shipped with sitrep (57 short articles, our own
    words, about the Sahel 2020-2025, from 10 fictional outlets that sometimes disagree) and
    print Niger's situation at several dates."""
    from ..knowledge import situation
    from ..knowledge.demo import DEMO_COUNTRY, DEMO_DATES, build_demo
    from ..pipeline import load_pipeline
    from ..report import render_text
    from ..store import open_store
    from .store import progress_bar

    store = open_store(db)
    with store:
        click.echo(f"sitrep demo: building {store.url} from the demo corpus ...", err=True)
        with progress_bar("demo") as bar:
            report = build_demo(store, pipeline=load_pipeline(settings_of(ctx)),
                                progress=bar.update)
        counts = store.counts()
        click.echo(f"sitrep demo: {report.summary()}; {counts['articles']} article(s), "
                   f"{counts['events']} event(s) stored\n", err=True)
        for day in DEMO_DATES:
            click.echo("=" * 78)
            click.echo(render_text(situation(store, DEMO_COUNTRY, as_of=day)))
    where = f"--db {db}"
    click.echo("=" * 78)
    click.echo(f"""Going further (the demo database is {db}):
  sitrep report MLI --as-of 2022-09-01 {where}              another country, another day
  sitrep report NER --as-of 2024-12-01 --known-at 2024-06-01 {where}
                                                what an analyst could know on 2024-06-01
  sitrep report NER --as-of 2024-05-11 --format html -o niger.html {where}
                                                one page with a map and a timeline
  sitrep timeline NER --actor USA {where}        the US in Niger, event by event
  sitrep export --format csv -o events.csv {where}   ACLED-style CSV (also parquet,
                                                geojson, graphml, jsonl)
  sitrep serve {where}                           the web pages and the HTTP API
  sitrep ingest my-articles/ && sitrep report NER   your own articles (docs/cli.md)""")
    if serve:
        run_server(ctx, db, host=host, port=port)
