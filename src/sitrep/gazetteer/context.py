"""Names whose actor depends on the article (resources/gazetteer/context_names.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import ResourceError
from .loaders import _items, _rows, fold

__all__ = ["ContextNames", "load_context_names", "parse_context_names"]

_RULES = frozenset({"shared", "seat"})


@dataclass(frozen=True, slots=True)
class ContextNames:
    """Folded form -> codes, per rule."""

    shared: dict[str, tuple[str, ...]]
    seats: dict[str, tuple[str, ...]]

    def shared_codes(self, text: str) -> tuple[str, ...]:
        """The states a bare name may mean ("Congo"), the default first; () if unambiguous."""
        return self.shared.get(fold(text), ())

    def seated_orgs(self, text: str) -> tuple[str, ...]:
        """The organisations seated in a capital ("Brussels"), or ()."""
        return self.seats.get(fold(text), ())


def parse_context_names(path: Path, *, known: frozenset[str]) -> ContextNames:
    """Read and validate context_names.tsv; codes must be known actor codes."""
    shared: dict[str, tuple[str, ...]] = {}
    seats: dict[str, tuple[str, ...]] = {}
    for line, (form, rule, codes) in _rows(path, ("form", "rule", "codes")):
        items = _items(codes)
        if not form or rule not in _RULES or not items:
            raise ResourceError(str(path), f"need a form, a rule in {sorted(_RULES)} and codes",
                                line=line)
        unknown = sorted(set(items) - known)
        if unknown:
            raise ResourceError(str(path), f"unknown codes {unknown}", line=line)
        (shared if rule == "shared" else seats)[fold(form)] = items
    return ContextNames(shared=shared, seats=seats)


@lru_cache(maxsize=1)
def load_context_names() -> ContextNames:
    """The packaged context names, loaded once."""
    from . import load_gazetteer, resource_dir

    gaz = load_gazetteer()
    known = frozenset(c.code for c in gaz.countries()) | gaz.org_codes()
    return parse_context_names(resource_dir() / "context_names.tsv", known=known)
