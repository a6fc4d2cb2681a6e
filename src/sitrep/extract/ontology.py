"""The event kinds and their PLOVER codes (resources/ontology.yaml), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..datafiles import packaged, read_yaml
from ..errors import ResourceError
from ..records import KINDS, STATUSES, Plover

__all__ = ["Ontology", "load_ontology", "parse_ontology"]


@dataclass(frozen=True, slots=True)
class Ontology:
    """Kind descriptions and the PLOVER code of each (kind, status)."""

    descriptions: dict[str, str]
    plover: dict[tuple[str, str], Plover]

    def plover_for(self, kind: str, status: str) -> Plover:
        """The PLOVER type/mode/context of an event of this kind and status."""
        return self.plover[(kind, status)]


def load_ontology() -> Ontology:
    """The packaged ontology."""
    return _load(str(packaged("ontology.yaml")))


@lru_cache(maxsize=2)
def _load(path: str) -> Ontology:
    return parse_ontology(Path(path))


def parse_ontology(path: Path) -> Ontology:
    """Read and validate an ontology file: every kind, every status, a PLOVER type each."""
    data = read_yaml(path, "the ontology")
    kinds = data.get("kinds") if isinstance(data, dict) else None
    if not isinstance(kinds, dict):
        raise ResourceError(str(path), "expected a 'kinds' mapping")
    missing = [k for k in KINDS if k not in kinds]
    if missing:
        raise ResourceError(str(path), f"kinds missing: {', '.join(missing)}")
    descriptions: dict[str, str] = {}
    plover: dict[tuple[str, str], Plover] = {}
    for kind, body in kinds.items():
        if kind not in KINDS:
            raise ResourceError(str(path), f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
        if not isinstance(body, dict) or not isinstance(body.get("plover"), dict):
            raise ResourceError(str(path), f"kind {kind}: needs 'description' and 'plover'")
        descriptions[kind] = str(body.get("description", ""))
        for status in STATUSES:
            code = body["plover"].get(status)
            if not isinstance(code, dict) or not isinstance(code.get("type"), str):
                raise ResourceError(str(path), f"kind {kind}: plover.{status} needs a 'type'")
            plover[(kind, status)] = Plover(type=code["type"], mode=code.get("mode"),
                                            context=code.get("context"))
    return Ontology(descriptions=descriptions, plover=plover)
