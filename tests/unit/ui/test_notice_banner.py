"""The banner of hub rejections: shown from the bridge and at start, dismissed for good."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.domain.vocabulary import Channel
from ui.notice_banner import NoticeBanner


@pytest.fixture
def window(qtbot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    QVBoxLayout(window)
    return window


def _banner(qtbot, window: QWidget, services, bridge) -> NoticeBanner:
    banner = NoticeBanner(services, bridge, window)
    window.layout().addWidget(banner)
    window.show()
    qtbot.waitExposed(window)
    return banner


def _seed_refused_accept(seed):
    seed.staff(seed.cashier)
    seed.orders(seed.order_row("o23", channel=Channel.MEITUAN, serial=23, status="cancelled"))
    return seed.rejected_command(
        "o23", staff_id=seed.cashier.staff_id, reason="order_cancelled", message="cancelled"
    )


def test_notice_from_the_bridge_shows_in_words_and_dismiss_acknowledges(
    qtbot, window, seed, services, bridge
) -> None:
    notice = _seed_refused_accept(seed)
    banner = _banner(qtbot, window, services, bridge)
    assert not banner.isVisible()
    worker = threading.Thread(target=lambda: bridge.command_rejected(notice))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: notice.seq in banner.rows)
    row = banner.rows[notice.seq]
    assert banner.isVisible()
    assert row.label.text().startswith("The hub refused “Accept #23 (Meituan)” (李娜, ")
    assert row.label.text().endswith("): The customer cancelled this order.")
    qtbot.mouseClick(row.dismiss_button, Qt.MouseButton.LeftButton)
    assert services.notices.unseen() == []
    assert banner.rows == {}
    assert not banner.isVisible()


def test_unseen_notices_show_at_start_once(qtbot, window, seed, services, bridge) -> None:
    notice = _seed_refused_accept(seed)
    banner = _banner(qtbot, window, services, bridge)
    banner.load_unseen()
    banner.add_notice(notice)
    assert list(banner.rows) == [notice.seq]


def test_unknown_code_falls_back_to_the_hubs_message(qtbot, window, seed, services, bridge) -> None:
    notice = seed.rejected_command(
        "gone", staff_id="nobody", reason="store_paused", message="The store is paused."
    )
    banner = _banner(qtbot, window, services, bridge)
    banner.add_notice(notice)
    assert banner.rows[notice.seq].label.text().startswith("The hub refused “Accept” (")
    assert banner.rows[notice.seq].label.text().endswith("): The store is paused.")
