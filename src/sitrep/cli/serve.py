"""`sitrep serve`: the web pages and the HTTP API over a store (docs/web.md, docs/api.md)."""

from __future__ import annotations

import click

from .common import fails_cleanly, open_db, settings_of

__all__ = ["register", "run_server"]


def register(main: click.Group) -> None:
    """Add `serve` to the command group."""
    main.add_command(serve_cmd)


def run_server(ctx: click.Context, db: str | None, *, host: str, port: int) -> None:
    """Serve the store named by `db` (else the settings') until interrupted."""
    import uvicorn

    from ..api.app import create_app

    settings = settings_of(ctx)
    with open_db(ctx, db, create=False) as store:
        app = create_app(store, settings=settings)
        mode = "read-write (token set)" if settings.api_token else "read-only"
        click.echo(f"sitrep serve: {store.url}, {mode}, on http://{host}:{port}/ "
                   "(API docs at /docs; Ctrl-C stops)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


host_option = click.option("--host", default="127.0.0.1", show_default=True,
                           help="Address to listen on (0.0.0.0: every interface; set "
                                "api_token before you allow writes).")
port_option = click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
                           help="Port to listen on.")


@click.command("serve")
@click.option("--db", metavar="PATH|URL",
              help="The store: a SQLite file or a PostgreSQL URL (default: setting db).")
@host_option
@port_option
@click.pass_context
@fails_cleanly
def serve_cmd(ctx: click.Context, db: str | None, host: str, port: int) -> None:
    """Serve the web pages (world map, countries, events, relations, search) and the HTTP
    API (/api, OpenAPI at /openapi.json) over a store. Read-only unless the api_token
    setting is set; then POST /api/articles with that bearer token ingests."""
    run_server(ctx, db, host=host, port=port)
