"""Theme checks: does a trigger's neighbourhood show what its rule needs?

"left" is a withdrawal only with forces ("the last French soldiers left"); "signed" is an
agreement event only for a security agreement or a bloc ("signed a defence pact", "joined
NATO"), not a trade deal; "seized" is a coup only with power as object.
"""

from __future__ import annotations

from typing import Any

from .frames import conjuncts, cue, np_tokens, subjects, verb_objects
from .lexicon import Lexicon
from .roles import Frame

__all__ = ["agreement_tokens", "has_theme", "installation_tokens"]

#: organisation sectors whose name alone denotes armed forces (Wagner, UN missions...).
_ARMED_HOW = frozenset({"org"})


def has_theme(frame: Frame) -> bool:
    """Whether the frame shows the theme its rule requires."""
    theme = frame.rule.theme
    if theme == "none":
        return True
    if theme == "forces":
        return _forces(frame)
    if theme == "agreement":
        return bool(agreement_tokens(frame))
    if theme == "bloc":
        return bool(_blocs(frame))
    if theme == "bloc_or_agreement":
        return bool(_blocs(frame)) or bool(agreement_tokens(frame))
    if theme == "power":
        return _seizing(frame)
    if theme == "leader_or_government":
        return _ousting(frame)
    if theme == "installation":
        return bool(installation_tokens(frame))
    return False


#: entity labels of what a state's power may be taken over: places and buildings
_STATE_LIKE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: word classes that make what control is taken of the state's
_STATE_LIKE_CLASSES = ("power", "state_nouns", "territory", "installations", "forces")


def _seizing(frame: Frame) -> bool:
    """Power is the object ("seized power", "took over the government"); control, the reins
    or the helm count when they are of something of the state's (a place, a state, a camp,
    "state television") or when the takers are coup agents ("soldiers took control")."""
    lex = frame.lex
    for obj in frame.object_tokens():
        if not lex.has_tok("power", obj):
            continue
        if not lex.has_tok("power_over", obj):
            return True
        # "of" hangs from "control" or, as the parser often has it, from the verb
        heads = (obj, obj.head) if obj.head.i == frame.trigger.i else (obj,)
        of = [p for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ == "of"
              for p in c.children if p.dep_ == "pobj"]
        if not of or any(_of_the_state(lex, p) for p in of):
            return True
        if frame.is_verb and any(lex.has_tok("coup_agents", s)
                                 for s in subjects(frame.trigger)):
            return True
    return False


def _of_the_state(lex: Lexicon, head: Any) -> bool:
    """What control is taken of, by its head and the words that make it up ("the capital",
    "Goma", "the Kati military camp", "state television"); not its owner ("Italy's biggest
    food group" is a company)."""
    toks = [head, *(c for c in head.children if c.dep_ in ("compound", "amod", "appos"))]
    return any(t.ent_type_ in _STATE_LIKE_LABELS or any(lex.has_tok(c, t)
                                                         for c in _STATE_LIKE_CLASSES)
               for t in toks)


def _forces(frame: Frame) -> bool:
    lex = frame.lex
    if frame.is_verb and lex.has_tok("leave_verbs", frame.trigger) and _lets_be(frame.trigger):
        return False
    if frame.theme_tokens():
        return True
    objs = frame.object_tokens()
    # "withdrew its ambassador", "left the talks": an object that is not forces is no withdrawal
    # (but "left Chad", "quit the country" are: an object that names a state is the host).
    for obj in objs:
        named = frame.in_np(obj)
        if not named and not lex.has_tok("state_nouns", obj):
            return False
    # An armed organisation or a defence seat as actor: "Wagner left Mali", "the Pentagon ...".
    # It must be the one who acts ("Mali, which quit in 2022, following ... the G5 Sahel joint
    # force" names a force that does not move).
    acting = _acting_tokens(frame)
    for m in frame.mentions:
        if m.root not in acting:
            continue
        if m.how == "seat" and frame.lex.has("armed_seats", m.text.lower().removeprefix("the ")):
            return True
        org = frame.gaz.match_org(m.text) if m.how in _ARMED_HOW else None
        if org is not None and org.sector == "MIL":
            return True  # a force or military mission: "MINUSMA completed its withdrawal"
    # "France withdrew from Mali": a verb with a state after from/out of and no object, whose
    # subject is a state ("US drones flew from Niamey", "the minister departed from Dakar" are
    # no withdrawal of forces).
    if frame.is_verb and not objs:
        subs = subjects(frame.trigger)
        if subs and not any(_names_head(frame, s) or lex.has_tok("state_nouns", s)
                            for s in subs):
            return False
        hosts = frame.with_cue(frozenset({"from", "out_of"}))
        return any(frame.gaz.country(m.code) is not None for m in hosts)
    if not frame.is_verb:
        hosts = frame.with_cue(frozenset({"from", "out_of"}))
        return any(frame.gaz.country(m.code) is not None for m in hosts) and bool(
            frame.slot_poss())
    return False


def _lets_be(verb: Any) -> bool:
    """"Left the question open", "leaves Niger as France's main foothold": leave with a second
    predicate means "let be", not "depart"."""
    for c in verb.children:
        if c.dep_ in ("oprd", "acomp") or (c.dep_ == "xcomp" and c.pos_ in ("ADJ", "VERB") and
                                          not any(a.lower_ == "to" for a in c.children)):
            return True
        if c.dep_ == "prep" and c.lower_ == "as" and any(p.dep_ == "pobj" for p in c.children):
            return True
    return False


def _acting_tokens(frame: Frame) -> set[int]:
    """Tokens of whoever acts in the frame: the trigger's subjects and its governing verbs'
    subjects; for a noun trigger also its possessor, modifiers and "of" phrase."""
    heads: list[Any] = list(subjects(frame.trigger)) if frame.is_verb else [
        c for c in frame.trigger.children if c.dep_ in ("poss", "compound", "nmod", "amod")
    ] + frame.object_tokens()
    for g in frame.govs:
        if g.pos_ in ("VERB", "AUX"):
            heads += subjects(g)
    # the whole subject ("the UN mission in Mali, MINUSMA, completed its withdrawal"), but not
    # the trigger's own clause inside it ("Mali, which quit the joint force")
    own = {t.i for t in frame.trigger.subtree} if frame.is_verb else set()
    out: set[int] = set()
    for h in heads:
        toks = {t.i for t in h.subtree}
        out |= toks - own if frame.trigger.i in toks else toks
    return out


def _names_head(frame: Frame, tok: Any) -> bool:
    """Whether a mention covers the head of a phrase ("France", "they"), not only a
    modifier of it ("US drones", "the French minister")."""
    return any(m.start <= tok.i < m.end for m in frame.in_np(tok))


def installation_tokens(frame: Frame) -> list[Any]:
    """Bases and camps the trigger acts on: objects, a passive subject, "over the base"."""
    cands = list(frame.object_tokens())
    if frame.is_verb:
        cands += [p for c in frame.trigger.children if c.dep_ == "prep" and c.lower_ == "over"
                  for p in c.children if p.dep_ == "pobj"]
    return [t for c in cands for t in conjuncts(c) if frame.lex.has_tok("installations", t)]


def agreement_tokens(frame: Frame) -> list[Any]:
    """Security-agreement nouns the trigger acts on ("a defence pact", "the 2012 accord")."""
    lex = frame.lex
    cands = list(frame.object_tokens())
    if not frame.is_verb:
        cands.append(frame.trigger)
        cands += [c for c in frame.trigger.children if c.dep_ in ("compound",)]
    if frame.is_verb:
        # "suspended its participation in the treaty", "withdrew from the treaty"
        for c in frame.trigger.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "out", "of", "with"):
                cands += [p for p in c.subtree if p.dep_ == "pobj"]
        for obj in verb_objects(frame.trigger):
            for c in obj.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "to"):
                    cands += [p for p in c.children if p.dep_ == "pobj"]
        cands += [s for s in subjects(frame.trigger) if s.dep_ == "nsubjpass"]
    out = []
    for tok in cands:
        for t in conjuncts(tok):
            if lex.has_tok("agreement", t) and _is_security(frame, t):
                out.append(t)
    return out


def _is_security(frame: Frame, noun: Any) -> bool:
    lex = frame.lex
    words = [t for t in np_tokens(noun) if t.i != noun.i]
    lemmas = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
    # "a defence and economic agreement" is a security one; "an energy deal" is not.
    if any(lex.has("security", w) for w in lemmas):
        return True
    if any(lex.has("non_security", w) for w in lemmas):
        return False
    # "an agreement on defence cooperation", "a 2018 agreement governing the status of
    # French forces": the noun's whole phrase may say what it is about.
    # (not a relative clause about forces leaving: "an agreement under which all forces are
    # to leave" is a planned withdraw only, GUIDELINES rule 5; "under which China will
    # provide military assistance" does say what it is)
    rel = {t.i for c in noun.subtree if c.dep_ == "relcl" and _tells_leaving(lex, c)
           for t in c.subtree}
    inside = [t for t in noun.subtree if t.i not in rel]
    around = {t.lemma_.lower() for t in inside} | {t.lower_ for t in inside}
    if any(lex.has("security", w) for w in around):
        return True
    if noun.lemma_.lower() in ("pact", "alliance", "treaty", "sofa", "confederation"):
        return True
    if any(frame.lex.has("blocs", m.code) for m in frame.in_np(noun)):
        return True
    # A bare "the agreement": security only if the sentence itself is about defence.
    sent = {t.lemma_.lower() for t in noun.sent if t.i not in rel}
    return bool(sent & {"defence", "defense", "military", "security", "troop", "base"}) and not (
        sent & lex.words["non_security"])


def _tells_leaving(lex: Lexicon, clause: Any) -> bool:
    """Whether a clause is about forces leaving ("under which all forces are to leave")."""
    return any(lex.has_tok("leave_verbs", t) or lex.has_tok("demand_object", t)
               or t.lemma_.lower() in ("withdraw", "pull") for t in clause.subtree)


def _blocs(frame: Frame) -> list[Any]:
    lex = frame.lex
    objs = list(frame.object_tokens())
    if not objs and "elided_party" in frame.rule.counterpart:
        # "following Mali, which quit in 2022": what was quit is what the main clause's verb
        # left (only rules that list the slot: "fighting broke out" is no elided "broke ...")
        objs = frame.elided_objects()
    # "froze its participation in the bloc", "suspended its membership of the CSTO"
    objs += [p for o in objs if lex.has_tok("participation", o) for c in o.children
             if c.dep_ == "prep" and c.lower_ in ("in", "of") for p in c.children
             if p.dep_ == "pobj"]
    found = [m for m in frame.in_nps(objs) if lex.has("blocs", m.code)]
    if objs and not found and not any(lex.has_tok("participation", o) for o in objs):
        return []  # "ended the missions of its ambassadors to ... ECOWAS": not the bloc
    # "withdrew from ECOWAS", "accession to NATO": the bloc hangs from the trigger or its
    # object, not from a later phrase ("ambassadors to France, Nigeria and ECOWAS")
    near = {frame.trigger.i, *(o.i for o in objs)}
    for m in frame.with_cue(frozenset({"from", "out_of", "to", "of", "in"})):
        c = cue(m, frame.doc)
        if lex.has("blocs", m.code) and (c.head is None or c.head.i in near):
            found.append(m)
    return found


def _ousting(frame: Frame) -> bool:
    lex = frame.lex
    objs = frame.object_tokens()
    target = any(
        t.ent_type_ == "PERSON" or lex.has_tok("leaders", t)
        for o in objs for t in np_tokens(o)
    )
    if not target:
        return False
    subs = subjects(frame.trigger)
    # "..., after they ousted the president": the pronoun's antecedent is the main subject.
    if any(s.pos_ == "PRON" for s in subs) and frame.trigger.sent.root.i != frame.trigger.i:
        subs += subjects(frame.trigger.sent.root)
    agents = [t for s in subs for t in np_tokens(s)]
    if any(lex.has_tok("coup_agents", t) for t in agents):
        return True
    # passive "was ousted in a coup" / "overthrown by the army"
    return any(t.lemma_.lower() in ("coup", "putsch", "army", "military", "junta", "soldier")
               for t in frame.trigger.subtree)
