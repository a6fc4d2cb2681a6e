"""The words of a report, shared by every rendering: one phrase per state line, in sections."""

from __future__ import annotations

from dataclasses import dataclass

from ..state import Agreement, Government, Moment, Obligation, Presence, Situation, Source

__all__ = ["Line", "Section", "sections", "source_label", "title"]

_STATUS = {"present": "present", "withdrawal_planned": "withdrawal planned",
           "withdrawing": "withdrawing", "ended": "ended"}


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    lines: tuple[Line, ...]


def _when(m: Moment | None) -> str:
    if m is None:
        return "unknown"
    return f"{m.value} (reported)" if m.reported else m.value


def _dated(m: Moment | None) -> str:
    """A date inside parentheses: '2024-07-07', 'reported 2024-03-18'."""
    if m is None:
        return "date unknown"
    return f"reported {m.value}" if m.reported else m.value


def _party(s: Situation, code: str) -> str:
    name = s.name(code)
    return code if name == code else f"{name} ({code})"


def _places(sites: str, label: str) -> str:
    return f"; {label} {sites}" if sites else ""


def _presence(s: Situation, p: Presence) -> str:
    text = f"{_party(s, p.actor)}: "
    if p.status == "ended":
        text += f"from {_when(p.since)} until {_when(p.until)}"
    else:
        text += f"{_STATUS[p.status]}"
        if p.status != "present":
            text += f" since {_when(p.status_since)}"
            text += f"; present since {_when(p.since)}"
        else:
            text += f" since {_when(p.since)}"
    if p.troops is not None:
        text += f"; {p.troops:,} troops"
        others = sorted({t.count for t in p.troop_counts} - {p.troops})
        if others:
            text += " (also reported: " + ", ".join(f"{n:,}" for n in others) + ")"
    text += _places(", ".join(x.name for x in p.places), "at")
    text += _places(", ".join(f"{x.name} ({_dated(x.moment)})" for x in p.handed_over),
                    "handed over")
    return text


def _agreement(s: Situation, a: Agreement) -> str:
    text = " – ".join(_party(s, c) for c in a.parties)
    if a.name:
        text += f": {a.name}"
    text += f"; signed {_when(a.signed)}"
    if a.ended is not None:
        text += f"; ended {_when(a.ended)}"
    elif a.end_planned is not None:
        text += f"; end planned {_when(a.end_planned)}"
    return text


def _government(g: Government) -> str:
    text = f"since {_when(g.since)}, by {g.how}"
    return text + (f", ousting {g.ousted}" if g.ousted else "")


def _obligation(s: Situation, o: Obligation) -> str:
    text = ", ".join(_party(s, c) for c in o.members) + f": {o.obligation}"
    if o.agreement:
        text += f" ({o.agreement})"
    return text + f" since {_when(o.since)}"


def title(s: Situation) -> str:
    """'Niger as of 2024-05-11', and what the report is known from."""
    head = f"{s.name(s.country)} as of {s.as_of.isoformat()}"
    if s.known_at is not None:
        head += f", as known on {s.known_at.isoformat()}"
    return head


def source_label(src: Source) -> str:
    """A source as a reader cites it: its title (else its id) and publication date."""
    label = f"“{src.title}”" if src.title else src.doc_id
    return label + (f", {src.published.isoformat()}" if src.published else "")


def sections(s: Situation) -> tuple[Section, ...]:
    """The report's sections, in reading order; an empty section has no lines."""
    current = [p for p in s.presence if p.current]
    ended = [p for p in s.presence if not p.current]
    return (
        Section("Foreign forces present",
                tuple(Line(_presence(s, p), p.sources) for p in current)),
        Section("Presences that ended", tuple(Line(_presence(s, p), p.sources) for p in ended)),
        Section("Agreements in force", tuple(
            Line(_agreement(s, a), a.sources) for a in s.agreements if a.in_force)),
        Section("Agreements ended", tuple(
            Line(_agreement(s, a), a.sources) for a in s.agreements if not a.in_force)),
        Section("Government", () if s.government is None else (
            Line(_government(s.government), s.government.sources),)),
        Section("Mutual-defence obligations", tuple(
            Line(_obligation(s, o), o.sources) for o in s.obligations)),
    )
