"""Writes docs/screenshots/*.png from the real widgets over demo data from the reference hub.

Usage: python -m tools.screenshots OUTPUT_DIR  (run offscreen by `make screenshots`)
"""

from __future__ import annotations

import gc
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.order_lifecycle import InboxTab
from app.domain.vocabulary import Channel, FulfilmentMode, HandoverParty
from app.main import EmbeddedHubControls, screen_services
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from ui.enrolment_dialog import EnrolmentDialog
from ui.main_window import MainWindow
from ui.notice_history_dialog import NoticeHistoryDialog
from ui.sync_bridge import SyncBridge

_CHANNELS = (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM)


def main(argv: list[str]) -> int:
    """Build the demo, take the pictures, print their paths."""
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(argv)
    gc.disable()  # Qt objects must not be collected from the hub's threads
    with (
        tempfile.TemporaryDirectory() as directory,
        EmbeddedHub(Path(directory) / "hub.db", simulate=False, seed=7) as hub,
    ):
        bridge = SyncBridge()
        device = enrolled_device(hub, Path(directory) / "counter", bridge)
        try:
            order_ids = _make_a_busy_counter(hub, device)
            window = MainWindow(
                screen_services(device),
                bridge,
                store_name="Storeside 演示店 (Demo Store)",
                demo=EmbeddedHubControls(hub),
            )
            window.show()
            _settle(app)
            _save(window, out / "sign-in.png")
            _sign_in(window, app)
            screen = window.cashier_screen
            screen.show_tab(InboxTab.NEW)
            row = screen.model.row_of(order_ids[0])
            if row is not None:
                screen.table.selectRow(row)
            _settle(app)
            _save(window, out / "cashier-inbox.png")
            history = NoticeHistoryDialog(screen_services(device), window)
            history.show()
            _settle(app)
            _save(history, out / "refused-actions.png")
            history.close()
            window.close()
        finally:
            device.stop()
        _save_enrolment_dialog(hub.url, app, out / "enrolment.png")
    return 0


def _save_enrolment_dialog(hub_url: str, app: QCoreApplication, path: Path) -> None:
    """The first-start dialog, as a refused code leaves it."""
    dialog = EnrolmentDialog(hub_url, lambda _store, _code: None)
    dialog.store_code_field.setText("DEMO01")
    dialog.code_field.setText("K7QM-2XPA")
    dialog.show_problem(
        QCoreApplication.translate("Screenshots", "This enrolment code was already used.")
    )
    dialog.show()
    _settle(app)
    _save(dialog, path)
    dialog.done(0)


def _make_a_busy_counter(hub: EmbeddedHub, device: object) -> list[str]:
    """New orders from every channel, some accepted, one ready, one handed over."""
    new = [hub.hub.place_order(channel).order_id for channel in _CHANNELS * 2]
    later = [hub.hub.place_order(channel).order_id for channel in _CHANNELS]
    pickup = hub.hub.place_order(Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP)
    drain_feed(device)  # type: ignore[arg-type]
    actions = device.order_actions  # type: ignore[attr-defined]
    cashier = sign_in_as(device.sign_in, "cashier", "1111")  # type: ignore[attr-defined]
    for order_id in later:
        actions.accept(cashier, order_id)
    actions.mark_ready(cashier, later[0])
    actions.accept(cashier, pickup.order_id)
    actions.mark_ready(cashier, pickup.order_id)
    actions.hand_over(cashier, pickup.order_id, HandoverParty.CUSTOMER)
    device.pusher.push()  # type: ignore[attr-defined]
    # The customer cancels while the counter is cut off; the cashier's "ready" is refused.
    hub.go_offline()
    hub.hub.customer_cancels(later[2])
    actions.mark_ready(cashier, later[2])
    hub.go_online()
    device.pusher.push(ignore_backoff=True)  # type: ignore[attr-defined]
    actions.mark_ready(cashier, later[1])  # stays waiting: shows the "waiting to sync" mark
    drain_feed(device)  # type: ignore[arg-type]
    return new


def _sign_in(window: MainWindow, app: QCoreApplication) -> None:
    screen = window.sign_in_screen
    screen.staff_button("staff-wangfang").click()
    screen.pin_field.setText("1111")
    screen.sign_in_button.click()
    _settle(app)


def _settle(app: QCoreApplication) -> None:
    for _ in range(10):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
