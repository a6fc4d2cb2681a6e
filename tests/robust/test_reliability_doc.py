"""docs/reliability.md cannot rot: every test its table names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
_TEST = re.compile(r"(tests/[\w/]+\.py)::(\w+)")


def _rows() -> list[list[str]]:
    """The body rows of the table: the lines starting with '|', less the header and rule."""
    rows = [[c.strip() for c in line.strip().strip("|").split("|")]
            for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    assert rows[0] == ["case", "behaviour", "test"], rows[0]
    return rows[2:]


def _named() -> list[tuple[str, str]]:
    return sorted({m.groups() for row in _rows() for m in _TEST.finditer(row[2])})


def test_every_row_names_a_test() -> None:
    rows = _rows()
    assert len(rows) >= 30
    assert [row[0] for row in rows if len(row) != 3 or not _TEST.search(row[2])] == []


@pytest.mark.parametrize(("path", "name"), _named())
def test_named_test_exists(path: str, name: str) -> None:
    file = ROOT / path
    assert file.is_file(), f"{path} does not exist"
    tree = ast.parse(file.read_text(encoding="utf-8"))
    functions = {node.name for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
    assert name in functions, f"{path} has no test {name}"
