"""URLs: fetched from a real local server; refused addresses and schemes never connect.

Every request goes to 127.0.0.1. Host names other than localhost are resolved by a stand-in for
socket.getaddrinfo, so no test asks a DNS server or touches an address outside 127.0.0.0/8.
"""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitrep.errors import InputError
from sitrep.ingest import FetchPolicy, read_source
from sitrep.ingest import fetch as fetch_module
from sitrep.ingest import urls as urls_module
from sitrep.records import Article

PAGE = ("<!DOCTYPE html><html><head><title>Garrison hands over base</title>"
        "<meta property='article:published_time' content='2024-05-10T18:00:00+01:00'></head>"
        "<body><article><p>The foreign garrison handed the northern air base to local forces on "
        "Friday, a spokesman for the defence ministry told reporters in the capital.</p>"
        "</article></body></html>")
# No date in the metadata; a canonical link that carries none either.
PAGE_WITHOUT_DATE = (PAGE.replace("<meta property='article:published_time' "
                                  "content='2024-05-10T18:00:00+01:00'>",
                                  "<link rel='canonical' href='https://example.org/garrison'>"))
FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>W</title>"
        "<item><guid>e1</guid><pubDate>Sat, 11 May 2024 08:00:00 +0000</pubDate>"
        "<description>Troops left the base.</description></item>"
        "<item><guid>e2</guid><description>A pact was signed.</description></item>"
        "</channel></rss>")
JSONL = '{"id": "j1", "text": "Troops left the base."}\n{"id": "j2", "text": "They returned."}\n'
TEXT = "Troops left the café on Friday.\n"
SLOW_SECONDS = 2.0

Route = tuple[int, dict[str, str], bytes]


def _routes(port: int) -> dict[str, Route]:
    base = f"http://127.0.0.1:{port}"
    html = {"Content-Type": "text/html; charset=utf-8"}
    return {
        "/page": (200, html, PAGE.encode()),
        "/news/2024/05/09/garrison": (200, html, PAGE_WITHOUT_DATE.encode()),
        "/feed": (200, {"Content-Type": "application/rss+xml"}, FEED.encode()),
        "/feed.xml": (200, {"Content-Type": "text/xml"}, FEED.encode()),
        "/corpus": (200, {"Content-Type": "application/x-ndjson"}, JSONL.encode()),
        "/corpus.jsonl.gz": (200, {"Content-Type": "application/gzip"},
                             gzip.compress(JSONL.encode())),
        "/story": (200, {"Content-Type": "text/plain; charset=utf-8"}, TEXT.encode()),
        "/latin1": (200, {"Content-Type": "text/plain; charset=iso-8859-1"},
                    TEXT.encode("latin-1")),
        "/bomb.txt.gz": (200, {"Content-Type": "application/gzip"},
                         gzip.compress(b"Troops left. " * 10_000)),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
        "/old": (302, {"Location": "/page"}, b""),
        "/hop1": (301, {"Location": f"{base}/old"}, b""),
        "/to-missing": (302, {"Location": "/missing"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-other-host": (302, {"Location": f"http://127.0.0.2:{port}/page"}, b""),
        "/broken": (500, {}, b"oops"),
        "/empty": (200, {"Content-Type": "text/plain"}, b""),
    }


@dataclass
class Server:
    """A local HTTP server and the paths it was asked for."""

    base: str
    port: int
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    routes: dict[str, Route] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


class _Handler(BaseHTTPRequestHandler):
    state: Server  # set on the subclass the fixture makes

    def do_GET(self) -> None:
        self.state.seen.append((self.path, dict(self.headers)))
        try:
            if self.path == "/slow":
                self.state.stop.wait(SLOW_SECONDS)
                self._send(200, {"Content-Type": "text/plain"}, TEXT.encode())
            elif self.path.startswith("/big"):
                self._big(length=self.path == "/big-with-length")
            elif self.path == "/gzip-encoded":
                body = gzip.compress(b"Troops left. " * 1000)
                self._send(200, {"Content-Type": "text/plain", "Content-Encoding": "gzip"}, body)
            elif self.path in self.state.routes:
                self._send(*self.state.routes[self.path])
            else:
                self._send(404, {}, b"no such page")
        except OSError:
            pass  # the client gave up (a timeout test): nothing to answer

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _big(self, *, length: bool) -> None:
        body = b"x" * 5000
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # HTTP/1.0 without a length: the body ends when the connection closes.
        for start in range(0, len(body), 500):
            self.wfile.write(body[start:start + 500])

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the tests read `seen` instead."""


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up is expected here; nothing to print."""


@pytest.fixture
def server() -> Iterator[Server]:
    """A ThreadingHTTPServer on 127.0.0.1 with a free port, shut down after the test."""
    handler = type("Handler", (_Handler,), {})
    httpd = _QuietServer(("127.0.0.1", 0), handler)
    port = httpd.server_address[1]
    state = Server(base=f"http://127.0.0.1:{port}", port=port, routes=_routes(port))
    handler.state = state
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stop.set()  # lets a sleeping handler finish now
        httpd.shutdown()
        httpd.server_close()
        thread.join()


LOCAL = FetchPolicy(allow_private=True, timeout=10.0)


def _one(url: str, policy: FetchPolicy = LOCAL) -> Article | InputError:
    items = list(read_source(url, fetch=policy))
    assert len(items) == 1, items
    return items[0]


def _error(url: str, policy: FetchPolicy = LOCAL) -> InputError:
    item = _one(url, policy)
    assert isinstance(item, InputError), item
    return item


def test_html_page_is_read_with_its_url_as_id(server: Server) -> None:
    article = _one(server.url("/page"))
    assert isinstance(article, Article)
    assert (article.id, article.url) == (server.url("/page"), server.url("/page"))
    assert article.title == "Garrison hands over base"
    assert article.published == date(2024, 5, 10)
    assert article.text.startswith("The foreign garrison handed")


def test_page_date_from_the_fetched_url(server: Server) -> None:
    url = server.url("/news/2024/05/09/garrison")
    article = _one(url)
    assert isinstance(article, Article)
    assert (article.id, article.url, article.published) == (url, url, date(2024, 5, 9))


def test_request_names_sitrep_and_its_version(server: Server) -> None:
    _one(server.url("/page"))
    [(_, headers)] = server.seen
    assert headers["User-Agent"].startswith("sitrep/0.")


@pytest.mark.parametrize("path", ["/feed", "/feed.xml"])
def test_feed_gives_one_article_per_entry(server: Server, path: str) -> None:
    items = list(read_source(server.url(path), fetch=LOCAL, published=date(2024, 6, 1)))
    assert [(a.id, a.published) for a in items if isinstance(a, Article)] == [
        ("e1", date(2024, 5, 11)), ("e2", date(2024, 6, 1))]


@pytest.mark.parametrize("path", ["/corpus", "/corpus.jsonl.gz"])
def test_jsonl_by_content_type_or_extension(server: Server, path: str) -> None:
    items = list(read_source(server.url(path), fetch=LOCAL))
    assert [a.id for a in items if isinstance(a, Article)] == ["j1", "j2"]


@pytest.mark.parametrize("path", ["/story", "/latin1"])
def test_plain_text_in_its_declared_charset(server: Server, path: str) -> None:
    article = _one(server.url(path))
    assert isinstance(article, Article)
    assert (article.id, article.url, article.text) == (server.url(path), server.url(path), TEXT)


@pytest.mark.parametrize("path", ["/old", "/hop1"])
def test_redirects_are_followed_and_the_final_url_kept(server: Server, path: str) -> None:
    article = _one(server.url(path))
    assert isinstance(article, Article)
    assert (article.id, article.url) == (server.url("/page"), server.url("/page"))
    assert [seen[0] for seen in server.seen][-1] == "/page"


def test_redirects_stop_after_five(server: Server) -> None:
    error = _error(server.url("/loop"))
    assert error.problem == f"more than 5 redirects (last to {server.url('/loop')})"
    assert len(server.seen) == 6


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    error = _error(server.url("/to-file"))
    assert error.problem == ("redirected to file:///etc/passwd: file: URLs are not fetched; "
                             "only http:// and https:// URLs are")


def test_each_redirect_hop_is_checked(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # Pretend 127.0.0.1 is public, so the first hop goes through and 127.0.0.2 is refused.
    real = urls_module.address_problem
    monkeypatch.setattr(urls_module, "address_problem",
                        lambda address: None if str(address) == "127.0.0.1" else real(address))
    error = _error(server.url("/to-other-host"), FetchPolicy())
    target = server.url("/page", host="127.0.0.2")
    assert error.problem.startswith(f"redirected to {target}: refused: 127.0.0.2 is a loopback")
    assert [seen[0] for seen in server.seen] == ["/to-other-host"]


def test_error_after_a_redirect_names_the_hop(server: Server) -> None:
    error = _error(server.url("/to-missing"))
    assert error.problem == f"redirected to {server.url('/missing')}: HTTP error 404 Not Found"


@pytest.mark.parametrize(("path", "problem"), [
    ("/missing", "HTTP error 404 Not Found"),
    ("/broken", "HTTP error 500 Internal Server Error"),
    ("/image", "the server sent image/png, not text, HTML, JSON Lines or an RSS/Atom feed"),
    ("/empty", "response is empty"),
])
def test_bad_responses_are_one_error(server: Server, path: str, problem: str) -> None:
    error = _error(server.url(path))
    assert (error.source, error.problem) == (server.url(path), problem)


@pytest.mark.parametrize(("path", "problem"), [
    ("/big-with-length", "response larger than 1000 bytes (setting fetch_max_bytes); "
                         "nothing was read"),
    ("/big", "response larger than 1000 bytes (setting fetch_max_bytes); reading stopped there"),
    ("/gzip-encoded", "response larger than 1000 bytes (setting fetch_max_bytes); "
                      "reading stopped there"),
    ("/bomb.txt.gz", "decompressed content larger than 1000 bytes (setting fetch_max_bytes); "
                     "reading stopped there"),
])
def test_size_cap(server: Server, path: str, problem: str) -> None:
    items = list(read_source(server.url(path), fetch=FetchPolicy(allow_private=True,
                                                                  max_bytes=1000)))
    assert [str(item) for item in items if isinstance(item, InputError)] == [
        f"{server.url(path)}: {problem}"]


def test_slow_server_times_out(server: Server) -> None:
    error = _error(server.url("/slow"), FetchPolicy(allow_private=True, timeout=0.5))
    assert error.problem == "timed out: the server sent nothing for 0.5 s (setting fetch_timeout)"


def test_url_without_a_path_is_not_called_a_redirect(server: Server) -> None:
    error = _error(server.base)
    assert (error.source, error.problem) == (server.base, "HTTP error 404 Not Found")


def test_closed_port_cannot_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error = _error(f"http://127.0.0.1:{port}/")
    assert error.problem.startswith("cannot connect: ")


def test_tls_to_a_plain_http_server_is_a_tls_error(server: Server) -> None:
    error = _error(f"https://127.0.0.1:{server.port}/page")
    assert error.problem.startswith("TLS error: ")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.1.2.3", "2130706433",
                                  "[::ffff:127.0.0.1]", "0.0.0.0"])
def test_default_policy_refuses_local_addresses_without_connecting(server: Server,
                                                                   host: str) -> None:
    error = _error(server.url("/page", host=host), FetchPolicy())
    assert error.problem.startswith("refused: ")
    assert error.problem.endswith("sitrep fetches only public addresses (setting fetch_private)")
    assert server.seen == []


def _fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
    """Resolve the given names to the given addresses; every other name fails to resolve."""
    def getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (ip, port)) for ip in answers[host]]

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", getaddrinfo)


def test_host_is_refused_when_any_of_its_addresses_is(server: Server,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # 127.0.0.1 counts as public here, so only the second address makes the refusal.
    real = urls_module.address_problem
    monkeypatch.setattr(urls_module, "address_problem",
                        lambda address: None if str(address) == "127.0.0.1" else real(address))
    _fake_dns(monkeypatch, {"two.test": ["127.0.0.1", "127.0.0.2"]})
    error = _error(server.url("/page", host="two.test"), FetchPolicy())
    assert error.problem.startswith("refused: two.test resolves to 127.0.0.2, which is a loopback")
    assert server.seen == []


def test_dns_failure_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake_dns(monkeypatch, {})
    error = _error("https://news.invalid/story")
    assert error.problem == "cannot resolve the host name 'news.invalid': Name or service not known"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/pub/a.txt",
                                 "data:text/plain,hello", "gopher://127.0.0.1/", "FILE:///x"])
def test_other_schemes_are_refused(url: str) -> None:
    error = _error(url, FetchPolicy(allow_private=True))
    scheme = url.split(":")[0].lower()
    assert str(error) == (f"{url}: {scheme}: URLs are not fetched; "
                          "only http:// and https:// URLs are")


@pytest.mark.parametrize(("url", "problem"), [
    ("http://", "not a valid URL: it names no host"),
    ("https:///path", "not a valid URL: it names no host"),
    ("http://[::1/", "not a valid URL: "),
])
def test_malformed_urls(url: str, problem: str) -> None:
    assert _error(url).problem.startswith(problem)


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rest=st.text(max_size=40), scheme=st.sampled_from(["http://", "https://", "HTTP://"]))
def test_arbitrary_urls_never_raise(monkeypatch: pytest.MonkeyPatch, scheme: str,
                                    rest: str) -> None:
    # Every name resolves to 127.0.0.2, which the default policy refuses: nothing connects.
    monkeypatch.setattr(fetch_module.socket, "getaddrinfo",
                        lambda host, port, *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "",
                                                      ("127.0.0.2", port or 80))])
    items = list(read_source(scheme + rest))
    assert len(items) == 1 and isinstance(items[0], InputError), items

