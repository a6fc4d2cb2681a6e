"""One error hierarchy for sitrep. Library code raises these; shells map them to exit codes."""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "InputError",
    "ModelError",
    "ResourceError",
    "SitrepError",
    "StoreError",
]


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose. Messages say how to fix the problem.

    `exit_code` is what the CLI exits with (docs/cli.md): 2 is click's usage error.
    """

    exit_code = 1


class InputError(SitrepError):
    """An input (file, line, field) cannot be read. The message names the input and the line."""

    exit_code = 3

    def __init__(self, source: str, problem: str, *, line: int | None = None) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {problem}")


class ResourceError(SitrepError):
    """A packaged data file (rules, lexicon, gazetteer, ontology) is invalid."""

    exit_code = 4

    def __init__(self, path: str, problem: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class ModelError(SitrepError):
    """The spaCy pipeline named in the settings cannot be loaded."""

    exit_code = 5


class ConfigError(SitrepError):
    """A setting has a value sitrep cannot use."""

    exit_code = 6


class StoreError(SitrepError):
    """The store (SQLite file or PostgreSQL server) cannot be opened, read or written."""

    exit_code = 7
