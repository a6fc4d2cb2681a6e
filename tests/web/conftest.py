"""The Sahel on 2024-05-11 for the web pieces: situations of Niger, Mali and Burkina Faso
derived from hand-built facts (tests/factories.py), and a Jinja2 environment for the macros."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from factories import AB101, AB201, Make
from sitrep.state import Fact, Situation, derive_state

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
