"""The embedded hub's life: offline and back on the same port, prompt stops, clean restarts."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.domain.vocabulary import Channel, Role
from hub.embedded import EmbeddedHub
from tests.fakes import FrozenClock
from tests.integration.hub.conftest import DEADLINE_S, wait_until


def _hub_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("storeside-")]


def test_offline_refuses_connections_while_orders_keep_coming(tmp_path: Path) -> None:
    clock = FrozenClock()
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=True, order_interval_s=3600, clock=clock)
    embedded.start()
    try:
        port = embedded.port
        embedded.go_offline()
        assert [t.name for t in _hub_threads()] == ["storeside-simulator"]
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{embedded.url}/v1/health", timeout=2)

        clock.advance(seconds=5)  # the simulator's warm-up orders fall due
        wait_until(lambda: len(embedded.demo.orders()) == 3)

        embedded.go_online()
        assert embedded.is_online
        assert embedded.port == port
        assert httpx.get(f"{embedded.url}/v1/health", timeout=2).status_code == 200
        assert {o.channel for o in embedded.demo.orders()} == set(Channel)
    finally:
        embedded.stop()
    assert _hub_threads() == []


def test_data_survives_going_offline_and_back(
    embedded: EmbeddedHub, client: httpx.Client, auth: dict[str, str]
) -> None:
    order = embedded.demo.place_order(Channel.MINIPROGRAM)
    embedded.go_offline()
    embedded.go_online()

    with httpx.Client(base_url=embedded.url, timeout=10) as fresh:
        records = fresh.get("/v1/feed", headers=auth).json()["records"]

    assert order.order_id in {r["id"] for r in records}


def test_stop_is_prompt_even_with_a_long_poll_waiting(
    embedded: EmbeddedHub, client: httpx.Client, auth: dict[str, str]
) -> None:
    cursor = client.get("/v1/feed", headers=auth).json()["cursor"]
    answer: dict[str, Any] = {}

    def long_poll() -> None:
        try:
            response = client.get("/v1/feed", headers=auth, params={"after": cursor, "wait": 30})
            answer["status"] = response.status_code
        except httpx.HTTPError as exc:
            answer["status"] = type(exc).__name__

    poller = threading.Thread(target=long_poll)
    poller.start()
    wait_until(lambda: embedded.hub.devices.waiting_readers == 1)

    began = time.monotonic()
    embedded.stop()
    took = time.monotonic() - began
    poller.join(DEADLINE_S)

    assert took < 3
    assert not poller.is_alive()
    assert answer["status"] == 200


def test_start_and_stop_can_be_repeated_without_leaking_threads(tmp_path: Path) -> None:
    embedded = EmbeddedHub(tmp_path / "hub.db", simulate=True, order_interval_s=60)
    for _ in range(2):
        embedded.start()
        embedded.start()
        assert httpx.get(f"{embedded.url}/v1/health", timeout=2).status_code == 200
        embedded.stop()
        embedded.stop()
        assert _hub_threads() == []


def test_demo_facts_for_the_banner(embedded: EmbeddedHub) -> None:
    assert embedded.url.startswith("http://127.0.0.1:")
    assert embedded.store_code == "DEMO01"
    assert embedded.demo_staff == [
        ("王芳 Wang Fang", (Role.CASHIER,), "1111"),
        ("李强 Li Qiang", (Role.PICKER,), "2222"),
        ("陈静 Chen Jing", (Role.MANAGER, Role.CASHIER), "9999"),
    ]
    assert embedded.new_enrolment_code() != embedded.new_enrolment_code()
