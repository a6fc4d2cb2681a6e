"""write_export: one entry point for every format."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from sitrep.errors import ConfigError
from sitrep.export import FORMATS, write_export

from .conftest import Facts


def test_formats_are_the_five() -> None:
    assert FORMATS == ("csv", "parquet", "geojson", "graphml", "jsonl")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_stream_is_written_and_left_open(facts: Facts, fmt: str) -> None:
    out = io.BytesIO()
    write_export(facts.all(), fmt=fmt, out=out)
    assert (out.closed, out.getbuffer().nbytes > 0) == (False, True)


@pytest.mark.parametrize("fmt", FORMATS)
def test_facts_may_be_a_one_pass_iterator(facts: Facts, fmt: str) -> None:
    listed, once = io.BytesIO(), io.BytesIO()
    expected = write_export(facts.all(), fmt=fmt, out=listed)
    assert write_export(iter(facts.all()), fmt=fmt, out=once) == expected


@pytest.mark.parametrize("fmt", ["xlsx", "CSV", ""])
def test_an_unknown_format_names_it_and_the_choices(facts: Facts, fmt: str) -> None:
    with pytest.raises(ConfigError, match=rf"'{fmt}'.*csv, parquet, geojson, graphml, jsonl"):
        write_export(facts.all(), fmt=fmt, out=io.BytesIO())


def test_import_loads_neither_pyarrow_nor_networkx() -> None:
    code = ("import sys, sitrep.export; "
            "print(*(m in sys.modules for m in ('pyarrow', 'networkx', 'sitrep.gazetteer')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "False"]
