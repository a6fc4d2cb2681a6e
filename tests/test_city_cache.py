"""The city index cache (gazetteer/cities.py): a cached index is the built one; a broken,
unwritable or switched-off cache costs a rebuild, never a wrong index or an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.gazetteer.cities import CityIndex, city_cache_dir, load_cities

#: "niamey" -> Niger's capital only, "paris" -> the French one unless told otherwise: small
#: exclusions so that two of them give two different cache files
_EXCLUDED: dict[str, str | None] = {"chad": None}


def _same(a: CityIndex, b: CityIndex) -> None:
    assert (a.cities, a.min_population, len(a)) == (b.cities, b.min_population, len(b))
    assert a._by_key == b._by_key and a._shadowed == b._shadowed


@pytest.fixture(scope="module")
def built() -> CityIndex:
    """The index built with the cache off."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SITREP_CACHE_DIR", "off")
        return load_cities(exclusions=_EXCLUDED)


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path / "c"))
    assert city_cache_dir() == tmp_path / "c"
    for off in ("off", "0", "false", "No"):
        monkeypatch.setenv("SITREP_CACHE_DIR", off)
        assert city_cache_dir() is None
    monkeypatch.delenv("SITREP_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert city_cache_dir() == tmp_path / "xdg" / "sitrep"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert city_cache_dir() == Path.home() / ".cache" / "sitrep"


def test_a_cached_index_is_the_built_one(built: CityIndex, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    first = load_cities(exclusions=_EXCLUDED)  # builds and writes
    files = list(tmp_path.glob("cities-15000-*.marshal"))
    assert len(files) == 1
    second = load_cities(exclusions=_EXCLUDED)  # reads
    _same(first, built)
    _same(second, built)
    assert second.lookup("niamey") == built.lookup("niamey")
    assert second.lookup("paris", country="USA") == built.lookup("paris", country="USA")
    assert second.lookup("chad") is None  # excluded forms stay shadowed
    # other exclusions are another index: another file, never the first one's
    load_cities(exclusions={})
    assert len(list(tmp_path.glob("cities-15000-*.marshal"))) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_broken_cache_file_is_rebuilt(built: CityIndex, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", str(tmp_path))
    load_cities(exclusions=_EXCLUDED)
    (path,) = tmp_path.glob("cities-*.marshal")
    whole = path.read_bytes()
    for broken in (whole[: len(whole) // 2], b"not marshal data", b""):
        path.write_bytes(broken)
        _same(load_cities(exclusions=_EXCLUDED), built)
        assert "unreadable" in caplog.text and str(path) in caplog.text
        assert path.read_bytes() == whole  # rewritten whole
        caplog.clear()


def test_an_unwritable_cache_is_skipped(built: CityIndex, monkeypatch: pytest.MonkeyPatch,
                                        tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SITREP_CACHE_DIR", str(blocker / "cache"))
    _same(load_cities(exclusions=_EXCLUDED), built)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SITREP_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    load_cities(exclusions=_EXCLUDED)
    assert not list(tmp_path.rglob("*"))
