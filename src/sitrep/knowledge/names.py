"""Actor codes from what a user types: "NER", "ner", "Niger", "Nigerien", "ECOWAS"."""

from __future__ import annotations

from ..errors import InputError

__all__ = ["resolve_code"]


def resolve_code(text: str, *, what: str = "country") -> str:
    """The actor code `text` names (an ISO alpha-3 code, an organisation code, or a name,
    alias or demonym from the gazetteer); InputError naming `text` otherwise."""
    from ..gazetteer import load_gazetteer

    gaz = load_gazetteer()
    code = text.strip().upper()
    if gaz.country(code) is not None or code in gaz.org_codes():
        return code
    found = gaz.actor(text.strip())
    if found is not None:
        return found[0]
    raise InputError(what, f"{text!r} is not a country or organisation sitrep knows; give an "
                           "ISO 3166-1 alpha-3 code (NER) or a name (Niger)")
