"""The manager's floor pictures: the tasks-and-staff screen and the sync health screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.device import Device
from app.domain.clock import utc_now
from app.domain.vocabulary import Channel
from app.main import screen_services
from app.services.picking import Picking
from hub.embedded import EmbeddedHub
from hub.world.demo_store import DEMO_STORE_ID
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener
from tests.floor_staff import CASHIER, LI, MANAGER, ZHAO, hire_picker
from tests.hub_controls import append_raw_feed_record
from ui.manager.sync_health_view import SyncHealthView
from ui.manager.tasks_view import TasksView

Save = Callable[[QWidget, Path], None]
Settle = Callable[[QCoreApplication], None]
_SIZE = (1100, 700)
_BAD_RECORD = {"kind": "order", "id": "order-garbled", "version": 1, "data": {"order_id": 7}}
"""A record the hub should never have sent, so the quarantine list has something to show."""


def save_floor_pictures(  # noqa: PLR0917 (the screenshot tool's shared parts)
    hub: EmbeddedHub,
    counter: Device,
    directory: Path,
    app: QCoreApplication,
    out: Path,
    save: Save,
    settle: Settle,
) -> None:
    """manager-tasks.png (two pickers with their loads and a queue) and manager-sync-health.png
    (two devices, one with actions waiting, a quarantined record shown raw)."""
    handheld = enrolled_device(hub, directory / "floor-handheld", RecordingListener())
    try:
        _staff_the_floor(hub, counter, handheld)
        services = screen_services(counter)
        assert services.task_control is not None
        tasks = TasksView(services, services.task_control)
        tasks.set_actor(MANAGER)
        tasks.resize(*_SIZE)
        tasks.show()
        settle(app)
        save(tasks, out / "manager-tasks.png")
        tasks.close()

        _report_health(hub, counter, handheld)
        health = SyncHealthView(services)
        health.set_actor(MANAGER)
        health.resize(*_SIZE)
        health.show()
        quarantined = services.health.quarantined()
        if quarantined:
            health.select_record(quarantined[0].item_id)
        settle(app)
        save(health, out / "manager-sync-health.png")
        health.close()
    finally:
        handheld.stop()


def _staff_the_floor(hub: EmbeddedHub, counter: Device, handheld: Device) -> None:
    """Two pickers on duty with tasks, and two tasks nobody's zone covers (the queue)."""
    hire_picker(hub, ZHAO)
    drain_feed(handheld)
    Picking(handheld.db, utc_now).clock_in(LI)
    handheld.pusher.push()
    _accept(hub, counter, (Channel.MEITUAN, Channel.ELEME, Channel.MINIPROGRAM, Channel.MEITUAN))
    for staff_id in (LI.staff_id, ZHAO.staff_id):
        hub.hub.admin.set_staff_zones(staff_id, ["Z"])  # no demo shelf is in zone Z: the next wait
    _accept(hub, counter, (Channel.ELEME, Channel.MINIPROGRAM))
    for staff_id in (LI.staff_id, ZHAO.staff_id):
        hub.hub.admin.set_staff_zones(staff_id, [])
    drain_feed(counter)


def _accept(hub: EmbeddedHub, counter: Device, channels: tuple[Channel, ...]) -> None:
    orders = [hub.demo.place_order(channel).order_id for channel in channels]
    drain_feed(counter)
    for order_id in orders:
        counter.order_actions.accept(CASHIER, order_id)
    counter.pusher.push()


def _report_health(hub: EmbeddedHub, counter: Device, handheld: Device) -> None:
    """The handheld reports two actions waiting; the counter met a record it cannot read."""
    picking = Picking(handheld.db, utc_now)
    picking.clock_out(LI)
    picking.clock_in(LI)
    for device in (handheld, counter):
        reporter = device.sync.health_reporter
        if reporter is not None:
            reporter.report(force=True)
    append_raw_feed_record(hub.hub, DEMO_STORE_ID, _BAD_RECORD)
    drain_feed(counter)
