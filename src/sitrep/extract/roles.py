"""Who did what to whom: fill a rule's actor and counterpart slots around one trigger.

A `Frame` holds one trigger word in its sentence, the sentence's actor mentions and the
article context (focus country, previous subject, owners of forces named before). Each slot
named in a rule file is one method here (`slot_<name>`, listed in docs/rules.md); a rule lists
slots in order of preference and the first slot that yields an actor wins. The module is long
on purpose: its methods are the slot vocabulary, and one class keeps it in one place. The
theme check (extract/themes.py) keeps "the ambassador left" or "a trade deal" from becoming
events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..gazetteer import Gazetteer
from .frames import (
    conjuncts,
    cue,
    governors,
    in_other_clause,
    made_by,
    np_tokens,
    subjects,
    verb_objects,
)
from .lexicon import Lexicon, lemma_keys
from .mentions import Mention
from .places import PlaceMention
from .rules import Rule

__all__ = ["Frame"]

_POSS_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})
#: word classes of subject nouns whose "its"/"their" may name an actor (Frame._may_own)
_OWNER_CLASSES = ("forces", "personnel", "state_nouns", "org_nouns", "officials", "leaders",
                  "coup_agents", "local_rulers", "installations")
#: the prepositions each prepositional slot accepts.
_PREP_SLOTS: dict[str, frozenset[str]] = {
    "from": frozenset({"from"}),
    "out_of": frozenset({"out_of"}),
    "to": frozenset({"to", "into", "towards", "toward"}),
    "into": frozenset({"into"}),
    "in": frozenset({"in", "at", "on", "inside", "across", "along", "throughout", "within",
                     "into", "near"}),
    "at": frozenset({"at"}),
    "with": frozenset({"with", "alongside"}),
    "between": frozenset({"between", "among"}),
}


@dataclass
class Frame:
    """One trigger in its sentence, with everything the slots need."""

    trigger: Any
    rule: Rule
    mentions: list[Mention]
    lex: Lexicon
    gaz: Gazetteer
    focus: str | None
    doc: Any
    places: list[PlaceMention] = field(default_factory=list)
    #: owners of the forces the article named before, by noun ("" = the last of any noun),
    #: for "the troops" (see slot_owner)
    owners: dict[str, Mention] = field(default_factory=dict)
    #: the host of the article's last deployment or withdrawal, for "flew out its last troops".
    last_host: str | None = None
    #: the state the article most names as a place (Salience.host_focus).
    salient_host: str | None = None
    #: the state of the last place named before this sentence, for "stationed there".
    last_place: str | None = None
    govs: list[Any] = field(init=False)
    _by_tok: dict[int, list[Mention]] = field(init=False)

    @property
    def last_owner(self) -> Mention | None:
        """The owner of the forces the article last named, of any kind."""
        return self.owners.get("")

    def __post_init__(self) -> None:
        self.govs = governors(self.trigger)
        self._by_tok = {}
        for m in self.mentions:  # "they" may stand for several states at once
            for i in range(m.start, m.end):
                self._by_tok.setdefault(i, []).append(m)

    # -- helpers -------------------------------------------------------------------------
    @property
    def is_verb(self) -> bool:
        return bool(self.trigger.pos_ in ("VERB", "AUX"))

    def gov_verb(self) -> Any | None:
        """The nearest governing verb (for a noun trigger, the verb it is an argument of)."""
        return next((g for g in self.govs if g.pos_ in ("VERB", "AUX")), None)

    def in_np(self, head: Any) -> list[Mention]:
        """Mentions inside the noun phrase headed by `head` (deduplicated, text order)."""
        seen: dict[tuple[int, str], Mention] = {}
        for tok in np_tokens(head):
            for m in self._by_tok.get(tok.i, ()):
                if not made_by(self.doc[m.root]):
                    seen[(m.start, m.code)] = m
        return [seen[k] for k in sorted(seen)]

    def forces_of(self, head: Any) -> list[Mention]:
        """Who owns the forces named by a phrase: "Russia's Africa Corps" and "the Russian
        mercenary group Wagner" are the armed organisation, not the state behind it."""
        return self._prefer_armed([m for m in self.in_np(head) if m.how != "capital"])

    def _prefer_armed(self, found: list[Mention]) -> list[Mention]:
        armed = [m for m in found if m.how == "org" and (org := self.gaz.match_org(m.text))
                 is not None and org.sector == "MIL"]
        return armed or found

    def in_nps(self, heads: Iterable[Any]) -> list[Mention]:
        out: list[Mention] = []
        for h in heads:
            out.extend(m for m in self.in_np(h) if m not in out)
        return out

    def attached(self) -> set[int]:
        """Tokens a preposition may hang from and still belong to this trigger."""
        toks = {self.trigger.i, *(g.i for g in self.govs)}
        # "remain stationed in Qatar": the complement verb's phrases are the trigger's own.
        toks.update(c.i for c in self.trigger.children
                    if c.dep_ in ("xcomp", "oprd", "acomp") and c.pos_ in ("VERB", "ADJ"))
        toks.update(t.i for t in self.theme_tokens())
        toks.update(t.i for t in self.object_tokens())
        return toks

    def object_tokens(self) -> list[Any]:
        """The trigger's objects; for a noun trigger, its "of" phrase."""
        if self.is_verb:
            trig = self.trigger
            if trig.dep_ == "amod" and self.lex.has_tok("power", trig.head):
                # the small model sometimes reads "seized power" as adjective + noun
                return [trig.head]
            objs = verb_objects(trig)
            if trig.dep_ == "relcl":
                # "Omar al-Bashir, whom the army removed": the relative pronoun is its head
                objs = [trig.head if o.tag_ in ("WP", "WDT") else o for o in objs]
            if not objs and trig.dep_ in ("acl", "relcl") and trig.head.pos_ == "NOUN":
                # "an agreement signed with Damascus", "the treaty Russia concluded"
                return [trig.head]
            if not objs and trig.dep_ == "advcl" and trig.tag_ == "VBN":
                # "Signed in Prague in 2010, the accord restricts ...": the main subject
                return [s for s in subjects(trig.head) if s.pos_ in ("NOUN", "PROPN")]
            if not objs and trig.dep_ == "xcomp" and any(c.dep_ == "auxpass"
                                                         for c in trig.children):
                # "the last base is due to be handed over", "the camp was set to be closed":
                # the subject above is what is handed over
                above = trig.head.head if trig.head.dep_ == "acomp" else trig.head
                return [s for s in subjects(above) if s.pos_ in ("NOUN", "PROPN")]
            return objs
        return [p for c in self.trigger.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]

    def elided_objects(self) -> list[Any]:
        """The objects a verb leaves out because a verb of the same rule above it or beside it
        names them: in "were leaving the G5 Sahel force, following Mali, which quit in 2022",
        what Mali quit is the force."""
        trig = self.trigger
        if not self.is_verb or verb_objects(trig) or any(
                c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("from", "out"))
                for c in trig.children):
            return []
        lemmas = self.rule.trigger.lemmas
        above = [a for a in trig.ancestors if a.pos_ in ("VERB", "AUX")]
        for verb in [*above, *trig.conjuncts]:
            if verb.i != trig.i and lemmas & set(lemma_keys(verb)):
                objs = verb_objects(verb)
                if objs:
                    return objs
        return []

    def theme_tokens(self) -> list[Any]:
        """Words denoting armed forces tied to the trigger (its arguments or their heads)."""
        cands: list[Any] = list(self.object_tokens())
        if self.is_verb and self.lex.has_tok("object_not_forces", self.trigger):
            # "leaving the joint force", "train Chadian units": the object is what is left or
            # trained, not who acts; only a base there is the actor's own ("left their base")
            cands = [o for o in cands if self.lex.has_tok("installations", o)]
        if self.is_verb:
            cands += subjects(self.trigger)
            # "handed over the base": a base is the forces' footprint
            cands += [p for c in self.trigger.children if c.dep_ == "prep" and c.lower_ == "over"
                      for p in c.children if p.dep_ == "pobj"]
            gv = self.gov_verb()
            if gv is not None and self.trigger.dep_ == "xcomp":
                cands += verb_objects(gv) + subjects(gv)
        else:
            cands += [self.trigger]
            cands += [c for c in self.trigger.children if c.dep_ in ("compound", "amod", "poss")]
            if self.trigger.dep_ in ("compound", "amod"):
                cands.append(self.trigger.head)
        out = []
        for tok in cands:
            for t in conjuncts(tok):
                if self.lex.has_tok("forces", t) or self.lex.has("forces", t.lower_):
                    out.append(t)
                elif t.dep_ != "pobj":
                    # "a contingent of 120 soldiers", "hundreds of troops"
                    for c in t.children:
                        if c.dep_ == "prep" and c.lower_ == "of":
                            out += [p for p in c.children
                                    if p.dep_ == "pobj" and self.lex.has_tok("forces", p)]
        return out

    def resolve_pronoun(self, tok: Any) -> list[Mention]:
        """"its troops", "their withdrawal": the possessor is the clause's subject actor —
        or, in "asked Paris to withdraw its soldiers", the object that controls the verb."""
        controller = self.slot_governor_object()
        if controller:
            return self._prefer_armed(controller)
        for verb in [self.trigger, *self.govs]:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subs = subjects(verb)
            if subs and not any(self._may_own(s) for s in subs):
                # "the national team of Kenya arrived at its training base": its = the team's
                return []
            found = self.in_nps(subs)
            if found:
                # "the Russian mercenary group Wagner announced that its fighters ...": Wagner's
                return self._prefer_armed(found)
        return list(self._by_tok.get(tok.i, ()))

    def _may_own(self, head: Any) -> bool:
        """Whether a subject may be what "its" or "their" stands for as an actor: a name or
        pronoun ("France", "they"), or a noun for a state, an organisation, forces or those
        who rule or speak for a state ("the country", "the junta", "the soldiers", "the
        ministry"); not "the national team of Kenya" or "the firm"."""
        if head.pos_ in ("PROPN", "PRON") or any(m.root == head.i
                                                  for m in self._by_tok.get(head.i, ())):
            return True
        return any(self.lex.has_tok(c, head) for c in _OWNER_CLASSES)

    def with_cue(self, words: frozenset[str], *, anywhere: bool = False) -> list[Mention]:
        """Mentions introduced by one of the prepositions, attached near the trigger."""
        near = self.attached()
        out = []
        for m in self.mentions:
            c = cue(m, self.doc, self.lex.words["forces"], self.lex.words["territory"])
            if c.word not in words:
                continue
            if anywhere or c.head is None or c.head.i in near:
                out.append(m)
            elif m.start > self.trigger.i and not (c.head.pos_ in ("VERB", "AUX")
                                                   and c.head.i != self.trigger.i) \
                    and not in_other_clause(c.head, near):
                # after the trigger and not hung from another clause's verb
                out.append(m)
        return out


    # -- actor slots ---------------------------------------------------------------------
    def slot_owner(self) -> list[Mention]:
        """The state or organisation whose forces these are: "US troops", "its soldiers",
        "the troops of France"; "the troops" alone: the forces the article last named."""
        out: list[Mention] = []
        definite = False
        for tok in self.theme_tokens():
            for child in tok.children:
                if child.dep_ == "poss" and child.lower_ in _POSS_PRONOUNS:
                    out += [m for m in self.resolve_pronoun(child) if m not in out]
                if child.dep_ == "det" and child.lower_ in ("the", "these", "those"):
                    definite = True
            out += [m for m in self.forces_of(tok) if m not in out]
        if not out and definite and self.owners:
            # "the peacekeepers" with no nationality: the peacekeepers the article last named,
            # else the forces it last named
            nouns = [t.lemma_.lower() for t in self.theme_tokens()]
            found = next((self.owners[n] for n in nouns if n in self.owners), None)
            out = [found or self.owners[""]] if (found or "" in self.owners) else []
            if out and self._other_forces(out[0].code):
                # "Russian instructors are housed in part of the same air base": the base's
                # owner is not told, and the forces its clause is about are someone else's
                return []
        return out

    def _other_forces(self, code: str) -> bool:
        """Whether the subject of the trigger's clause names forces owned by another actor
        than `code`."""
        by_tok = self._by_tok
        verbs = [v for v in (self.trigger, *self.govs) if v.pos_ in ("VERB", "AUX")][:1]
        for tok in (s for v in verbs for s in subjects(v)):
            if not self.lex.has_tok("forces", tok) or tok.i == self.trigger.i:
                continue
            for c in tok.children:
                if c.dep_ in ("amod", "compound", "poss", "nmod") and any(
                        m.code != code for m in by_tok.get(c.i, ())):
                    return True
        return False

    def slot_subject(self) -> list[Mention]:
        """The trigger verb's subject; for "ordered troops to withdraw", the object that
        controls the infinitive."""
        if not self.is_verb:
            return []
        subs = subjects(self.trigger)
        if self.trigger.dep_ == "xcomp" and not subs:
            gv = self.gov_verb()
            if gv is not None:
                objs = verb_objects(gv)
                subs = objs if objs else subjects(gv)
        return self.in_nps(subs)

    def slot_poss(self) -> list[Mention]:
        """The possessor of a noun trigger: "France's withdrawal", "its exit"."""
        out: list[Mention] = []
        for c in self.trigger.children:
            if c.dep_ != "poss":
                continue
            if c.lower_ in _POSS_PRONOUNS:
                out += self.resolve_pronoun(c)
            else:
                out += self.in_np(c)
        return out

    def slot_agent(self) -> list[Mention]:
        """The "by" agent of a passive: "was signed by Mali and Niger"."""
        verbs = [self.trigger] if self.is_verb else [self.gov_verb()]
        out: list[Mention] = []
        for v in verbs:
            if v is None:
                continue
            for c in v.children:
                if c.dep_ == "agent":
                    out += self.in_nps(p for p in c.children if p.dep_ == "pobj")
        if not self.is_verb:
            out += self.with_cue(frozenset({"by"}))
        return out

    def slot_governor_subject(self) -> list[Mention]:
        """The subject of the nearest governing verb that has one: "Niger demanded
        the withdrawal ..."."""
        for g in self.govs:
            if g.pos_ in ("VERB", "AUX"):
                found = self.in_nps(subjects(g))
                if found:
                    return found
        return []

    def slot_governor_object(self) -> list[Mention]:
        """The object of the governing verb of an infinitive: "asked Paris to withdraw"."""
        gv = self.gov_verb()
        if gv is None or not self.is_verb or self.trigger.dep_ != "xcomp":
            return []
        return self.in_nps(verb_objects(gv))

    def slot_focus(self) -> list[Mention]:
        """The article's focus state; for a host, the last host the article named, else the
        state it most names as a place."""
        code = self.focus
        if self.rule.kind in ("deploy", "withdraw"):
            code = self.last_host or self.salient_host or self.focus
        if code is None:
            return []
        return [Mention(self.trigger.i, self.trigger.i + 1, self.trigger.i, code, code,
                        "focus", "")]

    def _states(self, ms: Iterable[Mention]) -> list[Mention]:
        return [m for m in ms if self.gaz.country(m.code) is not None and m.how != "pronoun"]

    def slot_location(self) -> list[Mention]:
        """States introduced by "in" anywhere in the sentence ("a coup in Gabon"); "there"
        beside the trigger is the place the article last named."""
        found = self._states(self.with_cue(frozenset({"in"}), anywhere=True))
        there = any(c.lower_ == "there" for c in self.trigger.children)
        if not found and there and (self.last_host or self.salient_host):
            code = self.last_host or self.salient_host or ""
            found = [Mention(self.trigger.i, self.trigger.i + 1, self.trigger.i, code, code,
                             "focus", "there")]
        return found

    def slot_subject_state(self) -> list[Mention]:
        """States named anywhere in the subject ("the colonels running Mali", "Nigerien
        soldiers"), or in the subject of the verb a noun trigger depends on."""
        verb = self.trigger if self.is_verb else self.gov_verb()
        subs = subjects(verb) if verb is not None else []
        toks = {t.i for s in subs for t in s.subtree}
        return self._states(m for m in self.mentions if m.root in toks)

    def slot_sentence_state(self) -> list[Mention]:
        """The states the sentence names (not as owners of forces), most salient first."""
        named = [m for m in self.mentions if m.how in ("name", "alias", "demonym", "reference")
                 and cue(m, self.doc, self.lex.words["forces"]).word not in ("mod", "with")]
        return self._states(named)[:1]

    def slot_object_state(self) -> list[Mention]:
        """States named in the trigger's object: "ousted Niger's president"."""
        return self._states(self.in_nps(self.object_tokens()))

    def slot_compound_state(self) -> list[Mention]:
        """States modifying a noun trigger: "the Malian coup"."""
        mods = [c for c in self.trigger.children if c.dep_ in ("compound", "amod", "nmod")]
        return self._states(self.in_nps(mods))

    def slot_of_party(self) -> list[Mention]:
        """States or organisations in a noun trigger's "of" phrase: "the accession of
        Finland"."""
        return self.in_nps(self.object_tokens()) if not self.is_verb else []

    # -- counterpart slots ---------------------------------------------------------------
    def slot_object(self) -> list[Mention]:
        """States named as the trigger verb's object ("left Chad"), demonyms excluded."""
        objs = verb_objects(self.trigger) if self.is_verb else []
        terr = self.lex.words["territory"]
        # a demonym names a host only on a piece of territory: "patrolled the Armenian side"
        return [m for m in self.in_nps(objs) if m.how != "demonym"
                or any(o.lemma_.lower() in terr for o in objs)]

    def slot_object_party(self) -> list[Mention]:
        """States or blocs named as the object: "joined NATO", "quit ECOWAS"."""
        return self.slot_object()

    def _nearest_first(self, preps: frozenset[str]) -> list[Mention]:
        """Mentions after the prepositions; a place hung from the trigger itself ("remain in
        Transnistria") beats a state named further off ("along the Ukrainian border")."""
        found = self.with_cue(preps)
        verbs = {self.trigger.i, *(v.i for v in self.attached_verbs())}
        terr = self.lex.words["territory"]
        forces = self.lex.words["forces"]
        if any(getattr(cue(m, self.doc, forces, terr).head, "i", None) in verbs for m in found):
            return found
        for p in self.places:
            tok = self.doc[p.root]
            if p.place.country and tok.dep_ == "pobj" and tok.head.lower_ in preps \
                    and tok.head.head.i in verbs:
                code = p.place.country
                return [Mention(p.start, p.start + 1, p.root, code, code, "place", p.place.text)]
        return found

    def slot_there(self) -> list[Mention]:
        """"About 1,500 French troops are stationed there": the state of the last place the
        article named before this sentence."""
        there = any(c.lower_ == "there" for t in (self.trigger, *self.attached_verbs())
                    for c in t.children)
        if not there or self.last_place is None:
            return []
        code = self.last_place
        return [Mention(self.trigger.i, self.trigger.i + 1, self.trigger.i, code, code,
                        "focus", "there")]

    def attached_verbs(self) -> list[Any]:
        """Complement verbs of the trigger ("remain stationed there")."""
        return [c for c in self.trigger.children
                if c.dep_ in ("xcomp", "oprd", "acomp") and c.pos_ in ("VERB", "ADJ")]

    def slot_where(self) -> list[Mention]:
        """"Djibouti, where the United States keeps a base": the place a `where` clause
        hangs from."""
        for tok in [self.trigger, *self.govs]:
            if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
                return [m for m in self._by_tok.get(tok.head.i, ())]
        return []

    def slot_site(self) -> list[Mention]:
        """The host country of a base or city named near the trigger ("at Camp Lemonnier",
        "in Gyumri", "handed over the Bagram air base")."""
        near = self.attached()

        def held(p: PlaceMention) -> bool:
            # "the final base, in N'Djamena, was returned": a place in the object's own phrase
            tok = self.doc[p.root]
            return p.root in near or (tok.dep_ == "pobj" and tok.head.head.i in near)

        ranked = sorted(
            (p for p in self.places if p.place.country),
            key=lambda p: (not held(p) and p.start < self.trigger.i,
                           p.place.kind != "site", abs(p.root - self.trigger.i)))
        for p in ranked:
            if held(p) or p.start > self.trigger.i or p.place.kind == "site":
                code = p.place.country or ""
                return [Mention(p.start, p.start + 1, p.root, code, code, "place", p.place.text)]
        return []

    def slot_recipient(self) -> list[Mention]:
        """Who receives a base handed over: "handed over to the Malian army", "returned to
        Senegal's armed forces", "transferred to Niger"."""
        if not self.is_verb or not self.lex.has_tok("handover", self.trigger):
            return []
        objs = [p for c in self.trigger.children if c.dep_ == "prep" and c.lower_ == "to"
                for p in c.children if p.dep_ == "pobj"]
        return self._states(self.in_nps(objs))

    def slot_subject_host(self) -> list[Mention]:
        """For "host", "welcome", "receive": the subject is the host ("Djibouti hosts
        ...")."""
        if self.trigger.lemma_.lower() in ("host", "welcome", "receive"):
            return self.in_nps(subjects(self.trigger))
        return []

    def slot_of_bloc(self) -> list[Mention]:
        """A bloc after "to", "of" or "from": "accession to NATO", "exit from ECOWAS"."""
        return [m for m in self.with_cue(frozenset({"to", "of", "from", "in"}))
                if self.lex.has("blocs", m.code)]

    def slot_poss_agreement(self) -> list[Mention]:
        """States named in the agreement's own phrase: "the US-Niger accord", "a 2018
        agreement governing the status of French forces"."""
        toks = {t.i for o in self.object_tokens() for t in o.subtree}
        # a bloc inside the phrase ("a treaty creating the AES") is what the pact makes
        return [m for m in self.mentions if m.root in toks and m.how != "reference"
                and not self.lex.has("blocs", m.code)]

    def slot_elided_party(self) -> list[Mention]:
        """The party a verb leaves out because a verb of the same rule names it: "following
        Mali, which quit in 2022" (quit what the main clause left)."""
        return self.in_nps(self.elided_objects())

    def slot_sentence_parties(self) -> list[Mention]:
        """States the sentence names anywhere: the parties of "a treaty signed in 2017"
        when no clause says who signed it."""
        return [m for m in self.mentions if self.gaz.country(m.code) is not None
                and m.how not in ("pronoun", "capital")]

    def slot_last_owner(self) -> list[Mention]:
        """The forces the article last named: who handed over "the base" in a passive."""
        return [self.last_owner] if self.last_owner is not None else []

    def slot_local(self) -> list[Mention]:
        """The state the article most names as a place: where a coup or a junta is."""
        code = self.salient_host
        if code is None:
            return []
        return [Mention(self.trigger.i, self.trigger.i + 1, self.trigger.i, code, code,
                        "focus", "")]

    def slot_focus_other(self) -> list[Mention]:
        """The article's focus state, as the other party of an agreement."""
        return self.slot_focus()

    def fill(self, slots: tuple[str, ...], *, exclude: set[str] | None = None) -> list[Mention]:
        """The mentions of the first slot that yields any (minus codes in `exclude`)."""
        exclude = exclude or set()
        for name in slots:
            if name in _PREP_SLOTS:
                found = self._nearest_first(_PREP_SLOTS[name])
            else:
                method: Callable[[], list[Mention]] = getattr(self, f"slot_{name}")
                found = method()
            found = [m for m in found if m.code not in exclude]
            if found:
                return found
        return []
