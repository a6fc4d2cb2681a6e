"""The gazetteer: packaged data files, their loaders, and lookups of actors, sites and cities."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry
import pytest

from sitrep.errors import ResourceError
from sitrep.gazetteer import (
    CODE_EXCEPTIONS,
    Gazetteer,
    fold,
    load_countries,
    load_gazetteer,
    load_organisations,
    load_sites,
    load_stoplist,
)
from sitrep.gazetteer import resource_dir as gazetteer_dir

DATA = gazetteer_dir()
HEADER = "# test file\n# sources: tests\n# licence: MIT\n# version: 1\n"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(("text", "code", "how"), [
    ("Niger", "NER", "name"),
    ("Nigeria", "NGA", "name"),
    ("Nigerien", "NER", "demonym"),
    ("Nigeriens", "NER", "demonym"),
    ("Nigerian", "NGA", "demonym"),
    ("Nigerians", "NGA", "demonym"),
    ("Burkinabé", "BFA", "demonym"),
    ("Burkinabe", "BFA", "demonym"),
    ("Djiboutian", "DJI", "demonym"),
    ("Emirati", "ARE", "demonym"),
    ("Emiratis", "ARE", "demonym"),
    ("Americans", "USA", "demonym"),
    ("Malians", "MLI", "demonym"),
    ("Chadian", "TCD", "demonym"),
    ("French", "FRA", "demonym"),
    ("Frenchmen", "FRA", "demonym"),
    ("US", "USA", "alias"),
    ("U.S.", "USA", "alias"),
    ("the United States", "USA", "name"),
    ("America's", "USA", "alias"),
    ("UK", "GBR", "alias"),
    ("Britain", "GBR", "alias"),
    ("Ivory Coast", "CIV", "alias"),
    ("Cote d’Ivoire", "CIV", "name"),
    ("Burma", "MMR", "alias"),
    ("Congo", "COG", "alias"),
    ("DR Congo", "COD", "alias"),
    ("DRC", "COD", "alias"),
    ("Democratic Republic of Congo", "COD", "alias"),
    ("Guinea", "GIN", "name"),
    ("Guinea-Bissau", "GNB", "name"),
    ("Guinea Bissau", "GNB", "name"),
    ("Equatorial Guinea", "GNQ", "name"),
    ("Papua New Guinea", "PNG", "name"),
    ("Georgia", "GEO", "name"),
    ("Jordan", "JOR", "name"),
    ("Chad", "TCD", "name"),
    ("Kosovo", "XKX", "name"),
    ("the Philippines'", "PHL", "name"),
    ("Washington", "USA", "capital"),
    ("Moscow's", "RUS", "capital"),
    ("Niamey", "NER", "capital"),
    ("Malé", "MDV", "capital"),
    ("the Pentagon", "USA", "seat"),
    ("Pentagon", "USA", "seat"),
    ("the Kremlin", "RUS", "seat"),
    ("Kremlin’s", "RUS", "seat"),
    ("Élysée", "FRA", "seat"),
    ("Elysee", "FRA", "seat"),
    ("MINUSMA", "UN", "org"),
    ("blue helmets", "UN", "org"),
    ("Africa Corps", "WAGNER", "org"),
    ("Wagner Group", "WAGNER", "org"),
    ("CEDEAO", "ECOWAS", "org"),
    ("KFOR", "NATO", "org"),
    ("EUTM Mali", "EU", "org"),
    ("Alliance des États du Sahel", "AES", "org"),
    ("the Alliance of Sahel States", "AES", "org"),
    ("ODKB", "CSTO", "org"),
])
def test_actor_lookup(gaz: Gazetteer, text: str, code: str, how: str) -> None:
    found = gaz.actor(text)
    assert found is not None and (found[0], found[2]) == (code, how)


@pytest.mark.parametrize(("text", "name"), [
    ("nigerien", "Niger"),
    ("MINUSMA", "United Nations"),
    ("Africa Corps", "Wagner Group"),
    ("the Pentagon", "United States"),
])
def test_actor_names_the_canonical_entry(gaz: Gazetteer, text: str, name: str) -> None:
    found = gaz.actor(text)
    assert found is not None and found[1] == name


@pytest.mark.parametrize("text", ["Brussels Airlines", "March", "Male", "the May", "Reading",
                                  "Sahel", "Pentagons", "Americas", "Nigers", ""])
def test_actor_lookup_misses(gaz: Gazetteer, text: str) -> None:
    assert gaz.actor(text) is None


def test_brussels_is_belgium_not_the_eu(gaz: Gazetteer) -> None:
    assert gaz.actor("Brussels") == ("BEL", "Belgium", "capital")


@pytest.mark.parametrize(("text", "sector"), [("MINUSMA", "MIL"), ("United Nations", "IGO"),
                                              ("Africa Corps", "MIL"), ("the EU", "IGO")])
def test_match_org_gives_the_row_and_its_sector(gaz: Gazetteer, text: str, sector: str) -> None:
    row = gaz.match_org(text)
    assert row is not None and row.sector == sector


@pytest.mark.parametrize(("code", "name"), [
    ("UN", "United Nations"), ("WAGNER", "Wagner Group"),
    ("ECOWAS", "Economic Community of West African States"),
])
def test_org_by_code_is_the_first_row(gaz: Gazetteer, code: str, name: str) -> None:
    entry = gaz.org(code)
    assert entry is not None and entry.name == name


@pytest.mark.parametrize(("code", "name"), [("NER", "Niger"), ("usa", "United States"),
                                            ("XKX", "Kosovo")])
def test_country_by_code(gaz: Gazetteer, code: str, name: str) -> None:
    entry = gaz.country(code)
    assert entry is not None and entry.name == name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("text", "country", "near", "km"), [
    ("Base 101", "NER", (13.51, 2.11), 15),            # Niamey
    ("the Air Base 101", "NER", (13.51, 2.11), 15),
    ("Air Base 201", "NER", (16.97, 7.99), 15),         # Agadez
    ("Camp Lemonnier", "DJI", (11.59, 43.15), 10),      # Djibouti city
    ("Kossei base", "TCD", (12.11, 15.04), 10),         # N'Djamena
    ("Hmeimim", "SYR", (35.52, 35.79), 25),             # Latakia
    ("Ramstein Air Base", "DEU", (49.44, 7.60), 5),
    ("Redzikowo", "POL", (54.46, 17.02), 10),           # Słupsk
    ("Ream Naval Base", "KHM", (10.61, 103.53), 20),    # Sihanoukville
])
def test_site_lookup(gaz: Gazetteer, text: str, country: str, near: tuple[float, float],
                     km: float) -> None:
    site = gaz.site(text)
    assert site is not None and site.country == country
    assert _km(site.lat, site.lon, *near) < km


@pytest.mark.parametrize(("text", "country"), [
    ("Niamey", "NER"), ("Agadez", "NER"), ("Gao", "MLI"), ("N'Djamena", "TCD"),
    ("N’Djamena", "TCD"), ("Ndjamena", "TCD"), ("Abéché", "TCD"), ("Abeche", "TCD"),
    ("Faya Largeau", "TCD"), ("Ouagadougou", "BFA"), ("Djibouti", "DJI"), ("Kiev", "UKR"),
    ("Pristina", "XKX"), ("Niamey's", "NER"),
])
def test_city_lookup(gaz: Gazetteer, text: str, country: str) -> None:
    city = gaz.city(text)
    assert city is not None and city.country == country


def test_gao_is_not_guantanamo(gaz: Gazetteer) -> None:
    city = gaz.city("Gao")
    assert city is not None and city.name == "Gao" and 15 < city.lat < 17


@pytest.mark.parametrize(("text", "country", "expected"), [
    ("Tripoli", None, "LBY"), ("Tripoli", "LBN", "LBN"),
    ("Gao", "BFA", "BFA"),
    ("Armenia", "COL", "COL"),  # shadowed by the country, found when its state is named
])
def test_city_prefers_the_given_country(gaz: Gazetteer, text: str, country: str | None,
                                        expected: str) -> None:
    city = gaz.city(text, country=country)
    assert city is not None and city.country == expected


@pytest.mark.parametrize("text", ["March", "Reading", "Male", "Mobile", "Georgia", "Jordan",
                                  "Chad", "Armenia", "Sudan", "Wagner", "Bagram"])
def test_city_misses_stopwords_and_other_entities(gaz: Gazetteer, text: str) -> None:
    assert gaz.city(text) is None


def test_male_accented_is_the_maldives_capital(gaz: Gazetteer) -> None:
    city = gaz.city("Malé")
    assert city is not None and city.country == "MDV"


def test_every_country_code_is_iso_or_documented() -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    codes = [c.code for c in load_countries(DATA / "countries.tsv")]
    assert len(codes) >= 195
    assert {c for c in codes if c not in iso} <= CODE_EXCEPTIONS


def test_every_country_but_three_has_a_demonym() -> None:
    # "Congolese" is the DRC's, "Dominican" the Dominican Republic's; the Holy See has none.
    missing = {c.code for c in load_countries(DATA / "countries.tsv") if not c.demonyms}
    assert missing == {"COG", "DMA", "VAT"}


def test_enough_sites_each_with_a_source() -> None:
    sites = load_sites(DATA / "military_sites.tsv")
    assert len(sites) >= 60
    assert all(site.source for site in sites)


def test_surface_forms_feed_an_entity_ruler(gaz: Gazetteer) -> None:
    forms = set(gaz.surface_forms())
    assert {("Nigerien", "NORP", "NER"), ("Niger", "GPE", "NER"), ("Pentagon", "ORG", "USA"),
            ("MINUSMA", "ORG", "UN"), ("Elysee", "ORG", "FRA"),
            ("Camp Lemonnier", "FAC", "Camp Lemonnier")} <= forms
    assert {label for _, label, _ in forms} == {"GPE", "NORP", "ORG", "FAC"}
    assert not any(text in {"March", "Male"} for text, _, _ in forms)


@pytest.mark.parametrize(("text", "key"), [("Côte d’Ivoire", "cote d'ivoire"),
                                           ("  Faya-Largeau ", "faya largeau"),
                                           ("Łask", "lask")])
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


COUNTRY_COLUMNS = "code\tname\taliases\tdemonyms\tcapitals\tseats\n"
ORG_COLUMNS = "code\tname\taliases\tsector\n"
SITE_COLUMNS = "name\taliases\tcountry\tlat\tlon\tkind\toperator_note\tsource\n"
Loader = Callable[[Path], Any]


@pytest.mark.parametrize(("loader", "text", "line", "problem"), [
    (load_countries, HEADER + COUNTRY_COLUMNS + "NER\tNiger\t\tNigerien\tNiamey\t\n"
     "MLI\tMali\n", 7, "columns"),
    (load_countries, HEADER + COUNTRY_COLUMNS + "QQQ\tNowhere\t\t\t\t\n", 6, "ISO"),
    (load_countries, HEADER + COUNTRY_COLUMNS + "NER\tNiger\t\t\t\t\n\nNER\tNiger\t\t\t\t\n",
     8, "duplicate code"),
    (load_countries, HEADER + COUNTRY_COLUMNS + "NER\t\t\t\t\t\n", 6, "empty name"),
    (load_countries, HEADER + COUNTRY_COLUMNS + "NER\tNiger\t\t\t\t\nNGA\tNigeria\tNiger\t\t\t\n",
     7, "already"),
    (load_countries, COUNTRY_COLUMNS + "NER\tNiger\t\t\t\t\n", 1, "header"),
    (load_countries, "# version: 1\n" + COUNTRY_COLUMNS, 1, "sources"),
    (load_countries, HEADER + "code\tname\n", 5, "column row"),
    (load_organisations, HEADER + ORG_COLUMNS + "UN\tUnited Nations\tUN\tIGO\n"
     "UN\tMINUSMA\t\tARMY\n", 7, "sector"),
    (load_organisations, HEADER + ORG_COLUMNS + "un\tUnited Nations\t\tIGO\n", 6, "code"),
    (load_sites, HEADER + SITE_COLUMNS + "Base 101\t\tNER\tnorth\t2.1\tair_base\t\tWikipedia\n",
     6, "not a number"),
    (load_sites, HEADER + SITE_COLUMNS + "Base 101\t\tNER\t13.5\t2.1\tair_base\t\t\n",
     6, "source"),
    (load_sites, HEADER + SITE_COLUMNS + "Base 101\t\tNER\t13.5\t2.1\tdepot\t\tWikipedia\n",
     6, "kind"),
    (load_sites, HEADER + SITE_COLUMNS + "Base 101\t\tNER\t95\t2.1\tair_base\t\tWikipedia\n",
     6, "outside"),
    (load_stoplist, HEADER + "form\treason\nMarch\tmonth\nmarch\tagain\n", 7, "duplicate"),
])
def test_broken_file_names_file_and_line(tmp_path: Path, loader: Loader, text: str, line: int,
                                         problem: str) -> None:
    path = tmp_path / "broken.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ResourceError) as caught:
        loader(path)
    assert caught.value.path == str(path) and caught.value.line == line
    assert f"broken.tsv:{line}:" in str(caught.value) and problem in str(caught.value)


def _copy_data(tmp_path: Path) -> Path:
    for name in ("countries.tsv", "organisations.tsv", "military_sites.tsv", "stoplist.tsv"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("file", "row", "problem"), [
    ("stoplist.tsv", "Chad\ta first name\n", "stoplisted"),
    ("organisations.tsv", "FOO\tFoo\tNiger\tIGO\n", "already a form of NER"),
    ("organisations.tsv", "NER\tFoo\t\tIGO\n", "country code"),
    ("military_sites.tsv", "Somewhere\t\tHKG\t1\t1\tcamp\t\tWikipedia\n", "not in countries"),
])
def test_clash_between_files_is_an_error(tmp_path: Path, file: str, row: str,
                                         problem: str) -> None:
    folder = _copy_data(tmp_path)
    with (folder / file).open("a", encoding="utf-8") as fh:
        fh.write(row)
    with pytest.raises(ResourceError, match=problem):
        Gazetteer.from_directory(folder)


def test_packaged_files_load_cleanly() -> None:
    assert len(load_organisations(DATA / "organisations.tsv")) > 50
    assert any(s.form == "March" for s in load_stoplist(DATA / "stoplist.tsv"))


def test_load_gazetteer_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
