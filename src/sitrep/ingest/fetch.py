"""Fetching one http(s) URL with httpx, safely enough for a server that fetches on request.

The address check runs where the connection is made: a network backend resolves the host,
refuses the whole host if any of its addresses is not public (unless the policy allows it), and
then connects to the addresses it checked. Checking there, rather than before the request,
covers every redirect hop, and a DNS answer that changes between the check and the connection
(DNS rebinding) cannot slip through, because nothing resolves the name a second time.
Environment proxies are ignored: a proxy would make the connection on our behalf, unchecked.
"""

from __future__ import annotations

import functools
import socket
import ssl
import time
from dataclasses import dataclass
from importlib import metadata
from ipaddress import ip_address
from typing import Any

import httpcore
import httpx

from sitrep.errors import InputError
from sitrep.ingest import urls
from sitrep.ingest.urls import FetchPolicy

__all__ = ["Fetched", "fetch", "user_agent"]

_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
           "application/x-ndjson, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
# Only decoders that are always there: httpx adds br/zstd when optional packages happen to be
# installed, which would make the request differ between machines.
_ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body: the final URL (after redirects), its Content-Type, and its bytes."""

    url: str
    content_type: str | None
    data: bytes


class _Refused(Exception):
    """The network backend would not connect (a non-public address, a host that does not
    resolve); its message is the problem as the user should read it."""


def user_agent() -> str:
    """The User-Agent header: sitrep and its version."""
    try:
        version = metadata.version("sitrep")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"sitrep/{version} (news ingest; +https://pypi.org/project/sitrep/)"


def fetch(url: str, *, policy: FetchPolicy) -> Fetched:
    """Fetch `url` (http or https) and return its body, or raise InputError naming `url`.

    Redirects are followed by hand, up to `policy.max_redirects`, each hop's scheme checked;
    the host of every hop is checked when its connection is made. The body is streamed and
    reading stops at `policy.max_bytes`.
    """
    problem = urls.scheme_problem(url)
    if problem:
        raise InputError(url, problem)
    try:
        host = httpx.URL(url).host
    except httpx.InvalidURL as err:
        raise InputError(url, f"not a valid URL: {err}") from err
    if not host:
        raise InputError(url, "not a valid URL: it names no host")
    timeout = httpx.Timeout(policy.timeout)
    headers = {"User-Agent": user_agent(), "Accept": _ACCEPT,
               "Accept-Encoding": _ACCEPT_ENCODING}
    with httpx.Client(transport=_transport(policy), timeout=timeout, headers=headers,
                      follow_redirects=False, trust_env=False) as client:
        current = url
        for _ in range(policy.max_redirects + 1):
            try:
                response = client.send(client.build_request("GET", current), stream=True)
                try:
                    target = response.next_request
                    if target is None:
                        return _body(response, url=url, where=_hop(current, url),
                                     policy=policy)
                    location = response.headers.get("location", "")
                finally:
                    response.close()
            except _Refused as err:
                raise InputError(url, _hop(current, url) + str(err)) from err
            except httpx.InvalidURL as err:
                raise InputError(url, f"{_hop(current, url)}not a valid URL: {err}") from err
            except httpx.HTTPError as err:
                raise InputError(url, _hop(current, url) + _http_problem(err, policy)) from err
            current = str(target.url)
            problem = urls.scheme_problem(current)
            if problem:
                # The Location as sent: httpx adds a host to "file:///..." URLs.
                raise InputError(url, f"redirected to {location}: {problem}")
    raise InputError(url, f"more than {policy.max_redirects} redirects (last to {current})")


def _hop(current: str, url: str) -> str:
    """"redirected to X: " when the failing request is a redirect hop, else nothing."""
    return "" if current == url else f"redirected to {current}: "


def _body(response: httpx.Response, *, url: str, where: str, policy: FetchPolicy) -> Fetched:
    """The body of a final (non-redirect) response, read up to the size cap.

    `where` starts each message: "redirected to X: " after a redirect, else nothing.
    """
    if response.status_code >= 300:
        reason = f" {response.reason_phrase}" if response.reason_phrase else ""
        raise InputError(url, f"{where}HTTP error {response.status_code}{reason}")
    too_large = f"{where}response larger than {policy.max_bytes} bytes (setting fetch_max_bytes)"
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > policy.max_bytes:
        raise InputError(url, f"{too_large}; nothing was read")
    chunks: list[bytes] = []
    size = 0
    # Counted after Content-Encoding is undone, so a small gzip body cannot expand past the cap.
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > policy.max_bytes:
            raise InputError(url, f"{too_large}; reading stopped there")
        chunks.append(chunk)
    return Fetched(url=str(response.url), content_type=response.headers.get("content-type"),
                   data=b"".join(chunks))


def _http_problem(err: httpx.HTTPError, policy: FetchPolicy) -> str:
    """Say what a failed request means, without a traceback."""
    seconds = f"{policy.timeout:g} s (setting fetch_timeout)"
    if isinstance(err, httpx.ConnectTimeout):
        return f"timed out connecting after {seconds}"
    if isinstance(err, httpx.TimeoutException):
        return f"timed out: the server sent nothing for {seconds}"
    tls = _tls_error(err)
    if tls is not None:
        return f"TLS error: {tls}"
    if isinstance(err, httpx.ConnectError):
        return f"cannot connect: {err}"
    if isinstance(err, httpx.DecodingError):
        return f"cannot decode the response (its Content-Encoding is broken): {err}"
    if isinstance(err, httpx.RemoteProtocolError | httpx.LocalProtocolError):
        return f"the server broke the HTTP protocol: {err}"
    return f"request failed: {err or type(err).__name__}"


def _tls_error(err: BaseException) -> str | None:
    """The TLS/SSL reason behind a failed request, if that is what failed."""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return f"certificate verify failed: {seen.verify_message}"
        if isinstance(seen, ssl.SSLError):
            return getattr(seen, "reason", None) or str(seen)
        seen = seen.__cause__ or seen.__context__
    return None


def _transport(policy: FetchPolicy) -> httpx.HTTPTransport:
    """An httpx transport whose connections go through the address-checking backend."""
    transport = httpx.HTTPTransport(verify=_ssl_context(), trust_env=False, retries=0)
    # httpx 0.28 has no public way to give its transport a network backend, so its pool is
    # replaced by an equivalent one that has ours. If httpx changes that attribute, failing
    # here is better than fetching unchecked.
    if not isinstance(getattr(transport, "_pool", None), httpcore.ConnectionPool):
        raise RuntimeError("httpx.HTTPTransport has no httpcore pool to replace; "
                           "sitrep cannot check fetched addresses with this httpx version")
    transport._pool.close()
    transport._pool = httpcore.ConnectionPool(
        ssl_context=_ssl_context(),
        network_backend=_CheckedBackend(policy),
        http1=True, http2=False, retries=0,
    )
    return transport


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """The TLS settings of every fetch, made once per process: loading the CA bundle takes
    ~50 ms, more than a whole fetch from a nearby server. A context is safe to share between
    threads. trust_env here only reads SSL_CERT_FILE / SSL_CERT_DIR, as httpx's default does.
    """
    return httpx.create_ssl_context(trust_env=True)


class _CheckedBackend(httpcore.NetworkBackend):
    """Connects only to addresses that the policy allows, checking each one it resolves."""

    def __init__(self, policy: FetchPolicy) -> None:
        self._policy = policy
        self._plain = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        """Resolve `host`, refuse it if any address is not allowed, else connect to one."""
        addresses = _resolve(host, port)
        if not self._policy.allow_private:
            for address in addresses:
                problem = urls.address_problem(ip_address(address))
                if problem:
                    shown = host if host == address else f"{host} resolves to {address}, which"
                    raise _Refused(f"refused: {shown} is {problem}; sitrep fetches only public "
                                   "addresses (setting fetch_private)")
        failure: httpcore.ConnectError | None = None
        # The checked addresses, never the name: resolving again could give another answer.
        for address in addresses:
            try:
                return self._plain.connect_tcp(address, port, timeout=timeout,
                                               local_address=local_address,
                                               socket_options=socket_options)
            except httpcore.ConnectError as err:
                failure = err
        assert failure is not None  # _resolve never returns an empty list
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        """Never: sitrep fetches over TCP only."""
        raise _Refused("refused: unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        """Wait between retries (httpcore's interface; sitrep makes none)."""
        time.sleep(seconds)


def _resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IP literals resolve to themselves), deduplicated."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise _Refused(f"cannot resolve the host name {host!r}: {reason}") from err
    found = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not found:
        raise _Refused(f"cannot resolve the host name {host!r}: no address")
    return found
