"""When: choose the date phrase of a sentence that dates this event, and resolve it.

A DATE entity dates the event when the nearest verb (or trigger noun) above it is the trigger
itself or a governor that dates what it governs ("announced on March 17 that ..."). Reporting
verbs ("Politico reported yesterday") and other clauses ("after they ousted ... on July 26") do
not. A date that modifies an agreement's name ("the 2012 accord") is the agreement's, not the
event's. With no date in the text, a present-perfect report ("have arrived") is dated to the
month of publication (GUIDELINES rule 11); otherwise the date is None, never the publication day.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ..records import DateValue
from .dates import is_duration, resolve_date
from .roles import Frame
from .spans import doc_ents, sentence_ents

__all__ = ["ANAPHORA", "dated_status", "event_date", "gapped_dates", "resolve_span"]

_DEADLINE = frozenset({"by", "until", "before"})
#: nouns a date sets a term for: "the 31 January deadline" dates what is due, not the demand
_DEADLINE_NOUNS = frozenset({"deadline", "ultimatum"})
_SKIP_PREPS = frozenset({"after", "following", "since", "from", "ahead", "prior", "despite",
                         "amid", "between"})


def _anchor(tok: Any, trigger_lemmas: set[str],
            stop_at: frozenset[int] = frozenset()) -> tuple[Any, str | None]:
    """The nearest verb or trigger noun above a date's root, and the preposition on the way.
    Tokens in `stop_at` count as the trigger itself (the noun a misparsed "seized" modifies)."""
    prep: str | None = None
    cur = tok
    for _ in range(8):
        if cur.head is cur:
            return cur, prep
        parent = cur.head
        if cur.dep_ == "pobj" and prep is None:
            prep = parent.lower_
        if parent.pos_ in ("VERB", "AUX") or parent.lemma_.lower() in trigger_lemmas \
                or parent.i in stop_at:
            return parent, prep
        cur = parent
    return cur, prep


def _subjectless_after(gov: Any, trig: Any) -> bool:
    """A verb after the trigger's clause, governing it, with no subject of its own: a
    participle the parser made the root ("the withdrawal is complete, ahead of the deadline
    agreed in May"). A real governor has a subject ("..., officials said"), so its date is
    not the event's."""
    return gov.i > trig.i and gov.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in gov.children)


def _is_name_part(ent: Any, frame: Frame) -> bool:
    """"a 2012 military cooperation agreement", "the 2020 Doha accord", "the 2013 mission":
    the year belongs to the thing's name, not to this event."""
    root = ent.root
    if root.dep_ not in ("compound", "nummod", "amod", "nmod", "npadvmod", "poss"):
        return False
    head = root.head
    lex = frame.lex
    return head.i != frame.trigger.i and head.pos_ == "NOUN" and any(
        lex.has_tok(cls, head) for cls in ("agreement", "forces", "installations"))


def _when_clause(trig: Any, sent: Any) -> Any | None:
    """The DATE entity a "when" clause around the trigger describes ("in 2013, when ...")."""
    if trig.dep_ != "relcl" or not any(c.lower_ == "when" for c in trig.children):
        return None
    return next((e for e in sentence_ents(sent) if e.label_ == "DATE"
                 and e.start <= trig.head.i < e.end), None)


def _preps_between(tok: Any, anchor: Any) -> set[str]:
    """The prepositions on the way up from a date to the word it dates."""
    out: set[str] = set()
    cur = tok
    for _ in range(8):
        if cur.i == anchor.i or cur.head is cur:
            break
        if cur.dep_ == "pobj":
            out.add(cur.head.lower_)
        cur = cur.head
    return out


def _sets_term(ent: Any) -> bool:
    """"the 31 January deadline", "a deadline of 15 September": the date is a term set."""
    root = ent.root
    head = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else root.head
    return head.i != root.i and head.lemma_.lower() in _DEADLINE_NOUNS


def event_date(frame: Frame, *, published: date | None, status: str,
               trigger_lemmas: set[str], kind: str | None = None) -> DateValue | None:
    """The event's own date, resolved against the publication date, or None.

    A demand is dated when it was made: the deadline it sets ("leave by January 31") dates
    the withdrawal, not the demand.
    """
    trig = frame.trigger
    sent = trig.sent
    lex = frame.lex
    # "seized power on Monday" misparsed as adjective + noun: the noun stands for the verb
    zone = frozenset({trig.head.i}) if trig.dep_ == "amod" and frame.is_verb else frozenset()
    speech = kind in ("agreement_signed", "agreement_ended", "demand_withdrawal")
    # A plan is dated by its announcement, even a reported one ("..., the Pentagon said on
    # Wednesday"); a completed event is not dated by the day it was reported.
    govs = {g.i: n + 1 for n, g in enumerate(frame.govs)
            if (status == "planned" or speech or not lex.has_tok("reporting", g))
            and not _subjectless_after(g, trig)}
    best: tuple[int, Any, str | None] | None = None
    fallback: tuple[int, Any, str | None] | None = None
    told = _when_clause(trig, sent)
    if told is not None:
        # "a chapter that had begun in 2013, when US drones first flew from Niamey"
        best = (0, told, None)
    for ent in () if told is not None else sentence_ents(sent):
        if ent.label_ != "DATE" or is_duration(ent.text) or _is_name_part(ent, frame):
            continue
        anchor, prep = _anchor(ent.root, trigger_lemmas, zone)
        if anchor.i in zone:
            anchor = trig
        if frame.rule.own_date:
            # A presence or a coup named by a noun is dated by its own words ("stationed there
            # since 2013", "the coup of October 2021"), never by the verb it hangs from ("the
            # bases were returned in December").
            if anchor.i == trig.i and (prep is None or prep in ("since", "in", "on", "from",
                                                                "of")):
                best = (0, ent, None)
            continue
        if prep in _SKIP_PREPS or _SKIP_PREPS & _preps_between(ent.root, anchor):
            continue  # "left in the weeks after the announcement of 25 April"
        if status == "completed" and _sets_term(ent):
            continue  # "complete, ahead of the 15 September deadline"
        if prep in ("before",) and status != "planned":
            continue
        if kind == "demand_withdrawal" and (prep in _DEADLINE or _sets_term(ent)):
            continue
        if anchor.i == trig.i:
            rank = 0
        elif anchor.i in govs:
            rank = govs[anchor.i]
        else:
            if lex.has_tok("reporting", anchor) and status == "planned" and \
                    anchor.i == sent.root.i:
                rank = 50
                if best is None or rank < best[0]:
                    best = (rank, ent, prep)
                continue
            if lex.has_tok("reporting", anchor) or anchor.lemma_.lower() in trigger_lemmas:
                continue
            if any(c.dep_ == "mark" for c in anchor.children):
                continue
            if (anchor.dep_ == "relcl" or (anchor.dep_ == "acl" and anchor.tag_ == "VBN")) \
                    and anchor.head.i != trig.i:
                continue  # "the deadline agreed in May", "a chapter that had begun in 2013"
            if ent.root.dep_ in ("poss", "compound", "nmod", "amod", "nummod"):
                continue  # "November's election": a date that names another thing
            dist = abs(ent.root.i - trig.i)
            if fallback is None or dist < fallback[0]:
                fallback = (dist, ent, prep)
            continue
        if best is None or rank < best[0]:
            best = (rank, ent, prep)
    chosen = best or (None if frame.rule.own_date else fallback)
    if chosen is not None:
        value = resolve_span(chosen[1], chosen[2], frame, published=published, status=status,
                             trigger_lemmas=trigger_lemmas)
        if value is not None:
            return value
    return _present_perfect(frame, published, status)


def dated_status(frame: Frame, *, published: date | None, trigger_lemmas: set[str],
                 kind: str) -> tuple[str, DateValue] | None:
    """Status and date of an event whose sentence tells no status, read from its own date.

    "With the handover of the base on Monday, ...": the reading of the date nearest the
    publication day lies behind it, so the handover is done. "the departure of the troops on
    31 January", told on 11 January: the nearest reading lies ahead, so it is planned. None
    when the event has no date.
    """
    if published is None:
        return None
    behind = event_date(frame, published=published, status="completed",
                        trigger_lemmas=trigger_lemmas, kind=kind)
    ahead = event_date(frame, published=published, status="planned",
                       trigger_lemmas=trigger_lemmas, kind=kind)
    if behind is None or ahead is None:
        return None
    nearest = min((behind, ahead), key=lambda d: abs(_days(d.value) - published.toordinal()))
    if behind.precision == "day" and 0 < published.toordinal() - _days(behind.value) <= 7:
        nearest = behind  # "on Monday" is the last Monday (GUIDELINES rule 11)
    # wholly before the publication day's own day, month or year
    own = published.isoformat()[:len(nearest.value)]
    return ("completed", nearest) if nearest.value < own else ("planned", ahead)


def resolve_span(ent: Any, prep: str | None, frame: Frame, *, published: date | None,
                 status: str, trigger_lemmas: set[str]) -> DateValue | None:
    """Resolve one DATE entity as the date of the frame's event."""
    phrase = f"{prep} {_date_words(ent)}" if prep in _DEADLINE else _date_words(ent)
    anaphora = ANAPHORA.search(ent.text)
    if anaphora is not None:
        return _anaphoric(ent, anaphora, published)
    anchor, _ = _anchor(ent.root, trigger_lemmas)
    # "..., the Pentagon said on Wednesday": a date on a past-tense verb lies behind us,
    # whatever the status of the plan it reports.
    told_in_past = anchor.tag_ == "VBD" and prep not in _DEADLINE
    return _resolve(phrase, published, planned=status == "planned" and not told_in_past,
                    past_framing=_past_framing(frame))


#: "that year", "the following month", "a year later": dates told relative to an earlier one
ANAPHORA = re.compile(
    r"\b(?:(that|the same|that same|the following|the next|the previous|the preceding)\s+"
    r"(year|month)|(a|one|two|three)\s+(year|month)s?\s+(later|earlier|after|before))\b",
    re.IGNORECASE)
_FORWARD = {"the following", "the next", "later", "after"}
_BACKWARD = {"the previous", "the preceding", "earlier", "before"}
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _anaphoric(ent: Any, m: re.Match[str], published: date | None) -> DateValue | None:
    """Resolve "the end of that year", "the following year", "a month later" against the
    nearest earlier date of the article ("MINUSMA, ordered out in June 2023, completed its
    withdrawal at the end of that year" -> 2023-12)."""
    ref = None
    earlier = [e for e in doc_ents(ent.doc) if e.label_ == "DATE" and e.end <= ent.start]
    for other in reversed(earlier):
        if ANAPHORA.search(other.text) or is_duration(other.text):
            continue
        ref = resolve_date(_date_words(other), published)
        if ref is not None:
            break
    if ref is None:
        return None
    year = int(ref.value[:4])
    month = int(ref.value[5:7]) if len(ref.value) >= 7 else None
    word = (m.group(1) or m.group(5) or "").lower()
    unit = (m.group(2) or m.group(4) or "").lower()
    step = _COUNTS.get((m.group(3) or "").lower(), 1)
    sign = 1 if word in _FORWARD else -1 if word in _BACKWARD else 0
    low = ent.text.lower()
    if unit == "year":
        year += sign * step
        if "end of" in low or "late" in low.split():
            return DateValue(value=f"{year:04d}-12", precision="month", text=ent.text)
        if "start of" in low or "beginning of" in low:
            return DateValue(value=f"{year:04d}-01", precision="month", text=ent.text)
        return DateValue(value=f"{year:04d}", precision="year", text=ent.text)
    if month is None:
        return None
    total = year * 12 + (month - 1) + sign * step
    return DateValue(value=f"{total // 12:04d}-{total % 12 + 1:02d}", precision="month",
                     text=ent.text)


def gapped_dates(frame: Frame, parties: list[Any]) -> dict[int, Any]:
    """"France left Mali in August 2022, Burkina Faso in February 2023 and Niger in December
    2023": when one trigger has several counterparts and the sentence as many dates, each
    party takes the date that follows it before the next party. Keys: mention starts."""
    sent = frame.trigger.sent
    dates = [e for e in sentence_ents(sent) if e.label_ == "DATE" and not is_duration(e.text)]
    if len(parties) < 2 or len(dates) < 2:
        return {}
    order = sorted(parties, key=lambda m: m.start)
    out: dict[int, Any] = {}
    for n, m in enumerate(order):
        stop = order[n + 1].start if n + 1 < len(order) else sent.end
        after = [e for e in dates if m.end <= e.start < stop]
        if after:
            out[m.start] = after[0]
    return out if len(out) == len(order) else {}


def _past_framing(frame: Frame) -> bool:
    """"asked Paris to withdraw by ...", "said its troops would leave by ...": a plan told in
    the past tense, whose deadline may lie before or after the publication day."""
    for tok in [frame.trigger, *frame.govs]:
        aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"will", "shall"}:
            return False
        if tok.tag_ == "VBD" or aux & {"had", "would", "was", "were"}:
            return True
    return False


def _resolve(phrase: str, published: date | None, *, planned: bool,
             past_framing: bool) -> DateValue | None:
    """Resolve a phrase; a plan told in the past takes the reading nearest publication."""
    if not planned or not past_framing or published is None:
        return resolve_date(phrase, published, future=planned)
    ahead = resolve_date(phrase, published, future=True)
    behind = resolve_date(phrase, published, future=False)
    if ahead is None or behind is None:
        return ahead or behind
    return min((behind, ahead), key=lambda d: abs(_days(d.value) - published.toordinal()))


def _days(value: str) -> int:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2]).toordinal()


def _date_words(ent: Any) -> str:
    """The DATE span up to its first verb or article: the small model sometimes runs a date
    into what follows ("March 7, 2024 ended two centuries", "January a 2018 agreement")."""
    end = next((t.i for t in ent if t.i > ent.start and (
        t.pos_ in ("VERB", "AUX") or t.lower_ in ("a", "an", "the"))), ent.end)
    return str(ent.doc[ent.start:end].text)


def _present_perfect(frame: Frame, published: date | None, status: str) -> DateValue | None:
    """"have arrived", "has been handed over", "have begun pulling out": a fresh report,
    dated to the publication month (GUIDELINES rule 11)."""
    if published is None or status == "planned":
        return None
    for tok in [frame.trigger, *frame.govs[:1]]:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        aux = [c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.tag_ == "VBN" and ("has" in aux or "have" in aux):
            return DateValue(value=published.strftime("%Y-%m"), precision="month",
                             text=" ".join([*aux, tok.text]))
    return None
