"""Names whose actor depends on the article (resources/gazetteer/context_names.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ResourceError
from sitrep.gazetteer.context import load_context_names, parse_context_names

HEADER = "# test\n# sources: tests\n# licence: MIT\n# version: 1\nform\trule\tcodes\n"


def test_the_packaged_file_loads() -> None:
    names = load_context_names()
    assert names.shared_codes("Congo") == ("COG", "COD")
    assert "EU" in names.seated_orgs("Brussels")
    assert names.shared_codes("Niger") == ()


@pytest.mark.parametrize(("row", "problem"), [
    ("Congo\tshared\tCOG|XXX\n", "unknown codes"),
    ("Brussels\tcapital\tEU\n", "rule"),
    ("Congo\tshared\t\n", "codes"),
])
def test_a_broken_row_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = tmp_path / "context_names.tsv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(ResourceError, match=problem) as err:
        parse_context_names(path, known=frozenset({"COG", "COD", "EU"}))
    assert f"{path}:6" in str(err.value)
