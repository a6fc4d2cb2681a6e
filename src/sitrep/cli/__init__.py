"""The `sitrep` command: a thin shell over the library.

Each command parses its options, makes library calls, and maps `SitrepError` to an exit code
(docs/cli.md). Importing this package does not import spaCy or SQLAlchemy: `sitrep --help`
stays fast.

    extract, evaluate            events from files; scores against gold   (cli/extract.py)
    ingest, reprocess            articles into the store                  (cli/store.py)
    report, timeline, export     what the store knows                     (cli/store.py)
    demo                         the demo corpus, end to end              (cli/demo.py)
    batch                        extract over shards on Dask              (cli/batch.py)
    serve                        web pages and HTTP API                   (cli/serve.py)
"""

from __future__ import annotations

import click

from . import batch, demo, extract, serve, store

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="sitrep")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              envvar="SITREP_CONFIG", help="TOML settings file (see docs/settings.md).")
@click.pass_context
def main(ctx: click.Context, config_file: str | None) -> None:
    """sitrep: sourced, dated security-relations events from news text, and the situation
    they add up to."""
    ctx.obj = {"config_file": config_file}


extract.register(main)
store.register(main)
demo.register(main)
batch.register(main)
serve.register(main)
