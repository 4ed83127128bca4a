"""SSRF guard: only http(s), and never a private, loopback, link-local or reserved address unless allowed.

The host of every request (seeds, links, redirect targets, robots.txt) is resolved first (an IP literal
as is, a name through DNS, in a thread) and each address is classified. ``NEWSPROJ_ALLOW_PRIVATE=1``
allows loopback and private addresses (local sites, the demo, the tests); ``NEWSPROJ_ALLOW_PRIVATE_HOSTS``
allows them for the listed ``host`` or ``host:port`` only. Link-local (cloud metadata at 169.254.169.254),
multicast, unspecified and reserved addresses are never requested. Refusals count under
``newsproj/guard/ssrf/<kind>`` and fail the request with reason ``ssrf_<kind>``.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from ..discovery.urls import netloc
from .outcomes import Refused
from .redact import redact

if TYPE_CHECKING:
    from typing import Self

    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ALLOWABLE = frozenset({"loopback", "private"})  # what NEWSPROJ_ALLOW_PRIVATE may allow
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def address_kind(ip: IPAddress) -> str | None:
    """``loopback``, ``link_local``, ``private`` or ``reserved`` for a non-public address; None if public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link_local"
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved:
        return "reserved"
    if ip.is_private or not ip.is_global:
        return "private"
    return None


def refusal(ips: list[IPAddress], allow_private: bool, host_allowed: bool = False) -> str | None:
    """The kind of the first address that must not be requested, or None when all may be."""
    for ip in ips:
        kind = address_kind(ip)
        if kind is None or (kind in ALLOWABLE and (allow_private or host_allowed)):
            continue
        return kind
    return None


def ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


class SSRFGuard:
    """Downloader middleware, before scope and robots: refuses requests by scheme and address."""

    def __init__(self, crawler: Crawler):
        settings = crawler.settings
        self.crawler = crawler
        self.allow_private = settings.getbool("NEWSPROJ_ALLOW_PRIVATE")
        self.allowed_hosts = {h.strip().lower() for h in settings.getlist("NEWSPROJ_ALLOW_PRIVATE_HOSTS") if h}
        self.cache: dict[str, list[IPAddress]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def resolve(self, host: str, port: int) -> list[IPAddress]:
        literal = ip_literal(host)
        if literal is not None:
            return [literal]
        if host not in self.cache:
            try:
                infos = await maybe_deferred_to_future(
                    deferToThread(socket.getaddrinfo, host, port, proto=socket.IPPROTO_TCP)
                )
            except OSError:
                return []  # unresolvable: the download fails with its own DNS error
            self.cache[host] = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        return self.cache[host]

    def _refuse(self, request: Request, reason: str) -> None:
        self.crawler.stats.inc_value(f"newsproj/guard/{reason.replace('ssrf_', 'ssrf/')}")
        hint = ""
        if reason.removeprefix("ssrf_") in ALLOWABLE:
            hint = (f" (a local site? allow it with -s NEWSPROJ_ALLOW_PRIVATE=1 or "
                    f"-s NEWSPROJ_ALLOW_PRIVATE_HOSTS={netloc(request.url)})")
        level = logging.WARNING if hint and request.meta.get("newsproj_role") == "seed" else logging.INFO
        logger.log(level, "Refusing %s: %s%s", redact(request.url), reason, hint)
        raise Refused(reason, request.url)

    async def process_request(self, request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            self._refuse(request, "bad_scheme")
        host = (parts.hostname or "").lower()
        if not host:
            self._refuse(request, "bad_scheme")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        host_allowed = host in self.allowed_hosts or netloc(request.url) in self.allowed_hosts
        kind = refusal(await self.resolve(host, port), self.allow_private, host_allowed)
        if kind:
            self._refuse(request, f"ssrf_{kind}")
