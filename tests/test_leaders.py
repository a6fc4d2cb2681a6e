"""leaders.tsv and the leader index: people named in news mapped to the state they speak for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import ResourceError
from sitrep.gazetteer.leaders import (
    ORG_CODES,
    Leader,
    LeaderIndex,
    leaders_path,
    load_leaders,
    parse_leaders,
)
from sitrep.gazetteer.loaders import fold

HEADER = ("# test leaders\n# sources: tests\n# licence: MIT\n# version: 1\n"
          "name\taliases\tcode\trole\tfrom\tto\n")
KNOWN = frozenset({"AAA", "BBB", "CCC"}) | ORG_CODES


@pytest.fixture(scope="module")
def index() -> LeaderIndex:
    return load_leaders()


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "leaders.tsv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_packaged_file_is_large_and_valid(index: LeaderIndex) -> None:
    assert len(index) >= 250
    assert leaders_path().name == "leaders.tsv"
    by_form: dict[str, set[tuple[str, str]]] = {}
    for leader in index.leaders:
        for form in (leader.name, *leader.aliases):
            by_form.setdefault(fold(form), set()).add((leader.name, leader.code))
    # A form may name several terms of one person, never two people of different codes.
    clashes = {form: who for form, who in by_form.items()
               if len({code for _, code in who}) > 1 and len({name for name, _ in who}) > 1}
    assert not clashes


@pytest.mark.parametrize(("text", "code"), [
    ("Putin", "RUS"),
    ("President Vladimir Putin", "RUS"),
    ("Goita", "MLI"),
    ("Col. Assimi Goïta", "MLI"),
    ("Erdoğan", "TUR"),
    ("Erdogan", "TUR"),
    ("Muizzu", "MDV"),
    ("Mohammed Shia al-Sudani", "IRQ"),
    ("Stoltenberg", "NATO"),
    ("Macron's", "FRA"),
    ("Macron’s", "FRA"),
    ("Tchiani", "NER"),
    ("Burhan", "SDN"),
    ("Lt. Gen. Abdel Fattah al-Burhan", "SDN"),
    ("Secretary-General António Guterres", "UN"),
    ("Sheikh Hasina", "BGD"),
    ("Kallas", "EU"),
])
def test_lookup(index: LeaderIndex, text: str, code: str) -> None:
    leader = index.lookup(text)
    assert leader is not None
    assert leader.code == code
    assert index.code(text) == code


@pytest.mark.parametrize("text", ["John Smith", "President", "", "Paris"])
def test_unknown_is_none(index: LeaderIndex, text: str) -> None:
    assert index.lookup(text) is None


def test_date_picks_the_office_holder(index: LeaderIndex) -> None:
    assert index.code("Stoltenberg", on=date(2010, 6, 1)) == "NOR"
    assert index.code("Kallas", on=date(2022, 6, 1)) == "EST"


def test_date_preference_between_namesakes(tmp_path: Path) -> None:
    path = _write(tmp_path, "Alice Namesake\tNamesake\tAAA\thead_of_state\t2000\t2010-05-01\n"
                            "Bob Namesake\tNamesake\tBBB\tforeign_minister\t2015-01-01\t\n")
    ix = LeaderIndex(parse_leaders(path, known_codes=KNOWN))
    assert ix.code("Namesake", on=date(2005, 3, 1)) == "AAA"
    assert ix.code("Namesake", on=date(2020, 3, 1)) == "BBB"
    assert ix.code("Namesake", on=date(2012, 3, 1)) == "AAA"  # most recent before the date
    assert ix.code("Namesake") == "BBB"  # no date: most recent
    assert ix.code("President Alice Namesake's", on=date(2020, 1, 1)) == "AAA"
    bob = ix.lookup("Bob Namesake")
    assert bob == Leader("Bob Namesake", ("Namesake",), "BBB", "foreign_minister",
                         "2015-01-01", None)


def test_tie_between_codes_is_none(tmp_path: Path) -> None:
    path = _write(tmp_path, "Ann Twin\tTwin\tAAA\thead_of_state\t2020\t\n"
                            "Ben Twin\tTwin\tCCC\thead_of_state\t2020\t\n")
    ix = LeaderIndex(parse_leaders(path, known_codes=KNOWN))
    assert ix.lookup("Twin") is None
    assert ix.code("Ann Twin") == "AAA"


@pytest.mark.parametrize(("row", "problem"), [
    ("X Y\t\tZZZ\thead_of_state\t2000\t\n", "code 'ZZZ'"),
    ("X Y\t\tAAA\tking\t2000\t\n", "role 'king'"),
    ("X Y\t\tAAA\thead_of_state\t2000-13-01\t\n", "not a real date"),
    ("X Y\t\tAAA\thead_of_state\t2000-01\t\n", "YYYY or YYYY-MM-DD"),
    ("X Y\t\tAAA\thead_of_state\t2010\t2001\n", "after"),
    ("X Y\t\tAAA\thead_of_state\t2000\n", "6 tab-separated columns"),
    ("\t\tAAA\thead_of_state\t2000\t\n", "empty name"),
])
def test_broken_file_names_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path, "Good Row\t\tAAA\thead_of_state\t2000\t\n" + row)
    with pytest.raises(ResourceError) as caught:
        parse_leaders(path, known_codes=KNOWN)
    assert caught.value.line == 7
    assert caught.value.path == str(path)
    assert problem in str(caught.value)
    assert f"{path}:7" in str(caught.value)


def test_missing_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "leaders.tsv"
    path.write_text("name\taliases\tcode\trole\tfrom\tto\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="header"):
        parse_leaders(path, known_codes=KNOWN)
