"""Fixtures of the web tests, built by hand (no model).

- A small store for the server's tests: a few articles in our own words about real, dated
  events, their events with evidence offsets that slice the text, and one hostile article
  whose text, title and names carry markup that must never run.
- The Sahel on 2024-05-11 for the map and graph pieces: situations of Niger, Mali and Burkina
  Faso derived from hand-built facts (tests/factories.py), and a Jinja2 environment for the
  macros."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from factories import AB101, AB201, NIAMEY, Make
from sitrep.records import Actor, Article, Event, Evidence
from sitrep.settings import Settings
from sitrep.state import Fact, Situation, derive_state
from sitrep.store import Store, open_store

#: markup that would run if any page or answer failed to escape it
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

_ARTICLES = [
    ("us-niger-withdrawal", date(2024, 5, 20), "https://news.invalid/us-niger",
     "US to pull troops from Niger",
     "The United States agreed with Niger's military government to withdraw its roughly "
     "1,000 troops by mid-September. US forces had operated from Air Base 101 in Niamey. "
     "Officials said the drawdown would begin in the coming weeks.",
     [("withdraw", "planned", "USA", ["NER"], "2024-09", NIAMEY, 1000,
       "The United States agreed with Niger's military government to withdraw its roughly "
       "1,000 troops by mid-September.")]),
    ("russia-niamey-arrival", date(2024, 4, 12), "https://news.invalid/russia-niamey",
     "Russian instructors land in Niamey",
     "Russian military instructors arrived in Niamey on Wednesday with an air defence system. "
     "They were received by Niger's military leaders at the airport.",
     [("deploy", "completed", "RUS", ["NER"], ("2024-04-10", "on Wednesday"), AB101, None,
       "Russian military instructors arrived in Niamey on Wednesday with an air defence "
       "system.")]),
    ("niger-coup-2023", date(2023, 7, 27), "https://news.invalid/niger-coup",
     "Soldiers seize power in Niger",
     "Soldiers of the presidential guard seized power in Niger on 26 July 2023 and detained "
     "President Mohamed Bazoum. The guard's commander later named himself head of state.",
     [("coup", "completed", "NER", [], "2023-07-26", None, None,
       "Soldiers of the presidential guard seized power in Niger on 26 July 2023 and "
       "detained President Mohamed Bazoum.")]),
    ("france-leaves-niger", date(2023, 12, 23), "https://news.invalid/france-niger",
     "Last French soldiers leave Niger",
     "The last French soldiers left Niger on 22 December 2023, ending a decade of "
     "counter-terrorism operations in the country.",
     [("withdraw", "completed", "FRA", ["NER"], "2023-12-22", None, None,
       "The last French soldiers left Niger on 22 December 2023, ending a decade of "
       "counter-terrorism operations in the country.")]),
    ("france-arrives-niger", date(2022, 8, 16), "https://news.invalid/barkhane-niger",
     "French forces regroup in Niger",
     "French forces leaving Mali regrouped in Niger in August 2022, where about 1,500 "
     "soldiers were stationed.",
     [("deploy", "completed", "FRA", ["NER"], "2022-08", None, 1500,
       "French forces leaving Mali regrouped in Niger in August 2022, where about 1,500 "
       "soldiers were stationed.")]),
]


def hostile_article() -> tuple[Article, list[Event]]:
    """An article whose text, title, URL and names carry markup and script."""
    sentence = f"Troops {HOSTILE} were sent to Chad in March 2024."
    text = f"Intro {HOSTILE}. {sentence} Outro."
    start = text.index(sentence)
    make = Make()
    ev = make.event("deploy", "completed", "FRA", ["TCD"], doc="hostile", when="2024-03")
    ev = replace(ev, actor=Actor("FRA", f"France {HOSTILE}", f"French {HOSTILE}", "MIL"),
                 evidence=(Evidence(sentence, start, start + len(sentence)),), id="")
    article = Article(id="hostile", text=text, published=date(2024, 3, 20),
                      url="javascript:alert(1)", title=f"Title {HOSTILE}")
    return article, [ev]


def site_articles() -> list[tuple[Article, list[Event]]]:
    """The articles of the test store with their events."""
    make = Make()
    found = []
    for doc, published, url, title, text, specs in _ARTICLES:
        events = []
        for kind, status, actor, counterpart, when, place, troops, sentence in specs:
            value, written = when if isinstance(when, tuple) else (when, when)
            ev = make.event(kind, status, actor, counterpart, doc=doc, when=value, place=place,
                            troops=troops)
            start = text.index(sentence)
            assert ev.date is not None
            events.append(replace(ev, evidence=(Evidence(sentence, start,
                                                         start + len(sentence)),),
                                  date=replace(ev.date, text=written), id=""))
        found.append((Article(id=doc, text=text, published=published, url=url, title=title),
                      events))
    found.append(hostile_article())
    return found


def fill(store: Store) -> None:
    """Store the test articles (a second call adds nothing)."""
    for article, events in site_articles():
        store.add_article(article, events, extractor="test")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                               marks=pytest.mark.postgres)])
def site_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The test store, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("site") / "site.db")
    else:
        url = request.getfixturevalue("fresh_pg")()
    with open_store(url) as store:
        fill(store)
    return url


@pytest.fixture
def site(site_url: str) -> Iterator[Store]:
    with open_store(site_url) as store:
        yield store


@pytest.fixture
def client_for() -> Iterator[Callable[..., object]]:
    """A function making a TestClient over a store, with settings overridden."""
    from fastapi.testclient import TestClient

    from sitrep.api.app import create_app

    made: list[TestClient] = []

    def make(store: Store, **settings: object) -> TestClient:
        app = create_app(store, settings=Settings.resolve(env={}, **settings))
        client = TestClient(app, raise_server_exceptions=False)
        made.append(client)
        return client

    yield make
    for c in made:
        c.close()


def chromium_path() -> str | None:
    """Debian's Chromium, which the browser tests drive (never a downloaded browser)."""
    for path in (os.environ.get("SITREP_CHROMIUM", ""), "/usr/bin/chromium",
                 "/usr/bin/chromium-browser"):
        if path and os.path.exists(path):
            return path
    return None


AS_OF = date(2024, 5, 11)


def sahel_facts(make: Make) -> list[Fact]:
    """US forces told to leave Niger, France gone, Russia and Wagner in Niger, Russia in Mali,
    the AES charter, and the 2012 Niger-US accord cancelled."""
    return [
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18", place=AB201),
        make.fact("withdraw", "planned", "USA", ["NER"], published="2024-05-20",
                  when="2024-05"),
        make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01"),
        make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                  published="2023-12-23"),
        make.fact("deploy", "completed", "RUS", ["NER"], when="2024-04", published="2024-04-13",
                  place=AB101),
        make.fact("deploy", "ongoing", "WAGNER", ["NER"], published="2024-04-20"),
        make.fact("deploy", "ongoing", "RUS", ["MLI"], published="2024-01-10"),
        make.fact("agreement_signed", "completed", "MLI", ["BFA", "NER"], when="2023-09-16",
                  published="2023-09-17", agreement="Liptako-Gourma charter"),
        make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-03-17",
                  agreement="2012 status-of-forces agreement"),
    ]


@pytest.fixture(scope="session")
def sahel() -> list[Situation]:
    facts = sahel_facts(Make())
    return [derive_state(facts, code, as_of=AS_OF) for code in ("NER", "MLI", "BFA")]


@pytest.fixture(scope="session")
def macros() -> Any:
    """The module of templates/web/_svg.html, rendered with autoescape as the pages do."""
    import jinja2

    from sitrep.datafiles import packaged

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(packaged("templates"))),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    return env.get_template("web/_svg.html").module
