"""URL checks without the network: which sources are URLs, which addresses and types are refused."""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from sitrep.ingest import FetchPolicy
from sitrep.ingest.urls import address_problem, is_url, media_format, scheme_problem
from sitrep.settings import Settings


@pytest.mark.parametrize(("address", "problem"), [
    ("8.8.8.8", None),
    ("2606:4700::1111", None),
    ("64:ff9b::808:808", None),  # NAT64 of a public address
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"),
    ("172.16.0.1", "a private address"),
    ("192.168.1.1", "a private address"),
    ("fd00::1", "a private address"),
    ("169.254.169.254", "a link-local address"),  # cloud metadata services live here
    ("fe80::1", "a link-local address"),
    ("224.0.0.251", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("100.64.0.1", "not a public address"),  # carrier-grade NAT
    ("::ffff:10.0.0.1", "a private address (it embeds 10.0.0.1)"),
    ("64:ff9b::a00:1", "a private address (it embeds 10.0.0.1)"),
])
def test_address_problem(address: str, problem: str | None) -> None:
    assert address_problem(ip_address(address)) == problem


@pytest.mark.parametrize(("source", "exists", "expected"), [
    ("https://example.org/a", False, True),
    ("HTTP://EXAMPLE.ORG", False, True),
    ("ftp://example.org/a", False, True),
    ("data:text/plain,hi", False, True),
    ("data:text/plain,hi", True, False),
    ("notes:2024.txt", False, False),
    ("corpus/a.jsonl", False, False),
    ("-", False, False),
])
def test_is_url(source: str, exists: bool, expected: bool) -> None:
    assert is_url(source, exists=exists) is expected


@pytest.mark.parametrize(("url", "problem"), [
    ("http://a.org", None),
    ("HTTPS://a.org", None),
    ("file:///etc/passwd", "file: URLs are not fetched; only http:// and https:// URLs are"),
    ("gopher://a.org", "gopher: URLs are not fetched; only http:// and https:// URLs are"),
])
def test_scheme_problem(url: str, problem: str | None) -> None:
    assert scheme_problem(url) == problem


@pytest.mark.parametrize(("content_type", "expected"), [
    ("text/html; charset=utf-8", ("html", None)),
    ("application/xhtml+xml", ("html", None)),
    ("application/rss+xml", ("feed", None)),
    ("Application/Atom+XML", ("feed", None)),
    ("application/x-ndjson", ("jsonl", None)),
    ("text/plain", (None, None)),
    ("text/xml", (None, None)),
    ("application/octet-stream", (None, None)),
    (None, (None, None)),
    ("application/pdf", (None, "the server sent application/pdf, not text, HTML, JSON Lines "
                               "or an RSS/Atom feed")),
    ("image/jpeg", (None, "the server sent image/jpeg, not text, HTML, JSON Lines "
                          "or an RSS/Atom feed")),
])
def test_media_format(content_type: str | None, expected: tuple[str | None, str | None]) -> None:
    assert media_format(content_type) == expected


def test_default_policy_is_safe() -> None:
    assert FetchPolicy() == FetchPolicy(allow_private=False, timeout=20.0,
                                        max_bytes=20_000_000, max_redirects=5)


def test_policy_from_settings() -> None:
    settings = Settings.resolve(env={}, fetch_private=True, fetch_timeout=3.5,
                                fetch_max_bytes=1000)
    assert FetchPolicy.from_settings(settings) == FetchPolicy(allow_private=True, timeout=3.5,
                                                              max_bytes=1000)


@pytest.mark.parametrize("options", [{"timeout": 0}, {"timeout": float("nan")},
                                     {"max_bytes": 0}, {"max_redirects": -1}])
def test_policy_rejects_impossible_values(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        FetchPolicy(**options)  # type: ignore[arg-type]
