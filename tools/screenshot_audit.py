"""The manager's audit trail: a morning of real actions with the chain checked, then a broken one.

Usage: python -m tools.screenshot_audit OUTPUT_DIR, or `save_audit_pictures` from
tools/screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from contextlib import suppress
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from app.device import Device
from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, HandoverParty
from app.main import screen_services
from app.read_models import SignedInStaff
from app.services.order_actions import ActionRefused
from app.services.sign_in import SignInRefused
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device, sign_in_as
from tests.fakes import RecordingListener
from ui.manager.audit_view import AuditView
from ui.theme import STYLESHEET

SIZE = (1280, 720)


def save_audit_pictures(app: QCoreApplication, out: Path) -> list[Path]:
    """Write audit-trail.png and audit-chain-broken.png; return their paths."""
    paths: list[Path] = []
    with (
        tempfile.TemporaryDirectory() as directory,
        EmbeddedHub(Path(directory) / "hub.db", simulate=False, seed=7) as hub,
    ):
        device = enrolled_device(hub, Path(directory) / "counter", RecordingListener())
        try:
            drain_feed(device)
            manager = _morning(hub, device)
            view = AuditView(screen_services(device))
            view.setStyleSheet(STYLESHEET)
            view.resize(*SIZE)
            view.set_actor(manager)
            view.show()
            view.check_button.click()
            paths.append(_save(view, app, out / "audit-trail.png"))
            with device.db.write() as session:
                session.execute(
                    text("UPDATE audit_entries SET subject = subject || '-x' WHERE seq = 3")
                )
            view.check_button.click()
            paths.append(_save(view, app, out / "audit-chain-broken.png"))
            view.close()
            view.deleteLater()
            app.processEvents()
        finally:
            device.stop()
    return paths


def _morning(hub: EmbeddedHub, device: Device) -> SignedInStaff:
    """A wrong PIN, sign-ins, orders accepted and one rejected, a refund a manager approved."""
    sign_in = device.sign_in
    cashier_card = next(c for c in sign_in.staff_cards() if c.staff_id == "staff-wangfang")
    with suppress(SignInRefused):
        sign_in.sign_in(cashier_card.staff_id, "1112")
    cashier = sign_in_as(sign_in, "cashier", "1111")
    actions = device.order_actions
    orders = [hub.demo.place_order(channel) for channel in (Channel.MEITUAN, Channel.ELEME) * 2]
    drain_feed(device)
    for order in orders[:3]:
        actions.accept(cashier, order.order_id)
    with suppress(ActionRefused):
        actions.reject(cashier, orders[3].order_id, RejectReason.TOO_BUSY)
    served = orders[0].order_id
    actions.mark_ready(cashier, served)
    actions.hand_over(cashier, served, HandoverParty.CUSTOMER)
    device.pusher.push()
    hub.hub.intake.customer_requests(served, "refund", reason="少送一杯")
    drain_feed(device)
    manager = sign_in_as(sign_in, "manager", "9999")
    with suppress(ActionRefused):
        actions.answer_refund_request(cashier.approved(manager), served, agree=True)
    device.pusher.push()
    drain_feed(device)
    return manager


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
    save_audit_pictures(QApplication.instance() or QApplication(sys.argv), target)
