"""The public extraction API: load once, extract many.

    pipe = load_pipeline(Settings.resolve())
    for article, events in pipe.extract_many(articles): ...
    events = extract("Niger ordered ...", published=date(2024, 5, 11))
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .records import Article, Event
from .settings import Settings

if TYPE_CHECKING:
    from .extract.firstpass import Screen
    from .extract.pipeline import Knowledge
    from .extract.sentpass import SentenceScreen

__all__ = ["Pipeline", "extract", "load_pipeline"]


class Pipeline:
    """A loaded spaCy pipeline plus the rules, lexicons, gazetteer and ontology."""

    def __init__(self, settings: Settings) -> None:
        # Imported here, not at module level: `import sitrep` must not load spaCy or dateparser.
        from .extract.lexicon import load_lexicon
        from .extract.ontology import load_ontology
        from .extract.pipeline import Knowledge
        from .extract.rules import load_rules
        from .gazetteer import load_gazetteer
        from .gazetteer.areas import load_areas
        from .gazetteer.context import load_context_names
        from .gazetteer.leaders import load_leaders
        from .gazetteer.regions import load_regions
        from .nlp import load_nlp
        from .nlp.pipeline import model_name

        self.settings = settings
        model_name(settings)  # an unsupported language is a settings error, raised first
        rules = load_rules(settings.lang)
        self.knowledge: Knowledge = Knowledge(
            rules=rules, lex=load_lexicon(settings.lang), gaz=load_gazetteer(),
            ontology=load_ontology(), regions=load_regions(), leaders=load_leaders(),
            areas=load_areas(), context=load_context_names(),
            trigger_lemmas=frozenset(rules.by_lemma),
        )
        self.nlp: Any = load_nlp(settings)
        # The spaCy object is shared by every Pipeline of the process: only ever raise its
        # limit; each Pipeline enforces its own (settings.max_article_chars) before parsing.
        self.nlp.max_length = max(self.nlp.max_length, settings.max_article_chars)
        self.screen: Screen | None = None
        self.sentences: SentenceScreen | None = None
        kb = self.knowledge
        kb.gaz.city_index()  # build the city index now, not on the first article
        if settings.first_pass or settings.sentence_pass:
            from .extract.firstpass import build_screen

            screen = build_screen(kb.rules, kb.lex, kb.gaz, kb.leaders, lang=settings.lang)
            self.screen = screen if settings.first_pass else None
            if settings.sentence_pass:
                from .extract.sentpass import build_sentence_screen

                self.sentences = build_sentence_screen(screen, kb.gaz, kb.leaders, kb.areas,
                                                       kb.lex, lang=settings.lang)
        # The model, gazetteer, city index and screens are millions of objects alive until
        # the process ends. Out of the collector's reach, no full collection walks them again,
        # nor the collection at interpreter exit (1.3 s of every worker's and CLI run's end).
        # Frozen objects are still freed by reference counting; see gc.freeze.
        gc.freeze()

    def extract(self, article: Article) -> list[Event]:
        """The events of one article; InputError when its text is past max_article_chars."""
        self._check_length(article)
        if not self.admits(article):
            return []
        if self.sentences is None:
            return self._events(self.nlp(article.text), article)
        return next(self._extract_sentences([article]))[1]

    def admits(self, article: Article) -> bool:
        """Whether the first pass lets an article through to parsing (always, when it is off)."""
        return self.screen is None or self.screen.admits(article.text)

    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Events of many articles, in input order, parsed in batches (`settings.batch_size`);
        articles the first pass rejects are not parsed and give no events. An article past
        max_article_chars raises InputError (the readers refuse those before they get here)."""
        if self.sentences is not None:
            yield from self._extract_sentences(articles)
            return
        # (article, admitted) in input order; the parser consumes the admitted ones lazily, so
        # every rejected article queued before a parsed one is yielded before it.
        pending: deque[tuple[Article, bool]] = deque()

        def admitted() -> Iterator[tuple[str, Article]]:
            for a in articles:
                self._check_length(a)
                keep = self.admits(a)
                pending.append((a, keep))
                if keep:
                    yield a.text, a

        for doc, article in self.nlp.pipe(admitted(), as_tuples=True,
                                          batch_size=self.settings.batch_size):
            while not pending[0][1]:
                yield pending.popleft()[0], []
            pending.popleft()
            yield article, self._events(doc, article)
        while pending:
            yield pending.popleft()[0], []

    def _check_length(self, article: Article) -> None:
        from .ingest.limits import text_too_long

        problem = text_too_long(article.text, limit=self.settings.max_article_chars)
        if problem:
            raise InputError(article.id, problem)

    def _extract_sentences(self, articles: Iterable[Article]
                           ) -> Iterator[tuple[Article, list[Event]]]:
        """`extract_many` with the sentence pass: per batch of articles, the runs of sentences
        that need it are parsed together, the rest only tokenized, and each article's Doc is
        stitched back over its whole text."""
        from itertools import islice

        from .extract.sentpass import plan, skipped_doc, stitch

        assert self.sentences is not None
        size = self.settings.batch_size
        stream = iter(articles)
        while chunk := list(islice(stream, size)):
            for a in chunk:
                self._check_length(a)
            plans = [plan(a.text, self.sentences) if self.admits(a) else None for a in chunk]
            texts = [a.text[s:e] for a, runs in zip(chunk, plans, strict=True)
                     for s, e, parse in runs or () if parse]
            parsed = iter(self.nlp.pipe(texts, batch_size=size) if texts else ())
            for article, runs in zip(chunk, plans, strict=True):
                if not runs:  # rejected by the first pass, or no sentence may give an event
                    yield article, []
                    continue
                docs = [next(parsed) if parse else skipped_doc(self.nlp, article.text[s:e])
                        for s, e, parse in runs]
                yield article, self._events(stitch(docs), article)

    def _events(self, doc: Any, article: Article) -> list[Event]:
        from .extract.pipeline import events_from_doc

        events = events_from_doc(doc, article, self.knowledge)
        floor = self.settings.min_confidence
        return [e for e in events if e.confidence >= floor]


def load_pipeline(settings: Settings | None = None) -> Pipeline:
    """Load the pipeline for the settings (spaCy, rules, gazetteer: once per process)."""
    return Pipeline(settings or Settings.resolve())


def extract(text: str, *, published: date | None = None, doc_id: str = "text",
            pipeline: Pipeline | None = None) -> list[Event]:
    """Extract the events of one text, dated against its publication date."""
    if not isinstance(text, str):
        raise InputError(doc_id, f"text must be a string, not {type(text).__name__}")
    pipe = pipeline or load_pipeline()
    return pipe.extract(Article(id=doc_id, text=text, published=published))
