"""Folders as inputs: the readable files below a directory, in a stable order.

The walk is depth-first with each directory's entries sorted by name, so the same folder gives
the same articles in the same order on every machine. Hidden entries (".git", ".DS_Store") are
skipped, and so are files whose extension sitrep does not read. Directories are tracked by
device and inode, so a symbolic link back to a parent (a loop) is entered once, never forever,
and a file reached through two links is read once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from sitrep.errors import InputError

__all__ = ["READABLE_EXTENSIONS", "readable_name", "walk_folder"]

#: Extensions read from folders; each may also carry ".gz". Not ".json": folders hold JSON
#: files of all kinds (settings, metadata), and a JSON document is not JSON Lines.
READABLE_EXTENSIONS = frozenset({
    ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson",
    ".xml", ".rss", ".atom",
})


def readable_name(name: str) -> bool:
    """Whether a file name has an extension sitrep reads from folders (case ignored)."""
    lowered = name.lower().removesuffix(".gz")
    return os.path.splitext(lowered)[1] in READABLE_EXTENSIONS


def walk_folder(folder: str) -> Iterator[str | InputError]:
    """Yield the path of each readable file below `folder`, and an InputError per problem.

    Paths are `folder` joined with the names below it (links are not resolved), so they read
    as the user wrote them. A folder with no readable file yields one InputError naming it.
    """
    found = 0
    seen: set[tuple[int, int]] = set()
    for item in _walk(folder, seen=seen):
        found += isinstance(item, str)
        yield item
    if not found:
        yield InputError(folder, "no readable files in this folder (sitrep reads "
                                 f"{', '.join(sorted(READABLE_EXTENSIONS))}, also gzipped; "
                                 "hidden files and other extensions are skipped)")


def _walk(folder: str, *, seen: set[tuple[int, int]]) -> Iterator[str | InputError]:
    """The readable files below one directory, depth first, entries sorted by name."""
    try:
        info = os.stat(folder)
        if _key(info) in seen:
            return
        seen.add(_key(info))
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        yield InputError(folder, f"cannot read the folder: {err.strerror or err}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = os.path.join(folder, entry.name)
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as err:
            yield InputError(path, f"cannot read: {err.strerror or err}")
            continue
        if is_dir:
            yield from _walk(path, seen=seen)
        elif readable_name(entry.name):
            if is_file:
                yield from _file(path, seen=seen)
            elif entry.is_symlink() and not os.path.exists(path):
                yield InputError(path, "broken symbolic link; its target does not exist")
            # Anything else (a FIFO, a socket, a device) is skipped: reading could block.


def _file(path: str, *, seen: set[tuple[int, int]]) -> Iterator[str | InputError]:
    """`path`, unless the same file was already reached through another link."""
    try:
        key = _key(os.stat(path))
    except OSError as err:
        yield InputError(path, f"cannot read: {err.strerror or err}")
        return
    if key not in seen:
        seen.add(key)
        yield path


def _key(info: os.stat_result) -> tuple[int, int]:
    """What identifies a file or directory whatever the path to it: device and inode."""
    return info.st_dev, info.st_ino
