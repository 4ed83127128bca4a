"""middlewares/ssrf.py: the address decision, with public and private IP literals. No traffic is sent:
the decision functions are pure, and the engine tests (tests/e2e/test_faults.py) use loopback only."""

from __future__ import annotations

import ipaddress

import pytest

from newsproj.middlewares.ssrf import address_kind, ip_literal, refusal


@pytest.mark.parametrize(
    ("ip", "kind"),
    [
        ("93.184.216.34", None),
        ("2606:2800:220:1:248:1893:25c8:1946", None),
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("100.64.0.1", "private"),  # carrier-grade NAT
        ("fd00::1", "private"),
        ("169.254.169.254", "link_local"),  # cloud metadata
        ("fe80::1", "link_local"),
        ("0.0.0.0", "reserved"),
        ("224.0.0.1", "reserved"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:169.254.169.254", "link_local"),
    ],
)
def test_address_kind(ip, kind):
    assert address_kind(ipaddress.ip_address(ip)) == kind


def ips(*values):
    return [ipaddress.ip_address(v) for v in values]


def test_public_host_redirecting_to_private_is_refused():
    # the decision for a redirect target: a public name whose DNS answer holds a private address
    assert refusal(ips("93.184.216.34", "10.0.0.5"), allow_private=False) == "private"
    assert refusal(ips("93.184.216.34"), allow_private=False) is None


def test_allow_private_allows_loopback_and_private_but_never_link_local():
    assert refusal(ips("127.0.0.1", "10.0.0.1"), allow_private=True) is None
    assert refusal(ips("169.254.169.254"), allow_private=True) == "link_local"
    assert refusal(ips("0.0.0.0"), allow_private=False, host_allowed=True) == "reserved"
    assert refusal(ips("127.0.0.1"), allow_private=False, host_allowed=True) is None


def test_ip_literal():
    assert ip_literal("[::1]") == ipaddress.ip_address("::1")
    assert ip_literal("127.0.0.1") == ipaddress.ip_address("127.0.0.1")
    assert ip_literal("localhost") is None
