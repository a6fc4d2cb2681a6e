"""The public surface of `sitrep` is pinned: changing it is a visible decision."""

from __future__ import annotations

import subprocess
import sys

import sitrep


def test_all_is_pinned() -> None:
    assert sorted(sitrep.__all__) == sorted([
        "Actor", "Article", "DateValue", "Event", "Evidence", "Fact", "Pipeline", "Place",
        "Plover", "Settings", "Situation", "SitrepError", "derive_state", "extract",
        "load_pipeline", "open_store",
    ])


def test_every_name_in_all_exists() -> None:
    for name in sitrep.__all__:
        assert hasattr(sitrep, name), name


def test_import_and_help_do_not_load_spacy() -> None:
    code = ("import sys, sitrep, sitrep.cli; "
            "print('spacy' in sys.modules, 'dateparser' in sys.modules, "
            "'sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False", "False"]
