"""The storeside-hub command line and the banner it prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.cli import banner, parse_arguments
from hub.composition import Hub


def test_defaults() -> None:
    arguments = parse_arguments(["--db", "hub.db"])
    assert arguments.db == Path("hub.db")
    assert (arguments.host, arguments.port, arguments.simulate) == ("127.0.0.1", 8700, True)
    assert (arguments.order_interval, arguments.seed) == (15.0, 1)


def test_options() -> None:
    arguments = parse_arguments(
        ["--db", "x.db", "--port", "9000", "--no-simulate", "--order-interval", "3", "--seed", "4"]
    )
    assert (arguments.port, arguments.simulate, arguments.order_interval, arguments.seed) == (
        9000,
        False,
        3.0,
        4,
    )


@pytest.mark.parametrize("argv", [[], ["--db", "x.db", "--order-interval", "0"]])
def test_bad_command_lines_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse_arguments(argv)


def test_banner_shows_what_a_device_needs(hub: Hub) -> None:
    text = banner(hub, "ABCD-EFGH", "http://127.0.0.1:8700")
    assert "DEMO01" in text
    assert "ABCD-EFGH" in text
    assert "http://127.0.0.1:8700" in text
    for member in hub.world.demo_staff:
        assert member.pin in text
        assert member.name in text
