"""Packaged data files (resources/): where they are, and reading a YAML one with errors that
name the file. Each kind of file keeps its own validating loader; this module only reads (and
pauses the garbage collector while a loader builds its tables)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ResourceError

__all__ = ["packaged", "paused_gc", "read_yaml"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """No garbage collection inside: building a table of ~10^5-10^6 fresh objects that all stay
    alive otherwise triggers collections that cost about a second and free nothing."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def packaged(*parts: str) -> Path:
    """The path of a packaged resource, e.g. packaged("rules", "en")."""
    return Path(str(resources.files("sitrep").joinpath("resources", *parts)))


#: libyaml's loader when PyYAML was built with it (the wheels are): the same safe subset of
#: YAML, read 5-10x faster than the pure-Python loader (0.7 s of every start-up otherwise)
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, what: str) -> Any:
    """Parse a YAML file; an unreadable or malformed file raises ResourceError naming it
    (and the line of a syntax error)."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(str(path), f"cannot read {what}: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ResourceError(str(path), f"{what} is not valid YAML: {exc}", line=line) from exc
