"""Fetch only the public web: refuse hosts that resolve to internal addresses.

A sites file, a `monitor add` homepage or a redirect from a watched page could point the crawler
at the machine it runs on or its network (``localhost``, ``10.x``, the cloud metadata service at
``169.254.169.254``), and what came back would be stored and shown. So every request, and every
redirect (Scrapy sends a redirect's target through the downloader middlewares again), is checked
first: a host that resolves to a loopback, private, link-local, multicast or reserved address is
refused with the reason, and the site fails for this run. ``MONITOR_ALLOW_PRIVATE=1`` allows
them (the demo and the tests crawl a replay on loopback); a list of addresses or networks
(``MONITOR_ALLOW_PRIVATE=10.1.2.0/24``) allows only those. The check resolves the name itself, so a
name that resolves differently a moment later (DNS rebinding) is not covered; see decision 15.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from monitor.errors import ConfigError

ALLOW_PRIVATE_ENV = "MONITOR_ALLOW_PRIVATE"
ALLOW_ALL = ("1", "yes", "true")

Resolver = Callable[[str], list[str]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allowed_networks(value: str | None) -> list[Network] | None:
    """What ``MONITOR_ALLOW_PRIVATE`` allows: None for everything (``1``), else the listed
    addresses and networks (``10.1.2.3,192.168.0.0/16``); empty: no internal address."""
    text = (value or "").strip().lower()
    if text in ALLOW_ALL:
        return None
    try:
        return [ipaddress.ip_network(item.strip()) for item in text.split(",") if item.strip()]
    except ValueError:
        raise ConfigError(
            f"{ALLOW_PRIVATE_ENV} must be 1 or a list of addresses/networks, not {value!r}"
        ) from None


def addresses(host: str) -> list[str]:
    """Every address a host name resolves to (an address literal is itself)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({info[4][0] for info in infos})


def internal_kind(address: str, allowed: list[Network] = ()) -> str | None:
    """What kind of internal address this is ("loopback", "private"...), None when public or
    in an ``allowed`` network."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in network for network in allowed):
        return None
    for kind, found in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("unspecified", ip.is_unspecified),
        ("reserved", ip.is_reserved or not ip.is_global),
    ):
        if found:
            return kind
    return None


def refusal(url: str, allowed: list[Network] = (), resolve: Resolver = addresses) -> str | None:
    """Why this URL may not be fetched, or None. A host that does not resolve is not refused
    here: the fetch fails on its own with "host not found"."""
    host = urlsplit(url).hostname
    if not host:
        return None
    try:
        found = resolve(host)
    except (OSError, UnicodeError):
        return None
    for address in found:
        kind = internal_kind(address, allowed)
        if kind:
            where = f"is a {kind} address" if host == address else f"resolves to {kind} {address}"
            allow = f"set {ALLOW_PRIVATE_ENV}=1 to allow"
            return f"refused: {host} {where}, not the public web ({allow})"
    return None


class PublicOnlyMiddleware:
    """Downloader middleware: refuse requests (redirects included) to internal addresses."""

    def __init__(self, allowed: list[Network]) -> None:
        self.allowed = allowed
        self.verdicts: dict[str, str | None] = {}  # host -> refusal, one lookup per host

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PublicOnlyMiddleware:
        allowed = allowed_networks(crawler.settings.get("MONITOR_ALLOW_PRIVATE"))
        if allowed is None:
            raise NotConfigured
        return cls(allowed)

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlsplit(request.url).hostname or ""
        if host not in self.verdicts:
            # resolving blocks: do it on the reactor's thread pool
            self.verdicts[host] = await maybe_deferred_to_future(
                deferToThread(refusal, request.url, self.allowed)
            )
        reason = self.verdicts[host]
        if reason:
            raise IgnoreRequest(reason)
