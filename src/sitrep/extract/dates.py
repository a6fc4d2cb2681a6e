"""Resolve a date phrase ("last summer", "by mid-September", "Dec. 10") to a `DateValue`.

GUIDELINES rule 11: an event's date is resolved against the article's publication date, never
replaced by it. The words (months, seasons, "early/late", "last/next", durations, deadline
markers) are data in resources/lexicons/<lang>/dates.yaml; the word order is the patterns in
`_grammar`. dateparser reads the absolute formats those patterns do not know ("10/12/2023").
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import ConfigError
from ..records import DateValue, Precision
from .date_lexicon import DateLexicon as _Lexicon
from .date_lexicon import load_date_lexicon as _load_lexicon

__all__ = ["is_duration", "resolve_date"]

_LEXICONS = Path(str(resources.files("sitrep"))) / "resources" / "lexicons"
_MAX_LEN = 100  # DATE spans are short; a longer text is a sentence, not a date phrase
_MAX_PREFIXES = 4  # "by around mid-..." — prefixes stack, but never deeply
_Found = tuple[str, Precision]

# unit kind -> (counted in days or months, how many, precision when exact, when vague).
# "a year ago" is a month (rule 11); "a few months ago" names no month honestly.
_SHIFTS: Mapping[str, tuple[str, int, Precision | None, Precision | None]] = MappingProxyType({
    "hour": ("day", 0, None, None),  # "hours ago" may be yesterday or today
    "day": ("day", 1, "day", "week"), "week": ("day", 7, "week", "month"),
    "fortnight": ("day", 14, "week", "month"), "month": ("month", 1, "month", None),
    "year": ("month", 12, "month", None), "decade": ("month", 120, "year", None),
    "century": ("month", 1200, "year", None),
})
_PERIODS: Mapping[str, Precision] = MappingProxyType(
    {"time": "day", "day": "day", "week": "week", "month": "month", "year": "year"})
_STEP: Mapping[str, int] = MappingProxyType({"last": -1, "this": 0, "next": 1})


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first so "the end of" wins over "the"."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")" if ordered else "(?!)"


@dataclass(frozen=True, slots=True)
class _Grammar:
    lang: str
    lex: _Lexicon
    rules: tuple[tuple[re.Pattern[str], _Handler], ...]  # in order; the first that fits decides
    plain: tuple[tuple[re.Pattern[str], _Handler], ...]  # the same without ranges
    shift: re.Pattern[str]
    deadline: re.Pattern[str]
    prefix: re.Pattern[str]
    duration: re.Pattern[str]
    frequency: re.Pattern[str]
    gate: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Ctx:
    grammar: _Grammar
    pub: date | None
    future: bool


_Handler = Callable[[re.Match[str], _Ctx], _Found | None]


def _fragments(lex: _Lexicon) -> dict[str, str]:
    """The pieces every pattern is made of, one regex per word class."""
    f = w = {k: _alt(v) for k, v in (*lex.words.items(), *lex.ints.items())}  # w: the words
    f["unit"] = _alt(lex.units)
    f["one"] = _alt(u for u, (_, plural) in lex.units.items() if not plural)
    f["season"], f["holiday"] = _alt(lex.seasons), _alt(lex.holidays)
    f["count"] = rf"(?:\d{{1,3}}|{w['numbers']}|{w['vague_counts']})"
    f["pre"] = rf"(?:(?P<last>{w['last']})|(?P<next>{w['next']})|(?P<this>{w['this']}))"
    f["post"] = (rf"(?: (?:(?P<last2>{w['last_after']})|(?P<next2>{w['next_after']})"
                 rf"|(?P<this2>{w['this_after']})))?")
    f["part"] = (rf"(?:(?:(?P<vague>{w['parts_vague']})|(?P<start>{w['parts_start']})"
                 rf"|(?P<end>{w['parts_end']}))(?: |(?<=-)))?")  # "mid-September"
    f["of_"] = rf"(?: {w['of']})?"
    f["day"] = rf"(?P<d>\d{{1,2}})(?:{w['ordinal_suffixes']})?"
    f["year"] = r"(?P<y>[12]\d{3})"
    return f


@lru_cache(maxsize=8)
def _grammar(lang: str) -> _Grammar:
    """Compile the patterns for one language, once per process."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise ConfigError(f"lang {lang!r} is not a two- or three-letter language code")
    lex = _load_lexicon(_LEXICONS / lang / "dates.yaml")
    f = _fragments(lex)
    mon, art, one, pre, post, part, of_, year = (
        rf"(?P<mon>{f['months']})", f["articles"], f["one"], f["pre"], f["post"], f["part"],
        f["of_"], f["year"])
    shift = (rf"(?:(?:(?P<agob>{f['ago_before']})|(?P<fwb>{f['forward_before']})) )?"
             rf"(?P<n>{f['count']}) (?P<u>{f['unit']})"
             rf"(?: (?:(?P<agoa>{f['ago']})|(?P<fwa>{f['forward_after']})))?")
    head: list[tuple[str, _Handler]] = [
        (r"(?P<y>\d{4})-(?P<mo>0[1-9]|1[0-2])(?:-(?P<d>\d{1,2}))?", _h_iso),
        (rf"(?:{art} )?{part}(?:{art} )?(?:\d{{2}})?\d0s", _h_none),  # decades
        (shift, _h_shift)]
    ranges: list[tuple[str, _Handler]] = [
        (r"(?P<a>[12]\d{3}) ?[-/] ?(?P<b>\d{2}|[12]\d{3})", _h_range),
        (rf"{f['range_between']} (?P<a>.+?) {f['range_and']} (?P<b>.+)", _h_range),
        (rf"{f['range_from']} (?P<a>.+?) {f['range_to']} (?P<b>.+)", _h_range),
        (r"(?P<a>.+?) - (?P<b>.+)", _h_range)]
    tail: list[tuple[str, _Handler]] = [
        (rf"{part}(?P<dw>{f['days']})", _h_day_word),
        (rf"(?:{pre} )?(?P<hol>{f['holiday']}){post}(?: {year})?", _h_month_day),
        (rf"(?:{pre} )?(?P<wd>{f['weekdays']}){post}(?: {f['times_of_day']})?", _h_weekday),
        (rf"(?:{f['weekdays']} )?(?:{pre} )?{mon} (?:{art} )?{f['day']}(?: {year})?",
         _h_month_day),
        (rf"(?:{f['weekdays']} )?(?:{art} )?{f['day']}{of_} {mon}(?: {year})?", _h_month_day),
        (rf"{part}(?:{pre} )?{mon}{post}(?:{of_} {year})?", _h_month),
        (rf"{part}(?:(?:{pre}|{art}) )?(?P<sea>{f['season']}){post}(?:{of_} {year})?",
         _h_season),
        (rf"(?P<ye>{f['year_end']})|{part}(?:(?:{pre}|(?P<art>{art})) )?"
         rf"(?P<u>{one}|{f['weekend']}){post}", _h_unit),
        (rf"(?:{art} )?(?:{f['quarters']} {f['quarter']}|{f['quarters_short']})"
         rf"(?:{of_} (?:{year}|(?:{pre}|{art}) (?P<u>{one})))?", _h_quarter),
        (rf"{part}(?:{art} {one} )?{year}", _h_year)]

    def compiled(table: list[tuple[str, _Handler]]) -> tuple[tuple[re.Pattern[str], _Handler], ...]:
        return tuple((re.compile(p), h) for p, h in table)

    return _Grammar(
        lang, lex, compiled(head + ranges + tail), compiled(head + tail), re.compile(shift),
        re.compile(rf"{f['deadline']} (?P<rest>.+)"), re.compile(rf"{f['prefixes']} (?P<rest>.+)"),
        *_duration_patterns(f),
        re.compile(rf"\b{f['months']}\b|\d{{1,4}}[/.]\d{{1,2}}[/.]\d{{1,4}}"))


def _duration_patterns(f: Mapping[str, str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Durations ("for weeks", "the past decade", "a 10-year") and frequencies ("twice a year")."""
    long, unit, one = f["duration_long"], f["unit"], f["one"]
    duration = (
        rf"(?:(?:(?P<sp>{f['duration_prefixes']})|{f['duration_weak_prefixes']}) )?"
        rf"(?:(?P<art>{f['articles']}) )?(?:(?:(?P<sm>{f['duration_modifiers']})"
        rf"|(?P<wm>{f['duration_weak_modifiers']})) )?(?:(?P<n>{f['count']}) )?"
        rf"(?P<u>{unit}|\d+-{one}(?:-{long})?|{unit}-{long})(?: {f['duration_half']})?")
    periods = rf"(?:{unit}|{f['weekdays']}|{f['months']}|{f['season']}|{f['weekend']})s?"
    frequency = (
        rf"{f['duration_words']}|{f['every']} (?:{f['count']} )?{periods}|(?:{f['times_words']}"
        rf"|{f['count']} {f['times']}) {f['per']} (?:{one}|{f['weekend']})")
    return re.compile(duration), re.compile(frequency)


def _normalise(phrase: str) -> str:
    text = re.sub(r"[‐‑–—−]", "-", phrase.lower().replace("’", "'").replace("‘", "'"))
    text = re.sub(r"'s\b", "s", text).replace("'", " ")  # "new year's" -> "new years"
    text = re.sub(r"(?<=[^\W\d_])\.", " ", text)  # "Dec. 10" -> "dec 10"; keeps "10.12.2023"
    text = re.sub(r"[,;:!?()\[\]\"“”]", " ", text)
    return " ".join(text.split()).strip(" .-")


def resolve_date(
    phrase: str, published: date | None, *, future: bool = False, lang: str = "en"
) -> DateValue | None:
    """Resolve a date phrase against the publication date; None when it names no point in time.

    `future` says the event is planned: "in March" is then the next March, not the last one.
    Deadlines ("by Friday") always look forward. Relative phrases need `published`; absolute
    dates do not. Never raises on odd text; raises ResourceError/ConfigError for a bad `lang`.
    """
    if not isinstance(phrase, str) or len(phrase) > 4 * _MAX_LEN:
        return None
    text = _normalise(phrase)
    if not text or len(text) > _MAX_LEN:
        return None
    if isinstance(published, datetime):
        published = published.date()
    found = _resolve_cached(text, published, future, lang)
    return DateValue(found[0], found[1], phrase) if found else None


def is_duration(phrase: str, *, lang: str = "en") -> bool:
    """True for durations/frequencies that are not a point in time: "for weeks", "daily".

    "in two weeks" counts as a duration here (it is one in the past tense); resolve_date still
    resolves it for a future event.
    """
    if not isinstance(phrase, str) or len(phrase) > 4 * _MAX_LEN:
        return False
    text = _normalise(phrase)
    return bool(text) and len(text) <= _MAX_LEN and _is_duration_text(_grammar(lang), text)


def _is_duration_text(g: _Grammar, text: str) -> bool:
    if g.frequency.fullmatch(text):
        return True
    m = g.duration.fullmatch(text)  # "the past week", "for years"; but not "last week"
    return m is not None and bool(m["sp"] or m["sm"] or m["n"] or "-" in m["u"]
                                  or g.lex.units[m["u"]][1] or (m["wm"] and m["art"]))


@lru_cache(maxsize=65536)  # the extractor sees the same few phrases and dates again and again
def _resolve_cached(text: str, published: date | None, future: bool, lang: str) -> _Found | None:
    g = _grammar(lang)
    if m := g.deadline.fullmatch(text):
        text, future = m["rest"], True
    found = _resolve_text(_Ctx(g, published, future), text, ranges=True)
    return found if found and _valid(found[0]) else None


def _resolve_text(ctx: _Ctx, text: str, *, ranges: bool) -> _Found | None:
    g = ctx.grammar
    if m := g.shift.fullmatch(text):  # before the duration test: "in two weeks" may be a date
        return _apply(_h_shift, m, ctx)
    if _is_duration_text(g, text):
        return None
    for _ in range(_MAX_PREFIXES):
        for pattern, handler in g.rules if ranges else g.plain:
            if m := pattern.fullmatch(text):
                return _apply(handler, m, ctx)  # the first pattern that fits decides
        if not (m := g.prefix.fullmatch(text)):
            break
        text = m["rest"]  # "in March" -> "March", but only after "in ..." itself was tried
    return _fallback(ctx, text)


def _apply(handler: _Handler, m: re.Match[str], ctx: _Ctx) -> _Found | None:
    try:
        return handler(m, ctx)
    except (ValueError, OverflowError):  # "Feb. 30", or arithmetic past year 1 or 9999
        return None


def _valid(value: str) -> bool:
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], *[*parts[1:], 1, 1][:2])
    except ValueError:
        return False
    return len(value.split("-")[0]) == 4


def _fallback(ctx: _Ctx, text: str) -> _Found | None:
    """dateparser, for the formats our patterns do not know ("10/12/2023", "the 3rd of May")."""
    if not (hit := ctx.grammar.gate.search(text)):
        return None  # no month name or numeric date: dateparser would only guess
    has_year = re.search(r"\b[12]\d{3}\b|\d[/.]\d{1,2}[/.]\d", text) is not None
    # A numeric date carries its year, so the strict parser shared by all dates will do.
    pub = None if hit.group(0)[0].isdigit() else ctx.pub
    try:
        data = _dateparser(ctx.grammar.lang, pub, ctx.future).get_date_data(text)
    except Exception:  # dateparser fails in many ways on odd text; for us that means "no date"
        return None
    precision = _PERIODS.get(str(data.period))
    if not isinstance(data.date_obj, datetime) or precision is None:
        return None
    found = data.date_obj.date()
    if not has_year and ctx.pub and (found < ctx.pub if ctx.future else found > ctx.pub):
        return None  # it guessed the wrong side of the publication date
    return _at(found, precision)


@lru_cache(maxsize=256)
def _dateparser(lang: str, published: date | None, future: bool) -> Any:
    """One DateDataParser per (language, publication date, tense): building one is slow."""
    from dateparser.date import DateDataParser  # lazy: importing dateparser takes ~0.2 s

    settings: dict[str, object] = {
        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "future" if future else "past"}
    if published is None:
        settings["STRICT_PARSING"] = True  # only complete dates; nothing relative to "now"
    else:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    return DateDataParser(languages=[lang], settings=settings)


# --- handlers: each reads the groups of one pattern ---------------------------------------


def _at(day: date, precision: Precision) -> _Found:
    value = {"day": day.isoformat(), "week": day.isoformat()[:7], "month": day.isoformat()[:7]}
    return value.get(precision, f"{day.year:04d}"), precision


def _rel(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    return next((r for r in _STEP if groups.get(r) or groups.get(r + "2")), None)


def _add_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def _h_none(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    return None  # decades are not a point in time


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["d"]:
        return date(int(m["y"]), int(m["mo"]), int(m["d"])).isoformat(), "day"
    return f"{m['y']}-{m['mo']}", "month"


def _h_shift(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["agob"] or m["agoa"]:
        sign = -1
    elif m["fwa"] or (m["fwb"] and ctx.future):
        sign = 1
    else:
        return None  # a bare "two weeks" is a duration; "in two weeks" in the past tense too
    numbers = ctx.grammar.lex.ints["numbers"]
    vague = not m["n"].isdigit() and m["n"] not in numbers
    count = 3 if vague else int(m["n"]) if m["n"].isdigit() else numbers[m["n"]]
    base, size, exact, rough = _SHIFTS[ctx.grammar.lex.units[m["u"]][0]]
    precision = rough if vague else exact
    if ctx.pub is None or precision is None:
        return None
    if base == "day":
        return _at(ctx.pub + timedelta(days=sign * count * size), precision)
    return _at(_add_months(ctx.pub, sign * count * size), precision)


def _h_day_word(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if ctx.pub is None:
        return None
    return _at(ctx.pub + timedelta(days=ctx.grammar.lex.ints["days"][m["dw"]]), "day")


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A bare weekday is the last one strictly before publication, or the next one after it."""
    if ctx.pub is None:
        return None
    wanted, today, rel = ctx.grammar.lex.ints["weekdays"][m["wd"]], ctx.pub.weekday(), _rel(m)
    if rel == "next" or (rel != "last" and ctx.future):
        return _at(ctx.pub + timedelta(days=(wanted - today - 1) % 7 + 1), "day")
    return _at(ctx.pub - timedelta(days=(today - wanted - 1) % 7 + 1), "day")


def _h_month_day(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "Dec. 10" or "Christmas": without a year, the nearest one on the side the phrase points."""
    lex, rel, holiday = ctx.grammar.lex, _rel(m), m.groupdict().get("hol")
    month, day = lex.holidays[holiday] if holiday else (lex.ints["months"][m["mon"]], int(m["d"]))
    if m["y"] or ctx.pub is None:
        return (date(int(m["y"]), month, day).isoformat(), "day") if m["y"] else None
    if rel == "this":
        return date(ctx.pub.year, month, day).isoformat(), "day"
    forward = rel == "next" or (rel is None and ctx.future)
    for year in range(ctx.pub.year, ctx.pub.year + (9 if forward else -9), 1 if forward else -1):
        if day <= monthrange(year, month)[1]:  # Feb. 29 waits for a leap year
            found = date(year, month, day)
            if (found == ctx.pub and rel is None) or (
                    found > ctx.pub if forward else found < ctx.pub):
                return _at(found, "day")
    return None


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """ "last December" is strictly before the publication month; a bare "March" may be it."""
    month = ctx.grammar.lex.ints["months"][m["mon"]]
    if m["y"]:
        return f"{int(m['y']):04d}-{month:02d}", "month"
    if ctx.pub is None:
        return None
    now, rel, year = ctx.pub.month, _rel(m), ctx.pub.year
    if rel == "last" or (rel is None and not ctx.future):
        year -= int(month > now or (rel == "last" and month == now))
    elif rel == "next" or (rel is None and ctx.future):
        year += int(month < now or (rel == "next" and month == now))
    return f"{year:04d}-{month:02d}", "month"


def _h_season(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A season's year; a winter counts in the year of its month nearest the publication."""
    if m["y"] or ctx.pub is None:
        return (f"{int(m['y']):04d}", "season") if m["y"] else None
    if (rel := _rel(m)) == "this":
        return f"{ctx.pub.year:04d}", "season"
    months, now = ctx.grammar.lex.seasons[m["sea"]], ctx.pub.year * 12 + ctx.pub.month - 1
    spans = [(s, s + len(months) - 1)
             for s in (y * 12 + months[0] - 1 for y in range(ctx.pub.year - 2, ctx.pub.year + 2))]
    if rel == "last":  # the last one that is over
        start, end = max(span for span in spans if span[1] < now)
    elif rel == "next":  # the next one not yet begun
        start, end = min(span for span in spans if span[0] > now)
    elif ctx.future:  # this one or the next
        start, end = min(span for span in spans if span[1] >= now)
    else:  # this one or the last
        start, end = max(span for span in spans if span[0] <= now)
    nearest = min(range(start, end + 1), key=lambda month: abs(month - now))
    return f"{nearest // 12:04d}", "season"


def _h_unit(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """this/last/next week, month, year, weekend; an article or a part alone means "this"."""
    rel = _rel(m) or ("this" if m["art"] or m["vague"] or m["start"] or m["end"] else None)
    if ctx.pub is None or (rel is None and not m["ye"]):
        return None
    step, units = _STEP[rel or "this"], ctx.grammar.lex.units
    kind = "year" if m["ye"] else units[m["u"]][0] if m["u"] in units else "weekend"
    if kind == "week":
        return _at(ctx.pub + timedelta(weeks=step), "week")
    if kind == "month":
        return _at(_add_months(ctx.pub, step), "month")
    if kind == "year":
        if m["ye"] or m["start"] or m["end"]:
            return f"{ctx.pub.year + step:04d}-{1 if m['start'] else 12:02d}", "month"
        return f"{ctx.pub.year + step:04d}", "year"
    if kind == "weekend":  # given by its Saturday's month, as a week is
        saturday = ctx.pub - timedelta(days=(ctx.pub.weekday() - 5) % 7)
        in_weekend = ctx.pub.weekday() >= 5
        weeks = {"last": -int(in_weekend), "next": 1,
                 "this": int(ctx.future and not in_weekend)}[rel or "this"]
        return _at(saturday + timedelta(weeks=weeks), "week")
    return None


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A quarter gives its year only: it is not a season and names no single month."""
    if m["y"]:
        return m["y"], "year"
    if ctx.pub is None or m["u"] is None or ctx.grammar.lex.units[m["u"]][0] != "year":
        return None  # "the third quarter" alone: of which year?
    return f"{ctx.pub.year + _STEP[_rel(m) or 'this']:04d}", "year"


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    if m["end"] or m["start"]:
        return f"{m['y']}-{12 if m['end'] else 1:02d}", "month"
    return m["y"], "year"


def _h_range(m: re.Match[str], ctx: _Ctx) -> _Found | None:
    """A range is a point only at the precision both ends share: one month, or one year."""
    first, second = m["a"], m["b"]
    if re.fullmatch(r"\d{2}", second):
        second = first[:2] + second  # "2019-20"
    year = re.search(r"\b[12]\d{3}\b", second)
    if year and not re.search(r"\b[12]\d{3}\b", first):
        first = f"{first} {year.group(0)}"  # "between March and May 2023"
    a = _resolve_text(ctx, first, ranges=False)
    b = _resolve_text(ctx, second, ranges=False)
    if a is None or b is None:
        return None
    if len(a[0]) >= 7 and a[0][:7] == b[0][:7]:
        return a[0][:7], "month"
    return (a[0][:4], "year") if a[0][:4] == b[0][:4] else None
