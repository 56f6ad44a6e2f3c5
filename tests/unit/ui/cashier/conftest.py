"""Fixtures of the cashier screen's tests: the screen itself, shown at the counter's size."""

from __future__ import annotations

import pytest

from ui.cashier.cashier_screen import CashierScreen


@pytest.fixture
def screen(qtbot, services, bridge) -> CashierScreen:
    """The cashier screen over the test services, shown at 1280×760."""
    screen = CashierScreen(services, bridge)
    qtbot.addWidget(screen)
    screen.resize(1280, 760)
    screen.show()
    qtbot.waitExposed(screen)
    return screen
