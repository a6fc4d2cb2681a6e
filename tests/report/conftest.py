"""Hand-built facts for the HTML report tests (after tests/state/conftest.py): `make` builds
events and facts; `niger` is Niger 2023-2024 as outlets reported it, `situation` its state."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pytest

from factories import AB101, AB201, Make
from sitrep.records import Place
from sitrep.state import Fact, Situation, derive_state

__all__ = ["AB101", "AB201", "Make"]

OUALLAM = Place("Ouallam", "NER", 14.32, 2.09, "Ouallam", "city")


@pytest.fixture(scope="session")
def make() -> Make:
    return Make()


@pytest.fixture(scope="session")
def niger(make: Make) -> list[Fact]:
    return niger_facts(make)


def niger_facts(make: Make) -> list[Fact]:
    """Niger, 2023-2024: a coup, France out, the US told to leave, Russia and Wagner in, the
    AES charter; a Chadian deployment at Ouallam; given out of date order on purpose."""
    return [
        make.fact("withdraw", "planned", "USA", ["NER"], published="2024-05-20", doc="wire-0520",
                  when="2024-05", troops=1000),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18", doc="wire-0318",
                  place=AB101, troops=1000),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-19", doc="daily-0319",
                  place=AB201, troops=1100),
        make.fact("coup", "completed", "NER", when="2023-07-26", published="2023-07-27"),
        make.fact("deploy", "ongoing", "FRA", ["NER"], published="2023-08-01", troops=1500),
        make.fact("withdraw", "completed", "FRA", ["NER"], when="2023-12-22",
                  published="2023-12-23"),
        make.fact("deploy", "completed", "RUS", ["NER"], when="2024-04", published="2024-04-13",
                  place=AB101),
        make.fact("deploy", "ongoing", "WAGNER", ["NER"], published="2024-04-20"),
        make.fact("deploy", "ongoing", "TCD", ["NER"], published="2024-02-02", place=OUALLAM),
        make.fact("agreement_signed", "completed", "MLI", ["BFA", "NER"], when="2023-09-16",
                  published="2023-09-17",
                  text="The charter binds the three countries to assist one another."),
        make.fact("agreement_ended", "completed", "NER", ["USA"], published="2024-03-17",
                  agreement="2012 status-of-forces agreement"),
        make.fact("demand_withdrawal", "planned", "NER", ["USA"], published="2024-03-17"),
    ]


AS_OF = date(2024, 5, 11)


@pytest.fixture(scope="session")
def situation(niger: list[Fact]) -> Situation:
    return derive_state(niger, "NER", as_of=AS_OF)


class Page(HTMLParser):
    """A parsed page: every start tag with its attributes, in order, and the visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._style = False

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]

    @property
    def words(self) -> str:
        return " ".join(" ".join(self.text).split())
