"""`sitrep extract` and `sitrep evaluate`: events from files, and scores against gold."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

import click

from ..errors import InputError, SitrepError
from ..settings import Settings
from .common import (
    EXIT_BAD_INPUT,
    atomic_output,
    first_pass_option,
    output_path,
    published_option,
    sentence_pass_option,
    text_stream,
)

__all__ = ["register"]


def register(main: click.Group) -> None:
    """Add `extract` and `evaluate` to the command group."""
    main.add_command(extract_cmd)
    main.add_command(evaluate_cmd)


@click.command("extract")
@click.argument("files", nargs=-1, type=str)
@click.option("--input", "-i", "inputs", multiple=True, metavar="FILE",
              help="A JSONL corpus ({id, text, published?, url?, title?} per line); repeatable; "
                   "'-' reads stdin.")
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl",
              show_default=True, help="jsonl/json for machines, table for people.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              callback=output_path, help="Write here (atomically) instead of stdout.")
@click.option("--input-format", type=click.Choice(["auto", "text", "html", "jsonl", "feed"]),
              default="auto", show_default=True, help="How to read FILES.")
@click.option("--model", help="spaCy pipeline package to use (setting model_en).")
@click.option("--min-confidence", type=float, help="Drop events below this confidence.")
@first_pass_option
@sentence_pass_option
@click.pass_context
def extract_cmd(ctx: click.Context, files: tuple[str, ...], inputs: tuple[str, ...],
                published: date | None, fmt: str, output: str | None, input_format: str,
                model: str | None, min_confidence: float | None,
                first_pass: bool | None, sentence_pass: bool | None) -> None:
    """Extract events from FILES (text, HTML, JSONL, RSS/Atom; '-' for stdin).

    Prints one JSON event record per line (docs/event-record.md). Bad inputs are reported on
    stderr naming the file and line; the others are still processed, and the exit code is 3.
    """
    if not files and not inputs:
        raise click.UsageError("give at least one FILE or --input FILE ('-' for stdin)")
    try:
        settings = Settings.resolve(config_file=ctx.obj["config_file"], model_en=model,
                                    min_confidence=min_confidence, first_pass=first_pass,
                                    sentence_pass=sentence_pass)
        from ..ingest import FetchPolicy, ReadLimits, read_source
        from ..pipeline import load_pipeline

        sources = [(f, input_format) for f in files] + [(i, "jsonl") for i in inputs]
        problems: list[InputError] = []

        def articles() -> Iterator[Any]:
            for name, how in sources:
                for item in read_source(name, published=published, fmt=how,  # type: ignore[arg-type]
                                        fetch=FetchPolicy.from_settings(settings),
                                        limits=ReadLimits.from_settings(settings)):
                    if isinstance(item, InputError):
                        problems.append(item)
                        click.echo(f"sitrep: {item}", err=True)
                    else:
                        yield item

        pipe = load_pipeline(settings)
        records = (ev.to_dict() for _, events in pipe.extract_many(articles()) for ev in events)
        _write(records, fmt=fmt, output=output)
    except SitrepError as exc:
        click.echo(f"sitrep: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    if problems:
        click.echo(f"sitrep: {len(problems)} input problem(s); other inputs were processed",
                   err=True)
        sys.exit(EXIT_BAD_INPUT)


def _write(records: Iterator[dict[str, Any]], *, fmt: str, output: str | None) -> None:
    with atomic_output(output) as out, text_stream(out) as text:
        _render(records, fmt, text)


def _render(records: Iterator[dict[str, Any]], fmt: str, out: IO[str]) -> None:
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _table(list(records), out)


def _table(records: list[dict[str, Any]], out: IO[str]) -> None:
    cols = ("doc_id", "kind", "status", "actor", "counterpart", "date", "troops", "place",
            "evidence")
    rows = []
    for r in records:
        rows.append((
            str(r["doc_id"]), r["kind"], r["status"], r["actor"]["code"],
            ",".join(c["code"] for c in r["counterpart"]) or "-",
            (r["date"] or {}).get("value") or "-",
            str(r["troops"]) if r["troops"] is not None else "-",
            (r["place"] or {}).get("name") or "-",
            _clip(r["evidence"][0]["text"] if r["evidence"] else "", 60),
        ))
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(cols)]
    widths[0] = min(widths[0], 24)
    line = "  ".join(c.upper().ljust(w) for c, w in zip(cols, widths, strict=True))
    out.write(line.rstrip() + "\n")
    for row in rows:
        cells = [_clip(v, w).ljust(w) for v, w in zip(row, widths, strict=True)]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(f"{len(records)} event(s)\n")


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("evaluate")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False),
              help="Score these event records instead of extracting from the gold texts.")
@click.option("--save", type=click.Path(dir_okay=False), callback=output_path,
              help="Also write the extracted events here (JSONL).")
@click.option("--details/--no-details", default=False,
              help="List misses, extras and wrong attributes.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.pass_context
def evaluate_cmd(ctx: click.Context, gold: tuple[str, ...], predictions: str | None,
                 save: str | None, details: bool, as_json: bool) -> None:
    """Score extraction on GOLD article files (shared/eval/GUIDELINES.md gold format)."""
    from ..evaluate import predict, read_gold, read_records, score

    try:
        rows = [row for path in gold for row in read_gold(path)]
        if predictions:
            preds = read_records(predictions)
        else:
            from ..pipeline import load_pipeline

            pipe = load_pipeline(Settings.resolve(config_file=ctx.obj["config_file"]))
            preds = predict(pipe, rows)
        if save:
            _write(iter(preds), fmt="jsonl", output=save)
    except SitrepError as exc:
        click.echo(f"sitrep: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    result = score(rows, preds)
    summary = result.summary()
    if as_json:
        click.echo(json.dumps(summary))
        return
    if details:
        for doc, g in result.misses:
            click.echo(f"miss  {doc}: {g['kind']} {g['actor']}->{g['counterpart']} "
                       f"| {_clip(g.get('evidence', ''), 90)}")
        for doc, p in result.extras:
            click.echo(f"extra {doc}: {p['kind']} {p['actor']['code']}->"
                       f"{[c['code'] for c in p['counterpart']]} {p['status']} [{p['rule']}] "
                       f"| {_clip(p['evidence'][0]['text'], 90)}")
        for doc, name, g, p in result.wrong:
            click.echo(f"wrong {name:6s} {doc}: {g['kind']} {g['actor']}->{g['counterpart']} "
                       f"gold={g.get(name)!r} got={_attr(p, name)!r}")
    for kind, counts in sorted(result.per_kind.items()):
        click.echo(f"{kind:18s} tp={counts['tp']:3d} fp={counts['fp']:3d} fn={counts['fn']:3d}")
    click.echo(" ".join(f"{k}={v}" for k, v in summary.items()))


def _attr(pred: dict[str, Any], name: str) -> Any:
    value = pred.get(name)
    if isinstance(value, dict):
        return value.get("value") or value.get("name")
    return value
