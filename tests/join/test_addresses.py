"""Choosing the address phones should use."""

from __future__ import annotations

from facilitator.join.addresses import choose_advertised, join_link, rank_candidates


def test_lan_wifi_beats_docker_vpn_loopback_and_link_local() -> None:
    interfaces = [
        ("lo", "127.0.0.1"),
        ("docker0", "172.17.0.1"),
        ("tailscale0", "100.101.102.103"),
        ("eth0", "169.254.10.20"),
        ("wg0", "10.8.0.2"),
        ("wlan0", "192.168.1.23"),
        ("enp3s0", "10.0.0.5"),
        ("eth1", "not-an-ip"),
    ]
    ranked = rank_candidates(interfaces)
    assert [c.ip for c in ranked] == [
        "192.168.1.23",
        "10.0.0.5",
        "172.17.0.1",
        "10.8.0.2",
        "100.101.102.103",
    ]
    assert ranked[0].label == "192.168.1.23 (wlan0)"


def test_bound_host_is_advertised_as_is_and_no_network_means_loopback() -> None:
    ip, _ = choose_advertised("10.42.0.1", [("wlan0", "192.168.1.23")])
    assert ip == "10.42.0.1"
    ip, candidates = choose_advertised("0.0.0.0", [("lo", "127.0.0.1")])
    assert (ip, candidates) == ("127.0.0.1", ())
    ip, _ = choose_advertised("0.0.0.0", [("lo", "127.0.0.1"), ("wlp2s0", "10.42.0.1")])
    assert ip == "10.42.0.1"


def test_join_urls_carry_the_numeric_ip_and_port() -> None:
    info = join_link("192.168.1.23", 8737, "s3cret", ())
    assert info.join_url == "http://192.168.1.23:8737/"
    assert info.moderator_url == "http://192.168.1.23:8737/moderator/s3cret/"
