"""Where a sentence becomes an event: the extraction steps, in order.

    for each sentence:  mentions (who is named)      -> extract/mentions.py
      for each trigger: rule candidates (data)       -> extract/rules.py, resources/rules/
                        frame: slots fill roles      -> extract/roles.py, frames.py
                        theme, factuality, status    -> extract/themes.py, status.py
                        host in a region?            -> extract/hosts.py
                        date, troops, place          -> extract/timing.py, quantities.py, places.py
    per article:        merge repeated mentions      -> extract/merge.py
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..gazetteer import Gazetteer
from ..gazetteer.areas import AreaIndex
from ..gazetteer.context import ContextNames
from ..gazetteer.leaders import LeaderIndex
from ..gazetteer.regions import Regions
from ..records import Actor, AgreementRef, Article, Event, Evidence, Place
from .frames import subjects
from .hosts import region_only
from .lexicon import Lexicon, lemma_keys
from .mentions import Mention, Namer, find_mentions, salience, subject_group
from .merge import merge_events, settle_presence
from .ontology import Ontology
from .places import PlaceMention, find_places, pick_place
from .quantities import troops_of
from .roles import Frame
from .rules import Rule, RuleSet
from .status import factual, status_of, status_untold
from .themes import agreement_tokens, has_theme
from .timing import dated_status, event_date, gapped_dates, resolve_span

__all__ = ["Knowledge", "events_from_doc"]

_AGREEMENTS = frozenset({"agreement_signed", "agreement_ended"})
_FALLBACK_SLOTS = frozenset({"focus", "focus_other", "last_owner", "sentence_state", "local",
                             "sentence_parties"})


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything extraction reads besides the text: loaded once, shared by all articles."""

    rules: RuleSet
    lex: Lexicon
    gaz: Gazetteer
    ontology: Ontology
    regions: Regions
    leaders: LeaderIndex
    areas: AreaIndex
    context: ContextNames
    trigger_lemmas: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Sentence:
    span: Any
    mentions: list[Mention]
    places: list[PlaceMention]


@dataclass(frozen=True, slots=True)
class _Site:
    """Where an event is being built: the frame, its sentence, its article, the knowledge."""

    frame: Frame
    ctx: _Sentence
    article: Article
    kb: Knowledge
    #: a DATE entity given to this party of a list ("Mali in 2022, Niger in 2023")
    date_span: Any = None
    #: nothing in the sentence tells the status: the event's own date may
    untold: bool = False


def events_from_doc(doc: Any, article: Article, kb: Knowledge) -> list[Event]:
    """All events of one parsed article, merged."""
    namer = Namer(kb.gaz, kb.leaders, kb.areas, kb.context, article.published)
    # What one sentence passes to others (salience, previous, owners, recent, last_host,
    # last_place, DATE entities) is what the sentence pass must keep: a new source of such
    # memory needs its words in extract/sentpass.py too.
    salient = salience(doc, namer)
    focus = salient.focus
    found: list[Event] = []
    previous: tuple[Mention, ...] = ()
    owners: dict[str, Mention] = {}
    recent: list[str] = []  # states named so far, the latest first
    last_host: str | None = None
    last_place: str | None = None
    for sent in doc.sents:
        triggers = [t for t in sent if _rules_for(t, kb)]
        mentions = find_mentions(sent, namer, kb.lex, salient=salient, regions=kb.regions,
                                 previous_subject=previous, recent=tuple(recent),
                                 light=not triggers)
        previous = subject_group(sent, mentions) or previous
        places: list[PlaceMention] = []
        if triggers:
            actor_toks = {i for m in mentions if m.how != "capital"
                          for i in range(m.start, m.end)}
            places = find_places(sent, kb.gaz, actor_tokens=actor_toks, areas=kb.areas)
            ctx = _Sentence(sent, mentions, places)
            moving: set[int] = set()  # forces tokens of events that move them
            static: list[tuple[Any, list[Event]]] = []
            for tok in triggers:
                for rule in _rules_for(tok, kb):
                    if _trigger_fits(tok, rule):
                        frame = Frame(tok, rule, mentions, kb.lex, kb.gaz, focus, doc,
                                      places=ctx.places, owners=dict(owners),
                                      last_host=last_host, salient_host=salient.host_focus,
                                      last_place=last_place)
                        new = _events_of_frame(frame, ctx, article, kb)
                        if rule.static:
                            static.append((tok, new))
                            continue
                        if new:
                            moving.update(t.i for t in frame.theme_tokens())
                        found.extend(new)
                        last_host = next((e.counterpart[0].code for e in reversed(new)
                                          if e.kind in ("deploy", "withdraw")
                                          and e.counterpart), last_host)
            # "the last French troops in Chad had left", "opened a base in Djibouti": forces
            # described while they move are that movement, not a separate presence.
            found.extend(e for tok, new in static if tok.i not in moving for e in new)
        owners.update(_forces_owners(sent, mentions, kb))
        named = [m.code for m in mentions if m.how != "reference"
                 and kb.gaz.country(m.code) is not None]
        recent = list(dict.fromkeys([*reversed(named), *recent]))[:8]
        last_place = _last_place(sent, mentions, kb, places) or last_place
    return settle_presence(merge_events(found), plover=kb.ontology.plover_for)


def _last_place(sent: Any, mentions: list[Mention], kb: Knowledge,
                places: list[PlaceMention]) -> str | None:
    """The state of the last place a sentence names: "in Djibouti", a base, a city (cities and
    bases are looked up only in sentences that had a trigger: the lookup is not free)."""
    best: tuple[int, str] | None = None
    for m in mentions:
        tok = sent.doc[m.root]
        if kb.gaz.country(m.code) is not None and tok.dep_ == "pobj" and \
                tok.head.lower_ in ("in", "to", "into", "from", "at", "inside"):
            best = max(best or (m.start, m.code), (m.start, m.code))
    for p in places:
        if p.place.country:
            best = max(best or (p.start, p.place.country), (p.start, p.place.country))
    return best[1] if best else None


def _rules_for(tok: Any, kb: Knowledge) -> tuple[Rule, ...]:
    """Rules a token may trigger, by its lemma or a base form of the word."""
    for key in lemma_keys(tok):
        found = kb.rules.candidates(key)
        if found:
            return found
    return ()


def _forces_owners(sent: Any, mentions: list[Mention], kb: Knowledge) -> dict[str, Mention]:
    """Whose forces this sentence names, by noun: {"soldier": FRA, "peacekeeper": RUS, ...};
    the key "" holds the last one named. "The peacekeepers" later means the last owner of
    peacekeepers, not of any force."""
    owners: dict[str, Mention] = {}
    by_tok = {i: m for m in mentions for i in range(m.start, m.end)}
    for tok in sent:
        if not kb.lex.has_tok("forces", tok):
            continue
        for child in tok.children:
            m = by_tok.get(child.i)
            if m is not None and child.dep_ in ("amod", "compound", "poss", "nmod") \
                    and m.how not in ("capital", "reference", "focus"):
                owners[tok.lemma_.lower()] = m
                owners[""] = m
    return owners


def _trigger_fits(tok: Any, rule: Rule) -> bool:
    trig = rule.trigger
    if tok.pos_ not in trig.pos and not (tok.pos_ == "AUX" and "VERB" in trig.pos):
        return False
    if trig.with_child and not {c.lower_ for c in tok.children} & trig.with_child:
        return False
    if trig.with_any:
        # A particle or preposition may hang anywhere in the verb's phrase when the parse is
        # poor ("ordered the bulk of its forces in Syria home"): look within ten words.
        near = {t.lower_ for t in tok.subtree if 0 < t.i - tok.i <= 10}
        near |= {c.lemma_.lower() for c in tok.children if c.dep_ in ("dobj", "nsubjpass")}
        near |= {c.lower_ for c in tok.children}
        if not near & trig.with_any:
            return False
    return True


def _fill(frame: Frame, slots: tuple[str, ...], exclude: set[str]) -> tuple[list[Mention], bool]:
    """Mentions of the first productive slot, and whether it was only a fallback guess."""
    for n in range(len(slots)):
        found = frame.fill(slots[n:n + 1], exclude=exclude)
        if found:
            return found, slots[n] in _FALLBACK_SLOTS
    return [], False


def _actor(m: Mention, kb: Knowledge, sector: str | None) -> Actor:
    org = kb.gaz.org(m.code)
    name = m.name
    if not name or name == m.code:  # a mention inferred from context carries only its code
        country = kb.gaz.country(m.code)
        name = country.name if country else org.name if org else m.code
    return Actor(code=m.code, name=name, text=m.text,
                 sector=sector if org is None else org.sector)


def _events_of_frame(frame: Frame, ctx: _Sentence, article: Article,
                     kb: Knowledge) -> list[Event]:
    rule = frame.rule
    cls = rule.trigger.governed_by
    if cls is not None and not any(kb.lex.has_tok(cls, g) for g in frame.govs):
        return []
    if not has_theme(frame) or not factual(frame):
        return []
    status = status_of(frame)
    actors, actor_guess = _fill(frame, rule.actor, set())
    actors = _unique(actors)
    if not actors:
        return []
    codes = {m.code for m in actors}
    if rule.kind in _AGREEMENTS:
        return _agreement_event(frame, ctx, article, kb, actors, status, actor_guess)
    counterparts, cp_guess = _fill(frame, rule.counterpart, codes)
    counterparts = _unique(counterparts)
    if rule.kind in ("deploy", "withdraw"):
        # a host is a state: "deployed to NATO's eastern flank" names no host
        counterparts = [c for c in counterparts if kb.gaz.country(c.code) is not None]
    if rule.kind != "coup" and not counterparts:
        return []
    if rule.kind in ("deploy", "withdraw") and region_only(frame, counterparts, guess=cp_guess,
                                                           regions=kb.regions):
        return []  # "5,100 soldiers in the Sahel": a region, no one host
    demander = None
    gov = _demand_governor(frame) if rule.demand_flip else None
    if gov is not None and not kb.lex.has_tok("own_orders", gov) and frame.last_owner \
            and codes == {m.code for m in frame.in_nps(subjects(gov))}:
        # "the junta demanded their departure": who demands is not whose forces leave;
        # "their" are the forces the article named before
        actors, codes = [frame.last_owner], {frame.last_owner.code}
    if gov is not None:
        own, demander = _demander(frame, codes)
        if not own and demander is None:
            # Demanded by someone who is no government (protesters, a party): no event.
            return []
    untold = rule.kind in ("deploy", "withdraw") and status == "planned" and \
        status_untold(frame)
    base = _Site(frame, ctx, article, kb, untold=untold)
    out: list[Event] = []
    guess = actor_guess or cp_guess
    if demander is not None:
        for owner in actors:
            out.append(_make(base, kind="demand_withdrawal", status="completed",
                             actor=demander, counterpart=[owner], guess=guess))
        return out
    if rule.kind == "coup":
        if frame.trigger.tag_ == "NNS" and actor_guess:
            return []  # "some were lost after coups": no particular coup
        gapped = gapped_dates(frame, actors)
        return [_make(_Site(frame, ctx, article, kb, gapped.get(a.start)), kind="coup",
                      status="completed", actor=a, counterpart=[], guess=guess)
                for a in actors if kb.gaz.country(a.code) is not None]
    kind = rule.kind
    gapped = gapped_dates(frame, counterparts) if len(actors) == 1 else {}
    for a in actors:
        for c in counterparts:
            base = _Site(frame, ctx, article, kb, gapped.get(c.start), untold=untold)
            if rule.also_withdraw:
                out.append(_make(base, kind="demand_withdrawal", status="completed", actor=a,
                                 counterpart=[c], guess=guess))
                out.append(_make(base, kind="withdraw", status="completed", actor=c,
                                 counterpart=[a], guess=guess))
            else:
                out.append(_make(base, kind=kind, status=status, actor=a, counterpart=[c],
                                 guess=guess))
    return out


def _unique(ms: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in ms:
        seen.setdefault(m.code, m)
    return list(seen.values())


def _demand_governor(frame: Frame) -> Any | None:
    """The verb by which someone demands this withdrawal ("demanded the withdrawal of",
    "asked Paris to withdraw", "called for an end to the presence"), if any."""
    lex = frame.lex
    if frame.rule.kind == "deploy" and not any(lex.has_tok("demand_object", g)
                                               for g in frame.govs):
        return None
    for g in frame.govs:
        if g.pos_ in ("VERB", "AUX") and lex.has_tok("demand", g):
            return g
    return None


def _demander(frame: Frame, owners: set[str]) -> tuple[bool, Mention | None]:
    """(own, demander): own is True when the forces' own government orders them out ("the
    Pentagon ordered its troops to withdraw"); demander is the government that demands it, or
    None when no government does (protesters, a party)."""
    gov = _demand_governor(frame)
    if gov is None:
        return True, None
    named = frame.in_nps(subjects(gov))
    others = [m for m in named if m.code not in owners]
    if others:
        return False, others[0]
    host = frame.salient_host
    if named and all(m.how == "reference" for m in named) and host and host not in owners:
        # "the government asked Paris to withdraw": a description that resolved to the
        # forces' own state most likely means the host that asks them to go.
        return False, Mention(gov.i, gov.i + 1, gov.i, host, host, "reference", named[0].text)
    if named:
        return True, None
    # "Prime Minister al-Sudani called for ...": an unnamed official speaks for the focus state.
    subs = [t for s in subjects(gov) for t in (s, *s.children)]
    official = any(t.ent_type_ == "PERSON" or frame.lex.has_tok("officials", t)
                   for t in subs)
    if official and frame.focus and frame.focus not in owners:
        return False, Mention(gov.i, gov.i + 1, gov.i, frame.focus, frame.focus, "focus", "")
    return False, None


def _agreement_event(frame: Frame, ctx: _Sentence, article: Article, kb: Knowledge,
                     actors: list[Mention], status: str, guess: bool) -> list[Event]:
    rule = frame.rule
    codes = {m.code for m in actors}
    slots = rule.counterpart
    if len(codes) >= 2:
        # "Japan and the Philippines signed ...": the parties are named; no guessing more
        slots = tuple(s for s in slots if s not in _FALLBACK_SLOTS)
    others, cp_guess = _fill(frame, slots, codes)
    others = _unique(others)
    parties = _unique(actors + others)
    if len(parties) < 2 or (guess and cp_guess):
        return []  # no party read in the sentence itself: too weak to report
    agreement = agreement_tokens(frame)
    blocs = [p for p in parties if kb.lex.has("blocs", p.code)]
    if blocs and len(parties) > len(blocs):
        # Joining or leaving a bloc is one event per state (GUIDELINES rules 5 and 6).
        members = [p for p in parties if p not in blocs]
        return [_make(_Site(frame, ctx, article, kb), kind=rule.kind, status=status, actor=m,
                      counterpart=blocs[:1], guess=guess or cp_guess) for m in members]
    name = None
    if agreement:
        tok = agreement[0]
        left = min((t.i for t in tok.subtree if t.i <= tok.i and t.dep_ != "det"), default=tok.i)
        name = AgreementRef(name=frame.doc[left:tok.i + 1].text)
    return [_make(_Site(frame, ctx, article, kb), kind=rule.kind, status=status,
                  actor=parties[0], counterpart=parties[1:], guess=guess or cp_guess,
                  agreement=name)]


def _make(site: _Site, *, kind: str, status: str, actor: Mention, counterpart: list[Mention],
          guess: bool, agreement: AgreementRef | None = None) -> Event:
    frame, ctx, article, kb = site.frame, site.ctx, site.article, site.kb
    sent = ctx.span
    hosts = {c.code for c in counterpart} if kind in ("deploy", "withdraw") else \
        ({actor.code} if kind == "coup" else set())
    place: Place | None = None
    if kind in ("deploy", "withdraw"):
        place = pick_place(ctx.places, hosts=hosts, near=frame.attached(),
                           trigger=frame.trigger.i)
    else:
        # where a pact was signed or power seized: only a place hung from the trigger itself
        near = {frame.trigger.i}
        place = pick_place([p for p in ctx.places if frame.doc[p.root].head.head.i in near
                            or frame.doc[p.root].head.i in near],
                           hosts=hosts, near=near, trigger=frame.trigger.i)
    troops = troops_of(frame.theme_tokens(), lambda t: kb.lex.has_tok("personnel", t)) \
        if kind in ("deploy", "withdraw") else None
    when = None
    if site.date_span is not None:
        when = resolve_span(site.date_span, None, frame, published=article.published,
                            status=status, trigger_lemmas=set(kb.trigger_lemmas))
    if when is None and site.untold and kind == frame.rule.kind:
        told = dated_status(frame, published=article.published,
                            trigger_lemmas=set(kb.trigger_lemmas), kind=kind)
        if told is not None:
            status, when = told
    if when is None:
        when = event_date(frame, published=article.published, status=status,
                          trigger_lemmas=set(kb.trigger_lemmas), kind=kind)
    conf = frame.rule.confidence - (0.2 if guess else 0.0)
    sector = "MIL" if kind in ("deploy", "withdraw") else "GOV"
    text = sent.text.rstrip()  # the sentence without the line break that ends it
    return Event(
        doc_id=article.id, kind=kind, status=status,  # type: ignore[arg-type]
        actor=_actor(actor, kb, sector),
        counterpart=tuple(_actor(c, kb, None) for c in counterpart),
        place=place, date=when, troops=troops, agreement=agreement,
        plover=kb.ontology.plover_for(kind, status),
        evidence=(Evidence(text=text, start=sent.start_char, end=sent.start_char + len(text)),),
        confidence=max(0.05, conf), rule=frame.rule.id if kind == frame.rule.kind else
        f"{frame.rule.id}+{kind}",
    )
