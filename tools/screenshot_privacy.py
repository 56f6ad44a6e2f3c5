"""The order detail's customer number, masked and then shown to the cashier at the counter.

Usage: python -m tools.screenshot_privacy OUTPUT_DIR, or `save_privacy_pictures` from
tools/screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.clock import utc_now
from app.domain.vocabulary import Channel, FulfilmentMode
from app.services.customer_contact import CustomerContact
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import RecordingListener
from ui.cashier.order_detail_pane import OrderDetailPane
from ui.theme import STYLESHEET

SIZE = (560, 900)


def save_privacy_pictures(app: QCoreApplication, out: Path) -> list[Path]:
    """Write customer-phone-masked.png and customer-phone-shown.png; return their paths."""
    paths: list[Path] = []
    with (
        tempfile.TemporaryDirectory() as directory,
        EmbeddedHub(Path(directory) / "hub.db", simulate=False, seed=7) as hub,
    ):
        device = enrolled_device(hub, Path(directory) / "counter", RecordingListener())
        try:
            drain_feed(device)
            order = hub.demo.place_order(Channel.MINIPROGRAM, fulfilment=FulfilmentMode.PICKUP)
            drain_feed(device)
            cashier = sign_in_as(device.sign_in, "cashier", "1111")
            device.order_actions.accept(cashier, order.order_id)
            device.order_actions.mark_ready(cashier, order.order_id)
            device.pusher.push()
            drain_feed(device)
            pane = OrderDetailPane(utc_now, contact=CustomerContact(device.db, utc_now))
            pane.setStyleSheet(STYLESHEET)
            pane.resize(*SIZE)
            pane.set_viewer(cashier)
            pane.show_order(device.order_queries.detail(order.order_id))
            pane.show()
            paths.append(_save(pane, app, out / "customer-phone-masked.png"))
            if pane.show_phone_button is not None:
                pane.show_phone_button.click()
            paths.append(_save(pane, app, out / "customer-phone-shown.png"))
            pane.close()
            pane.deleteLater()
            app.processEvents()
        finally:
            device.stop()
    return paths


def _save(widget: QWidget, app: QCoreApplication, path: Path) -> Path:
    for _ in range(10):
        app.processEvents()
    if not widget.grab().save(str(path)):
        raise RuntimeError(f"could not write {path}")
    print(path)
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    save_privacy_pictures(QApplication.instance() or QApplication(sys.argv), target)
