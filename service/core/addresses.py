"""The client's address, and when X-Forwarded-For may say it.

Only a request whose peer is one of `TYOKIELI_TRUSTED_PROXIES` (addresses or CIDR networks; none by
default) has its X-Forwarded-For read: from the right, the first address that is not itself a
trusted proxy is the client. Any other peer is the client itself, whatever headers it sends.
(uvicorn's own proxy-header handling is switched off in `tyokieli serve`: it trusted loopback.)
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    out = []
    for value in values:
        value = value.strip()
        if value:
            out.append(ipaddress.ip_network(value, strict=False))
    return tuple(out)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in trusted)


def client_address(peer: str | None, headers: Mapping[str, str], trusted: tuple[Network, ...]) -> str:
    """The address the limits count: the peer, or behind trusted proxies the forwarded client."""
    peer = peer or "unknown"
    if not trusted or not _is_trusted(peer, trusted):
        return peer
    forwarded = [a.strip() for a in headers.get("x-forwarded-for", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if not _is_trusted(address, trusted):
            try:
                return str(ipaddress.ip_address(address.strip("[]")))
            except ValueError:
                return peer  # a proxy we trust would not forward garbage: count the proxy
    return peer
