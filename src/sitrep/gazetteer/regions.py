"""Regional qualifiers of state descriptions ("the West African country"), from regions.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .loaders import _items, _rows, fold

__all__ = ["Regions", "load_regions", "parse_regions"]


@dataclass(frozen=True, slots=True)
class Regions:
    """Folded regional form -> the member states' codes."""

    members: dict[str, frozenset[str]]

    def states_for(self, words: str) -> frozenset[str] | None:
        """Member codes when `words` (e.g. "West African", "Sahel") name a region, else None."""
        return self.members.get(fold(words))


def parse_regions(path: Path, *, known: frozenset[str]) -> Regions:
    """Read and validate regions.tsv; every member must be a known state code."""
    members: dict[str, frozenset[str]] = {}
    for line, (region, forms, codes) in _rows(path, ("region", "forms", "members")):
        states = frozenset(_items(codes))
        unknown = sorted(states - known)
        if not region or not _items(forms) or not states:
            raise ResourceError(str(path), "region, forms and members must not be empty",
                                line=line)
        if unknown:
            raise ResourceError(str(path), f"unknown state codes {unknown}", line=line)
        for form in _items(forms):
            key = fold(form)
            members[key] = members.get(key, frozenset()) | states
    return Regions(members=members)


@lru_cache(maxsize=1)
def load_regions() -> Regions:
    """The packaged regional qualifiers, loaded once."""
    from . import load_gazetteer, resource_dir

    known = frozenset(c.code for c in load_gazetteer().countries())
    return parse_regions(resource_dir() / "regions.tsv", known=known)
