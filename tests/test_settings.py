"""Settings: the fetch settings' defaults, types and ranges, from each source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitrep.errors import ConfigError
from sitrep.settings import Settings


def test_fetch_defaults() -> None:
    settings = Settings.resolve(env={})
    assert (settings.fetch_private, settings.fetch_timeout, settings.fetch_max_bytes) == (
        False, 20.0, 20_000_000)


@pytest.mark.parametrize(("value", "expected"), [
    ("true", True), ("1", True), ("Yes", True), ("on", True),
    ("false", False), ("0", False), ("no", False), ("OFF", False),
])
def test_boolean_from_the_environment(value: str, expected: bool) -> None:
    settings = Settings.resolve(env={"SITREP_FETCH_PRIVATE": value})
    assert settings.fetch_private is expected


def test_fetch_settings_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.toml"
    path.write_text("[sitrep]\nfetch_private = true\nfetch_timeout = 2.5\n"
                    "fetch_max_bytes = 1000\n", encoding="utf-8")
    settings = Settings.resolve(config_file=path, env={})
    assert (settings.fetch_private, settings.fetch_timeout, settings.fetch_max_bytes) == (
        True, 2.5, 1000)


@pytest.mark.parametrize(("env", "message"), [
    ({"SITREP_FETCH_PRIVATE": "maybe"}, "environment: setting fetch_private='maybe' is not a bool"),
    ({"SITREP_FETCH_TIMEOUT": "soon"}, "environment: setting fetch_timeout='soon' is not a float"),
    ({"SITREP_FETCH_TIMEOUT": "0"},
     "environment: setting fetch_timeout='0' must be a number of seconds above 0"),
    ({"SITREP_FETCH_TIMEOUT": "inf"},
     "environment: setting fetch_timeout='inf' must be a number of seconds above 0"),
    ({"SITREP_FETCH_MAX_BYTES": "-5"},
     "environment: setting fetch_max_bytes='-5' must be a number of bytes above 0"),
    ({"SITREP_FETCH_MAX_BYTES": "20MB"},
     "environment: setting fetch_max_bytes='20MB' is not a int"),
])
def test_bad_fetch_settings_are_config_errors(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.resolve(env=env)
    assert str(caught.value) == message


def test_boolean_from_a_file_must_be_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.toml"
    path.write_text("fetch_private = 1.5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"fetch_private=1\.5 is not a bool"):
        Settings.resolve(config_file=path, env={})


def test_options_override_the_environment() -> None:
    overrides: dict[str, Any] = {"fetch_private": False}
    settings = Settings.resolve(env={"SITREP_FETCH_PRIVATE": "true"}, **overrides)
    assert settings.fetch_private is False
