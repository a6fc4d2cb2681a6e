"""Sub-national areas (areas.tsv) and their mapping to host states."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ResourceError
from sitrep.gazetteer import load_gazetteer
from sitrep.gazetteer.areas import AREA_KINDS, Area, AreaIndex, load_areas, parse_areas

HEADER = "# test file\n# sources: tests\n# licence: MIT\n# version: 1\n"
COLUMNS = "name\taliases\tcountry\tkind\tlat\tlon\tnote\n"
KNOWN = frozenset({"AZE", "MDA", "UKR", "SDN"})


@pytest.fixture(scope="module")
def areas() -> AreaIndex:
    return load_areas()


@pytest.mark.parametrize(("text", "code"), [
    ("Karabakh", "AZE"),
    ("Nagorno-Karabakh", "AZE"),
    ("Nagorno Karabakh", "AZE"),
    ("Transnistria", "MDA"),
    ("Cabo Delgado", "MOZ"),
    ("the Donbas", "UKR"),
    ("Crimea", "UKR"),
    ("North Kivu", "COD"),
    ("Nord-Kivu", "COD"),
    ("Tigray region", "ETH"),
    ("the Tigray Region", "ETH"),
    ("Tigray's", "ETH"),
    ("Darfur", "SDN"),
    ("Idlib", "SYR"),
    ("Idlib province", "SYR"),
    ("Gaza Strip", "PSE"),
    ("the Gaza Strip's", "PSE"),
    ("Okinawa", "JPN"),
    ("Ménaka", "MLI"),
    ("Menaka", "MLI"),
    ("Tillabéri region", "NER"),
    ("Iraqi Kurdistan", "IRQ"),
    ("the Golan Heights", "SYR"),
    ("Abkhazia", "GEO"),
    ("Tskhinvali region", "GEO"),
    ("Kaliningrad", "RUS"),
    ("Niger State", "NGA"),
    ("Blue Nile state", "SDN"),
    ("the Kivus", "COD"),
    ("Jammu and Kashmir", "IND"),
    ("Azad Kashmir", "PAK"),
])
def test_lookup_maps_area_to_host_state(areas: AreaIndex, text: str, code: str) -> None:
    found = areas.lookup(text)
    assert found is not None and found.country == code


@pytest.mark.parametrize("text", [
    "Atlantis", "", "the", "Kashmir", "Sahel", "Kurdistan", "Georgia", "Niger", "region",
    "Blue Nile", "Lac", "Tartus", "Kyiv",
])
def test_unknown_or_ambiguous_is_none(areas: AreaIndex, text: str) -> None:
    assert areas.lookup(text) is None


def test_packaged_file_is_large_and_well_formed(areas: AreaIndex) -> None:
    assert len(areas) >= 200
    assert all(a.kind in AREA_KINDS for a in areas.areas())
    assert load_areas() is areas


def test_no_area_form_is_an_actor_or_stoplisted(areas: AreaIndex) -> None:
    gaz = load_gazetteer()
    clashes = [(a.name, form) for a in areas.areas() for form in (a.name, *a.aliases)
               if gaz.actor(form) is not None or gaz.is_stopped(form)]
    assert clashes == []


def test_index_first_area_wins_within_a_state() -> None:
    one = Area("Alpha", ("A",), "UKR", "region", 1.0, 2.0)
    two = Area("Beta", ("a",), "UKR", "region", 3.0, 4.0)
    assert AreaIndex([one, two]).lookup("A") is one


def test_parse_small_file(tmp_path: Path) -> None:
    path = tmp_path / "areas.tsv"
    path.write_text(HEADER + COLUMNS + "Crimea\tKrym\tUKR\tdisputed\t45.3\t34.4\t\n"
                    "\n# a comment\nDarfur\t\tSDN\tregion\t13.5\t24.5\tnote\n", encoding="utf-8")
    parsed = parse_areas(path, known_codes=KNOWN)
    assert [a.name for a in parsed] == ["Crimea", "Darfur"]
    assert parsed[0] == Area("Crimea", ("Krym",), "UKR", "disputed", 45.3, 34.4, "")


@pytest.mark.parametrize(("body", "line", "problem"), [
    (COLUMNS + "Crimea\t\tXYZ\tdisputed\t45.3\t34.4\t\n", 6, "not a state code"),
    (COLUMNS + "Crimea\t\tUKR\tdisputed\tnorth\t34.4\t\n", 6, "not a number"),
    (COLUMNS + "Crimea\t\tUKR\tdisputed\t95\t34.4\t\n", 6, "outside"),
    (COLUMNS + "Crimea\t\tUKR\tdisputed\t45.3\t190\t\n", 6, "outside"),
    (COLUMNS + "Crimea\t\tUKR\tpeninsula\t45.3\t34.4\t\n", 6, "kind"),
    (COLUMNS + "\t\tUKR\tregion\t45.3\t34.4\t\n", 6, "empty name"),
    (COLUMNS + "Crimea\t\tUKR\tdisputed\t45.3\t34.4\n", 6, "columns"),
    ("name\taliases\tcountry\tlat\tlon\n", 5, "column row"),
    (COLUMNS + "Karabakh\t\tAZE\tdisputed\t39.8\t46.7\t\n"
     "Artsakh\tKarabakh\tMDA\tregion\t1\t1\t\n", 7, "already a form"),
])
def test_broken_file_names_file_and_line(tmp_path: Path, body: str, line: int,
                                         problem: str) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        parse_areas(path, known_codes=KNOWN)
    assert caught.value.path == str(path) and caught.value.line == line
    assert f"broken.tsv:{line}:" in str(caught.value) and problem in str(caught.value)


def test_missing_header_keys_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text("# test file\n" + COLUMNS, encoding="utf-8")
    with pytest.raises(ResourceError, match="sources"):
        parse_areas(path, known_codes=KNOWN)
