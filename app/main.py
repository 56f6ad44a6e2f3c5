"""Composition root and the `storeside` command line: builds a device and opens its window."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.command_line import parser
from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import Clock, utc_now
from app.enrolment import enrol_with_codes
from app.log_privacy import add_log_file, configure_logging, install_crash_reports
from app.services.alarm_preferences import AlarmPreferences
from app.services.audit_trail import AuditTrail
from app.services.auto_accept import AutoAccept
from app.services.channel_pauses import ChannelPauses
from app.services.customer_contact import CustomerContact
from app.services.day_dashboard import DayDashboard
from app.services.day_summary import DaySummaries
from app.services.device_preferences import DevicePreferences
from app.services.exception_orders import ExceptionOrders
from app.services.order_search import OrderSearch
from app.services.print_settings import set_up_demo_printing
from app.services.shortage_decisions import ShortageDecisions
from app.services.sync_health import SyncRepair
from app.services.task_control import TaskControl
from app.settings import Settings, default_data_dir
from local_db.database import Database
from local_db.database_guard import DatabaseUnusable, Recovery, open_checked
from local_db.instance_lock import AlreadyRunning, InstanceLock
from local_db.quick_check import EarlyCheck
from sync.credentials import Credentials, NoSecureStorage, system_keyring
from sync.enrolment import is_enrolled, store_name
from ui.alarm.alarm_sound import open_alarm_sound
from ui.application import QtApplication
from ui.demo_controls import DemoControls
from ui.desktop_settings import DesktopSettings, WindowMemory
from ui.handheld.layout_choice import LayoutSetting, layout_setting
from ui.labels import roles_text
from ui.languages import chosen_language, language_setting
from ui.main_window import MainWindow
from ui.printing.pdf_ticket_writer import PdfTicketWriter
from ui.printing.ticket_language import TicketLanguages
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge
from ui.tray_menu import TrayMenu

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.services.picking import Picking
    from hub.embedded import EmbeddedHub

log = logging.getLogger("storeside")


def main(argv: list[str] | None = None, *, early_check: EarlyCheck | None = None) -> int:
    """`storeside demo`, `storeside --hub URL` or `storeside --self-test`; the exit code.

    `early_check`: the database check app/launch.py started before this module loaded.
    """
    arguments = parser().parse_args(argv)
    if arguments.self_test:
        from app.self_test import run_self_test  # noqa: PLC0415 (the self-test only)

        return run_self_test(screen_services)
    configure_logging()
    install_crash_reports()
    if arguments.command == "demo":
        return _run_demo(arguments)
    # No address yet (a first start): the enrolment screen asks for it, then it is remembered.
    hub_url = arguments.hub or DesktopSettings().hub_url()
    return _run_against_hub(arguments, hub_url, early_check)


def _locked(data_dir: Path) -> InstanceLock | None:
    """This data directory's single-instance lock, or None after telling why it is taken."""
    lock = InstanceLock(data_dir)
    try:
        lock.acquire()
    except AlreadyRunning as refusal:
        print(f"storeside: {refusal}", file=sys.stderr)
        return None
    return lock


def _run_demo(arguments: argparse.Namespace) -> int:
    from app.demo_handheld import DemoHandhelds  # noqa: PLC0415 (the demo's handhelds only)
    from hub.embedded import EmbeddedHub  # noqa: PLC0415 (FastAPI is loaded for the demo only)

    data_dir: Path = arguments.data_dir or Path(tempfile.mkdtemp(prefix="storeside-demo-"))
    data_dir.mkdir(parents=True, exist_ok=True)  # a new folder named on the command line
    hub = EmbeddedHub(
        data_dir / "hub.db", order_interval_s=arguments.order_interval, seed=arguments.seed
    )
    lock = _locked(data_dir / "device")
    if lock is None:
        return 2
    hub.start()
    log.info("demo data in %s; hub at %s", data_dir, hub.url)
    try:
        # The presenter toggles the network by hand: retry within seconds, not a minute.
        settings = Settings(
            data_dir=data_dir / "device", hub_url=hub.url, long_poll_s=10.0, retry_cap_s=3.0
        )
        add_log_file(settings.log_path)
        credentials, db = enrol_with_embedded_hub(hub, settings)
        # No thermal printer at a demo: tickets become PDF files beside the demo data.
        set_up_demo_printing(DevicePreferences(db, utc_now), utc_now, data_dir / "tickets")
        if arguments.offline:
            hub.go_offline()
        # Demo → Open a handheld: a second enrolled device in a 480×800 window.
        handhelds = DemoHandhelds(
            hub, settings, store_name=store_name(db), screen_services=screen_services
        )
        try:
            return _run_window(
                settings,
                credentials,
                db,
                demo=EmbeddedHubControls(hub),
                open_handheld=handhelds.open_handheld,
            )
        finally:
            handhelds.stop_all()
    finally:
        hub.stop()
        lock.release()


def _run_against_hub(
    arguments: argparse.Namespace, hub_url: str, early_check: EarlyCheck | None = None
) -> int:
    settings = Settings(
        data_dir=arguments.data_dir or default_data_dir(),
        hub_url=hub_url,
        ca_file=arguments.ca_file,
    )
    if settings.hub_url and settings.hub_url_problem is not None:
        # Refused before anything is opened: no token or PIN hash may cross in clear.
        print(f"storeside: {settings.hub_url_problem}", file=sys.stderr)
        return 2
    lock = _locked(settings.data_dir)
    if lock is None:
        return 2
    add_log_file(settings.log_path)
    try:
        credentials = Credentials(system_keyring(), account=str(settings.database_path))
    except NoSecureStorage as refusal:
        print(f"storeside: {refusal} Refusing to store the device token.", file=sys.stderr)
        lock.release()
        return 2
    try:
        db, recovery = open_checked(settings.database_path, early=early_check)
    except DatabaseUnusable as problem:
        print(f"storeside: {problem}", file=sys.stderr)
        lock.release()
        return 2
    try:
        return _run_window(
            settings, credentials, db, demo=None, recovery=recovery, remember_hub=True
        )
    finally:
        lock.release()


def _run_window(
    settings: Settings,
    credentials: Credentials,
    db: Database,
    demo: DemoControls | None,
    recovery: Recovery | None = None,
    *,
    open_handheld: Callable[[], object] | None = None,
    remember_hub: bool = False,
) -> int:
    """Open the window; `remember_hub` keeps the hub's address for the next start."""
    language = chosen_language(language_setting(DevicePreferences(db, utc_now)))
    qt = QtApplication(language=language)
    desktop = DesktopSettings()
    if recovery is not None:
        qt.tell_database_recovered(
            requeued=recovery.requeued,
            kept_at=str(recovery.kept_at),
            exported_to=str(recovery.exported_to),
        )
    if not is_enrolled(db, credentials):
        enrolled_with = qt.ask_enrolment(
            settings.hub_url,
            lambda hub_url, store_code, code: enrol_with_codes(
                db, credentials, hub_url, store_code, code, verify=settings.hub_verify
            ),
        )
        if enrolled_with is None:
            return 1
        settings = replace(settings, hub_url=enrolled_with)
    elif not settings.hub_url:
        print(
            "storeside: give --hub URL: this device is enrolled, its hub unknown", file=sys.stderr
        )
        return 2
    if remember_hub:
        desktop.set_hub_url(settings.hub_url)
    bridge = SyncBridge()
    device = build_device(settings, credentials, utc_now, bridge, db=db)
    device.printing.runner.use_file_writer(PdfTicketWriter())
    device.printing.runner.use_ticket_words(TicketLanguages(device.printing.settings))
    services = screen_services(device)
    window = MainWindow(
        services,
        bridge,
        store_name=store_name(db),
        demo=demo,
        sound=open_alarm_sound(),
        open_handheld=open_handheld,
    )
    # Sync starts once the first screen is painted: building it and its threads would
    # otherwise delay that paint (the status bar says "Starting sync…" meanwhile).
    window.call_after_first_paint(device.start)
    WindowMemory(window, desktop)
    TrayMenu(window, bridge, services.alarm_preferences)
    window.show()
    try:
        return qt.run()
    finally:
        device.stop()


def screen_services(device: Device, clock: Clock = utc_now) -> ScreenServices:
    """The services a window of `device` calls, telling time by `clock`."""
    preferences = DevicePreferences(device.db, clock)
    alarm_preferences = AlarmPreferences(preferences, clock)
    layout = layout_setting(preferences)
    services = ScreenServices(
        order_actions=device.order_actions,
        order_queries=device.order_queries,
        sign_in=device.sign_in,
        notices=device.notices,
        health=device.health,
        clock=clock,
        order_search=OrderSearch(device.db, clock),
        day_summaries=DaySummaries(device.db, clock),
        day_dashboard=DayDashboard(device.db, clock),
        printing=device.printing,
        channel_pauses=ChannelPauses(device.db, clock, on_queued=device.wake_pusher),
        alarm_preferences=alarm_preferences,
        auto_accept=AutoAccept(
            preferences=alarm_preferences,
            queries=device.order_queries,
            actions=device.order_actions,
            sign_in=device.sign_in,
            notices=device.notices,
            clock=clock,
        ),
        make_picking=partial(_picking, device, clock),
        layout=layout,
        task_control=TaskControl(device.db, clock, on_queued=device.wake_pusher),
        sync_repair=SyncRepair(
            device.db, clock, partial(_reapply_raw, pin_pepper=device.pin_pepper)
        ),
        shortage_decisions=ShortageDecisions(device.db, clock, on_queued=device.wake_pusher),
        customer_contact=CustomerContact(device.db, clock),
        audit=AuditTrail(device.db, clock),
        exception_orders=ExceptionOrders(device.db, clock, on_queued=device.wake_pusher),
        preferences=preferences,
    )
    if layout is LayoutSetting.HANDHELD:
        # A handheld rings no new-order alarm and accepts nothing by itself: the counter does.
        return replace(services, alarm_preferences=None, auto_accept=None)
    return services


def _picking(device: Device, clock: Clock) -> Picking:
    """The picking service of `device` (imported when a picker first needs it)."""
    from app.services.picking import Picking  # noqa: PLC0415 (loads the barcode parser)

    return Picking(device.db, clock, on_queued=device.wake_pusher)


def _reapply_raw(session: Session, raw: str, *, pin_pepper: bytes | None) -> str | None:
    """sync's second reading of a quarantined record (imported when a manager first retries).

    With the device's pepper, as the feed puller has: a staff record still carrying its PIN
    hash (set aside before quarantine removed them) brings its PIN sealed, not just details.
    """
    from sync.feed_apply import reapply_raw  # noqa: PLC0415 (sync loads after the first paint)

    return reapply_raw(session, raw, pin_pepper=pin_pepper)


class EmbeddedHubControls:
    """The demo menu's switches over the embedded hub; slow steps run off the UI thread."""

    def __init__(self, hub: EmbeddedHub) -> None:
        self._hub = hub
        self._online = hub.is_online
        self._worker = ThreadPoolExecutor(max_workers=1)

    def go_offline(self) -> None:
        """Stop the hub's HTTP server, as a dropped network would."""
        self._online = False
        self._worker.submit(self._hub.go_offline)

    def go_online(self) -> None:
        """Serve again on the same address."""
        self._online = True
        self._worker.submit(self._hub.go_online)

    def is_online(self) -> bool:
        """As the switch was last set."""
        return self._online

    def staff_pins(self) -> list[tuple[str, str, str]]:
        """(name, roles, PIN) of the demo staff."""
        return [(name, roles_text(roles), pin) for name, roles, pin in self._hub.demo_staff]


if __name__ == "__main__":
    sys.exit(main())
