"""Hand-built events and facts for the state tests: `make` builds them, `niger_us` is the
story of the US presence in Niger, 2024, as outlets reported it."""

from __future__ import annotations

import pytest

from factories import AB101, AB201, AGADEZ, NIAMEY, Make
from sitrep.state import Fact

__all__ = ["AB101", "AB201", "AGADEZ", "NIAMEY", "Make"]


@pytest.fixture(scope="session")
def make() -> Make:
    return Make()


@pytest.fixture(scope="session")
def niger_us(make: Make) -> list[Fact]:
    """US forces in Niger: reported at two bases in March 2024 (1,000 or 1,100 troops), told in
    May to leave, Air Base 101 handed over on 7 July, the withdrawal complete in September."""
    return [
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-18", doc="wire-0318",
                  place=AB101, troops=1000),
        make.fact("deploy", "ongoing", "USA", ["NER"], published="2024-03-19", doc="daily-0319",
                  place=AB201, troops=1100),
        make.fact("withdraw", "planned", "USA", ["NER"], published="2024-05-20",
                  doc="wire-0520", when="2024-05", troops=1000),
        make.fact("withdraw", "completed", "USA", ["NER"], published="2024-07-08",
                  doc="obs-0708", when="2024-07-07", place=AB101),
        make.fact("withdraw", "completed", "USA", ["NER"], published="2024-09-17",
                  doc="dod-0917", when="2024-09",
                  text="The withdrawal of US forces from Niger is complete, the Pentagon said."),
    ]
