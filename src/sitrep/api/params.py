"""Query parameters read strictly: a typo or a number where a day belongs is an error, not a
silently different question.

pydantic's lax mode reads `until=0` as 1970-01-01 and ignores `?contry=NER` (every event
comes back): an analyst would trust a wrong answer. So days must be YYYY-MM-DD, and a query
parameter the route does not declare is a 422 naming it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BeforeValidator

__all__ = ["Day", "known_params"]

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_day(value: object) -> object:
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("expected a day as YYYY-MM-DD")
    if not isinstance(value, str | date):
        raise ValueError("expected a day as YYYY-MM-DD")
    return value


#: a calendar day, written YYYY-MM-DD
Day = Annotated[date, BeforeValidator(_iso_day)]


def known_params(request: Request) -> None:
    """Refuse query parameters the route does not take (422, one detail per name)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = {str(getattr(p, "alias", "")) for p in _all_query_params(dependant)}
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise RequestValidationError([
            {"loc": ("query", name), "msg": f"unknown parameter; this route takes "
                                            f"{', '.join(sorted(allowed)) or 'none'}",
             "type": "unknown_parameter"} for name in unknown])


def _all_query_params(dependant: object) -> list[object]:
    found = list(getattr(dependant, "query_params", []))
    for sub in getattr(dependant, "dependencies", []):
        found += _all_query_params(sub)
    return found
