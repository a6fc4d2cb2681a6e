"""Text labels in an SVG, placed so that they neither overlap nor leave the frame.

No font metrics are at hand when rendering offline, so a label's box is estimated from its
length; the estimate is generous, so labels placed apart stay apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["FONT", "Label", "Want", "place_labels"]

FONT = 13.0  # label font size in SVG units (the template's CSS uses the same)
_CHAR = 0.62  # estimated advance of one character, in font sizes
_GAP = 7.0  # from a marker's centre to its label
#: font size factors by kind (the template's CSS says the same)
_SIZE = {"host": 1.15, "other": 0.85}


@dataclass(frozen=True, slots=True)
class Want:
    """A label wanted near (x, y): `kind` "place" (beside a marker), or "host" or "actor"
    (a country's name, centred on its anchor when there is room)."""

    text: str
    x: float
    y: float
    kind: str


@dataclass(frozen=True, slots=True)
class Label:
    """A text at (x, y) (the baseline), anchored "start", "middle" or "end"; `kind` is its CSS
    class."""

    text: str
    x: float
    y: float
    anchor: str
    kind: str


_Rect = tuple[float, float, float, float]  # left, top, right, bottom
_Spot = tuple[float, float, str]


def _rect(text: str, size: float, x: float, y: float, anchor: str) -> _Rect:
    w = len(text) * size * _CHAR
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return (left, y - size, left + w, y + size * 0.3)


def _overlap(a: _Rect, b: _Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(want: Want, size: float) -> list[_Spot]:
    """Beside a marker first (right, left, above, below); a country's name centred first;
    then further down and up on either side."""
    x, y = want.x, want.y
    base = size * 0.35
    side = [(x + _GAP, y + base, "start"), (x - _GAP, y + base, "end")]
    around = [(x, y - _GAP - 2, "middle"), (x, y + _GAP + size, "middle")]
    spots = [(x, y + base, "middle"), *around, *side] if want.kind != "place" else [
        *side, *around]
    for step in range(1, 5):
        for dy in (step * size * 1.1, -step * size * 1.1):
            spots += [(x + _GAP, y + base + dy, "start"), (x - _GAP, y + base + dy, "end")]
    return spots


def _inside(r: _Rect, width: float, height: float) -> bool:
    return r[0] >= 0 and r[1] >= 0 and r[2] <= width and r[3] <= height


def _clamped(want: Want, width: float) -> tuple[_Spot, _Rect]:
    """The first spot, slid sideways into the frame: a label too close to the edge."""
    size = FONT * _SIZE.get(want.kind, 1.0)
    x, y, anchor = _candidates(want, size)[0]
    r = _rect(want.text, size, x, y, anchor)
    dx = max(0.0, -r[0]) - max(0.0, r[2] - width)
    return (x + dx, y, anchor), (r[0] + dx, r[1], r[2] + dx, r[3])


def place_labels(wants: Sequence[Want], *, width: float, height: float,
                 markers: Sequence[tuple[float, float]] = (),
                 optional: Sequence[Want] = ()) -> tuple[tuple[Label, ...], tuple[Label, ...]]:
    """Labels for `wants`, in their order, and for those of `optional` that fit.

    Greedy: places first, top to bottom, then the other wants, then the optional ones; each
    at the first candidate spot inside width x height that clears the labels already placed
    and the `markers` (centres of 8 px symbols). A want with no free spot gets its first spot
    slid into the frame; an optional one is left out."""
    blocked = [(x - 4, y - 4, x + 4, y + 4) for x, y in markers]
    out: dict[int, Label] = {}
    order = sorted(range(len(wants)), key=lambda i: (
        wants[i].kind != "place", wants[i].y, wants[i].x, wants[i].text))
    for i in order:
        spot, r = _free(wants[i], width, height, blocked) or _clamped(wants[i], width)
        blocked.append(r)
        out[i] = Label(wants[i].text, *spot, wants[i].kind)
    extra = []
    for want in optional:
        found = _free(want, width, height, blocked)
        if found is not None:
            blocked.append(found[1])
            extra.append(Label(want.text, *found[0], want.kind))
    return tuple(out[i] for i in range(len(wants))), tuple(extra)


def _free(want: Want, width: float, height: float,
          blocked: Sequence[_Rect]) -> tuple[_Spot, _Rect] | None:
    size = FONT * _SIZE.get(want.kind, 1.0)
    for x, y, anchor in _candidates(want, size):
        r = _rect(want.text, size, x, y, anchor)
        if _inside(r, width, height) and not any(_overlap(r, b) for b in blocked):
            return (x, y, anchor), r
    return None
