"""Status and factuality: planned, ongoing or completed — or not a fact at all.

Read from the trigger and the words that govern it: modals and negation ("could deploy", "did
not withdraw", "no plans to withdraw") make a statement non-factual (None); "will", "ordered to",
"announced ... withdrawal" make it planned; "began leaving", "are withdrawing" ongoing; a past
tense or "completed the withdrawal" completed.
"""

from __future__ import annotations

from typing import Any

from .roles import Frame

__all__ = ["factual", "status_of", "status_untold"]

_MODALS_HYPO = frozenset({"could", "might", "may", "should", "can", "ca"})
_PLANNED_AUX = frozenset({"will", "shall", "'ll", "wo"})
_AFTER = frozenset({"after", "since", "following", "before", "until", "despite", "amid"})


def _chain(frame: Frame) -> list[Any]:
    return [frame.trigger, *frame.govs]


def factual(frame: Frame) -> bool:
    """False for negated, hypothetical, hedged or feared statements."""
    lex = frame.lex
    reported = False
    # "No Russian personnel are known to have been stationed there"
    if any(c.dep_ == "det" and c.lower_ == "no" for t in frame.theme_tokens()
           for c in t.children):
        return False
    for n, tok in enumerate(_chain(frame)):
        if n > 0 and lex.has_tok("hypothetical", tok):
            return False
        if n > 0 and tok.lemma_.lower() == "rule" and any(c.lower_ == "out" for c in tok.children):
            return False  # "ruled out a withdrawal"
        if lex.has_tok("reporting", tok):
            reported = True
        for c in tok.children:
            low = c.lower_
            if c.dep_ == "neg" and n > 0 and frame.rule.static and not frame.is_verb \
                    and frame.rule.kind == "deploy" and _presupposed(frame.trigger):
                # "the decision does not touch Russia's base in Gyumri": the base is there
                # (but "will not lead to a US base" says there is none)
                continue
            if c.dep_ == "neg" or (c.dep_ == "det" and low == "no"):
                return False
            if c.dep_ in ("nsubj", "nsubjpass") and _says_it(frame, tok, n) and (
                    lex.has("negation", low) or any(
                        d.dep_ in ("det", "preconj") and lex.has("negation", d.lower_)
                        for d in c.children)):
                return False  # "none of those governments has said", "neither Benin nor ..."
            if c.dep_ == "aux" and low in _MODALS_HYPO:
                return False
            if c.dep_ == "aux" and low == "would" and not reported and not _reported_above(tok):
                return False
            if c.dep_ == "mark" and low in ("if", "unless", "whether"):
                return False
            if c.dep_ == "advmod" and lex.has("hypothetical", low):
                return False
            if c.dep_ in ("amod", "compound") and lex.has_tok("failed_coup", c) \
                    and frame.rule.kind == "coup":
                return False
        if frame.rule.kind == "coup" and n == 0 and tok.dep_ == "compound" and \
                lex.has_tok("failed_coup", tok.head):
            return False
    return True


def _says_it(frame: Frame, verb: Any, n: int) -> bool:
    """Whether the trigger is `verb` itself or what it says, offers or wants (a clausal
    complement): a negated subject there negates the event ("none has said it would host
    troops"), but not one of a clause the event only frames ("with the handover of the base,
    no US units remain")."""
    return n == 0 or any(c.dep_ in ("ccomp", "xcomp") and frame.trigger in c.subtree
                         for c in verb.children)


def _presupposed(noun: Any) -> bool:
    """A definite or possessed noun phrase ("the base", "Russia's base") takes its thing's
    existence for granted; an indefinite one ("a US base") does not."""
    return any((c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those"))
               or c.dep_ == "poss" for c in noun.children)


def _reported_above(tok: Any) -> bool:
    """"said the troops would leave": a `would` inside reported speech is a plan, not a wish."""
    head = tok
    for _ in range(4):
        if head.head is head:
            return False
        head = head.head
        if head.lemma_.lower() in ("say", "announce", "tell", "state", "declare", "confirm",
                                   "add", "report", "indicate", "insist", "expect", "agree",
                                   "decide", "promise", "pledge", "vow"):
            return True
    return False


def status_untold(frame: Frame) -> bool:
    """Whether nothing in the sentence tells a noun trigger's status, so that `status_of`
    gives the rule's default ("with the handover of the base on Monday, ...")."""
    if frame.is_verb or frame.rule.fixed_status:
        return False
    default = frame.rule.default_status or "completed"
    if status_of(frame) != default:
        return False
    # the default may also be told: look for any cue the status rules read
    lex = frame.lex
    for tok in frame.govs:
        if any(lex.has_tok(cls, tok) for cls in ("planned", "ongoing", "completed", "intent",
                                                  "demand")):
            return False
        if {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")} & (
                _PLANNED_AUX | {"would"}):
            return False
        if _copula_status(frame, tok) is not None:
            return False
    return True


def status_of(frame: Frame) -> str:
    """planned / ongoing / completed for a factual frame."""
    lex = frame.lex
    trig = frame.trigger
    rule = frame.rule
    tag = trig.tag_
    aux = {c.lower_ for c in trig.children if c.dep_ in ("aux", "auxpass")}
    if rule.fixed_status and rule.default_status:
        return rule.default_status
    if rule.default_status == "completed" and rule.kind in ("coup", "demand_withdrawal"):
        return "completed"
    if frame.is_verb and rule.kind in ("deploy", "withdraw") and lex.has_tok("planned", trig):
        # the trigger is itself the order: "Moscow ordered its forces home"
        return "planned"
    # Future auxiliaries anywhere up the chain: "will withdraw", "will begin withdrawing".
    for tok in _chain(frame):
        kids = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
        if kids & _PLANNED_AUX or ("would" in kids and _reported_above(tok)):
            return "planned"
        if tok.lower_ in ("going", "set", "due", "poised", "scheduled", "expected") and \
                any(c.dep_ == "xcomp" for c in tok.children):
            return "planned"
    for g in frame.govs:
        lemma = g.lemma_.lower()
        told = _copula_status(frame, g)
        if told is not None:
            return told
        if lex.has_tok("completed", g):
            return "completed"
        if lex.has_tok("ongoing", g):
            return "ongoing" if not _past_perfect(g) else "completed"
        if lemma in _AFTER or any(c.lower_ in _AFTER for c in g.children if c.dep_ == "prep"
                                  and trig in c.subtree):
            return "completed"
        # An agreement ends or is concluded when it is announced; only intent makes it a plan.
        cls = "intent" if rule.kind in ("agreement_signed", "agreement_ended") else "planned"
        if lex.has_tok(cls, g) or (cls == "planned" and lex.has_tok("demand", g)):
            if frame.is_verb and tag in ("VBD",) and trig.dep_ not in ("xcomp",):
                break
            if frame.is_verb and tag == "VBN" and aux & {"has", "have", "had"}:
                break
            return "planned"
    if not frame.is_verb:
        head = trig.head
        if (head.dep_ == "prep" or head.pos_ == "ADP") and head.lower_ in _AFTER:
            return "completed"
        return rule.default_status or "completed"
    progressive = tag == "VBG" and aux & {"is", "are", "am", "was", "were", "been", "be"}
    if progressive and rule.kind in ("agreement_signed", "agreement_ended"):
        # "says it is ending the accords": ending an agreement is done by saying so
        return "completed"
    if progressive or (tag == "VBG" and not aux and trig.dep_ in ("ROOT",)):
        if "had" in aux:
            return "completed"
        return "ongoing"
    if rule.static:
        past = tag == "VBD" or (tag == "VBN" and aux & {"was", "were"} and not aux & {"is", "are"})
        if "had" in aux or (past and trig.lemma_.lower() not in ("remain", "stay")):
            return "completed"  # "were based in the country at the time"
        return "ongoing"
    if tag in ("VBD", "VBN"):
        return "completed"
    if tag in ("VBZ", "VBP"):
        # Headline present ("France withdraws troops") reports a done deed.
        return "completed"
    if tag == "VB" and trig.dep_ in ("xcomp", "ccomp", "advcl", "acl"):
        return "planned"
    return rule.default_status or "completed"


def _copula_status(frame: Frame, verb: Any) -> str | None:
    """"The withdrawal ... is complete / is over / is under way": a noun trigger whose copula
    says how far it got."""
    if frame.is_verb or verb.lemma_.lower() != "be" or frame.trigger.head.i != verb.i:
        return None
    for c in verb.children:
        if c.dep_ not in ("acomp", "advmod", "attr", "prep"):
            continue
        if c.dep_ == "prep" and c.lower_ == "under" and any(p.lower_ == "way"
                                                            for p in c.children):
            return "ongoing"
        if frame.lex.has_tok("completed", c):
            return "completed"
        if frame.lex.has_tok("ongoing", c):
            return "ongoing"
    return None


def _past_perfect(tok: Any) -> bool:
    return any(c.lower_ == "had" for c in tok.children if c.dep_ == "aux")
