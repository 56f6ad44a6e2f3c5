"""`storeside --self-test`: one order through a whole device, on 127.0.0.1 only.

In a fresh temporary folder: the device database is migrated by the Alembic scripts shipped
with the program, an embedded hub is served, the device enrols with it, the main window is
shown once offscreen, sync starts, a Meituan order placed at the hub reaches the device, a
cashier accepts it, the accept reaches the hub and a kitchen ticket prints on a loopback
network printer. Prints one line of figures and returns 0; or prints one line naming the
step that failed and returns 1, keeping the folder with the device's log. The whole run is
bounded: with `hard_limit` a watchdog ends the process when a step hangs past the limit.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

from app.device import Device, build_device
from app.domain.clock import utc_now
from app.domain.sync_events import RejectionNotice, SyncStatus
from app.domain.vocabulary import Channel, OrderStatus, RecordKind, Role
from app.enrolment import enrol_with_codes
from app.log_privacy import add_log_file
from app.loopback_printer import LoopbackPrinter
from app.printing.print_setup import PrinterConfig, PrintSetup, Station
from app.process_age import process_started_at
from app.read_models import SignedInStaff
from app.settings import Settings
from local_db.database import Database
from local_db.migration import HEAD_REVISION, alembic_config, stored_revision
from sync.credentials import Credentials, MemoryKeyring
from sync.enrolment import store_name

if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub
    from ui.screen_services import ScreenServices

TIME_LIMIT_S: Final = 60.0
_PACKAGES: Final = ("app", "ui", "sync", "local_db", "hub")


class StepFailed(Exception):
    """A step of the self-test did not do what it must; `step` names it."""

    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step
        self.detail = detail


def run_self_test(
    make_services: Callable[[Device], ScreenServices],
    *,
    started_at: float | None = None,
    time_limit_s: float = TIME_LIMIT_S,
    hard_limit: bool = True,
    parent: Path | None = None,
) -> int:
    """Run every step; the exit status. `make_services` gives the window a device's services
    (app.main.screen_services); `started_at` (time.monotonic()) is where "start" is counted
    from, None: this process's start; the temporary folder is made in `parent` (None: the
    system's temporary folder)."""
    began = time.monotonic()
    started = process_started_at() if started_at is None else started_at
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="storeside-self-test-", dir=parent))
    steps = _Steps(folder, deadline=began + time_limit_s)
    watchdog = threading.Timer(time_limit_s + 5.0, steps.overrun)
    watchdog.daemon = True
    if hard_limit:
        watchdog.start()
    # Qt objects must die on the GUI thread: no automatic collection while sync threads run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        line = _run(steps, make_services, started if started is not None else began)
    except Exception as error:  # whatever failed is named by its step, in one line
        failure = error if isinstance(error, StepFailed) else steps.failed(error)
        print(steps.failure_line(failure), file=sys.stderr, flush=True)
        return 1
    finally:
        watchdog.cancel()
        gc.collect()
        if collecting:
            gc.enable()
    shutil.rmtree(folder, ignore_errors=True)
    print(line, flush=True)
    return 0


class _Steps:
    """Names the running step, turns its exceptions into StepFailed, keeps the deadline."""

    def __init__(self, folder: Path, *, deadline: float) -> None:
        self.folder = folder
        self.current = "start"
        self.deadline = deadline

    def left_s(self) -> float:
        """Seconds left of the whole run's limit."""
        return max(0.0, self.deadline - time.monotonic())

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        self.current = name
        try:
            yield
        except StepFailed:
            raise
        except Exception as error:  # a failed step is reported, whatever it raised
            raise self.failed(error) from error

    def failed(self, error: Exception) -> StepFailed:
        """The running step's failure by `error`."""
        return StepFailed(self.current, f"{type(error).__name__}: {error}")

    def failure_line(self, failure: StepFailed) -> str:
        return (
            f"storeside self-test FAILED at {failure.step}: {failure.detail} "
            f"(log and data kept in {self.folder})"
        )

    def overrun(self) -> None:
        """The watchdog's end of a hung run: say where it hung, end the process."""
        failure = StepFailed(self.current, "still running past the time limit")
        print(self.failure_line(failure), file=sys.stderr, flush=True)
        os._exit(1)


def _run(
    steps: _Steps,
    make_services: Callable[[Device], ScreenServices],
    started: float,
) -> str:
    """Every step in order; the figures line."""
    data_dir = steps.folder / "device"
    data_dir.mkdir()
    with ExitStack() as stack:
        log = add_log_file(data_dir / "storeside.log")
        stack.callback(_remove_handler, log)
        with steps.step("migrations"):
            db = _migrated(data_dir / "storeside.db")
            stack.callback(db.close)
        with steps.step("hub"):
            hub = _served_hub(steps.folder / "hub.db")
            stack.callback(hub.stop)
        with steps.step("enrolment"):
            credentials = _enrolled(db, hub)
        with steps.step("device"):
            events = _SyncEvents()
            settings = Settings(data_dir=data_dir, hub_url=hub.url, long_poll_s=5.0)
            device = build_device(settings, credentials, utc_now, events, db=db)
            stack.callback(device.stop)
            from ui.printing.ticket_language import TicketLanguages  # noqa: PLC0415 -- Qt here

            device.printing.runner.use_ticket_words(TicketLanguages(device.printing.settings))
            printer = stack.enter_context(LoopbackPrinter())
            device.printing.settings.save(_kitchen_setup(printer))
        with steps.step("window"):
            from ui.self_test_window import show_main_window_once  # noqa: PLC0415 -- Qt here

            shown = show_main_window_once(
                make_services(device), store_name=store_name(db), time_limit_s=steps.left_s()
            )
        with steps.step("order received"):
            device.start()  # as the app starts sync: once the first screen is painted
            received_s, order_id = _order_received(hub, device, events, steps)
        with steps.step("accept at the hub"):
            accepted_s = _accepted_at_hub(hub, device, events, steps, order_id)
        with steps.step("kitchen ticket"):
            if not printer.printed.wait(steps.left_s()):
                raise StepFailed("kitchen ticket", "no ticket reached the loopback printer")
            ticket_bytes = len(printer.received)
        steps.current = "shutdown"  # of the device, the printer and the hub, as the block ends
    font = shown.chinese_font or "NONE (Chinese shows as boxes)"
    sound = "plays" if not shown.silence_reason else f"silent ({shown.silence_reason})"
    return (
        f"storeside self-test ok: start {shown.painted_at - started:.2f} s, "
        f"order received {received_s:.2f} s, accept at hub {accepted_s:.2f} s, "
        f"ticket {ticket_bytes} bytes, window {shown.platform} zh_CN "
        f"({shown.catalogues} catalogues), Chinese font {font}, sound {sound}, {_size()}"
    )


def _served_hub(path: Path) -> EmbeddedHub:
    """The reference hub on a free 127.0.0.1 port, its simulator off."""
    from hub.embedded import EmbeddedHub  # noqa: PLC0415 -- FastAPI loads with the hub

    hub = EmbeddedHub(path, simulate=False)
    hub.start()
    return hub


def _migrated(path: Path) -> Database:
    """A new device database brought to the newest schema by the shipped Alembic scripts."""
    scripts = Path(alembic_config().get_main_option("script_location") or "")
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and Path(bundle) not in scripts.parents:
        raise StepFailed("migrations", f"the Alembic scripts are not in the bundle: {scripts}")
    db = Database(path)
    revision = stored_revision(db.engine)
    if revision != HEAD_REVISION:
        db.close()
        raise StepFailed("migrations", f"schema at {revision}, expected {HEAD_REVISION}")
    return db


def _enrolled(db: Database, hub: EmbeddedHub) -> Credentials:
    """The device's credentials (kept in memory) after enrolling with a fresh code."""
    credentials = Credentials(MemoryKeyring(), account=str(db.path))
    problem = enrol_with_codes(db, credentials, hub.url, hub.store_code, hub.new_enrolment_code())
    if problem is not None:
        raise StepFailed("enrolment", f"{problem.value} (the log says why)")
    return credentials


def _kitchen_setup(printer: LoopbackPrinter) -> PrintSetup:
    """One network printer at the loopback printer's address, the kitchen printing on it."""
    kitchen = PrinterConfig(
        printer_id="kitchen",
        name="Kitchen",
        host=printer.address.host,
        port=printer.address.port,
    )
    return PrintSetup(
        printers=(kitchen,),
        stations=(Station(station_id="kitchen", name="Kitchen", printer_id="kitchen"),),
    )


def _order_received(
    hub: EmbeddedHub, device: Device, events: _SyncEvents, steps: _Steps
) -> tuple[float, str]:
    """(seconds from the hub's order to the device's cache, the order id)."""
    placed_at = time.monotonic()
    order_id = hub.demo.place_order(Channel.MEITUAN).order_id
    if not events.wait_for(lambda: device.order_queries.detail(order_id) is not None, steps):
        raise StepFailed("order received", f"order {order_id} did not reach the device")
    return time.monotonic() - placed_at, order_id


def _accepted_at_hub(
    hub: EmbeddedHub, device: Device, events: _SyncEvents, steps: _Steps, order_id: str
) -> float:
    """A cashier accepts `order_id` on the device; seconds until the hub has it accepted."""
    cashier = _signed_in_cashier(hub, device, events, steps)
    accepted_at = time.monotonic()
    device.order_actions.accept(cashier, order_id)

    def accepted() -> bool:
        return hub.hub.admin.order(order_id).status is OrderStatus.ACCEPTED

    if not events.wait_for(accepted, steps):
        rejected = f"; the hub refused: {events.rejections}" if events.rejections else ""
        raise StepFailed("accept at the hub", f"the hub did not see the accept{rejected}")
    return time.monotonic() - accepted_at


def _signed_in_cashier(
    hub: EmbeddedHub, device: Device, events: _SyncEvents, steps: _Steps
) -> SignedInStaff:
    """The demo cashier, signed in with the PIN the hub seeded (staff arrive by the feed)."""
    pins = {name: pin for name, roles, pin in hub.demo_staff if Role.CASHIER in roles}

    def cashier_known() -> bool:
        return any(card.name in pins for card in device.sign_in.staff_cards())

    if not events.wait_for(cashier_known, steps):
        raise StepFailed("accept at the hub", "no cashier reached the device")
    card = next(card for card in device.sign_in.staff_cards() if card.name in pins)
    return device.sign_in.sign_in(card.staff_id, pins[card.name])


class _SyncEvents:
    """A SyncListener that wakes the waiting step at every sync event (from sync threads)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0
        self.rejections: list[str] = []

    def sync_status_changed(self, status: SyncStatus) -> None:
        self._notify()

    def records_changed(
        self, kinds: frozenset[RecordKind], order_ids: frozenset[str] | None = None
    ) -> None:
        self._notify()

    def command_rejected(self, notice: RejectionNotice) -> None:
        self.rejections.append(str(notice))
        self._notify()

    def wait_for(self, done: Callable[[], bool], steps: _Steps) -> bool:
        """Whether `done()` came true before the run's deadline; asked after each event (and
        every 0.1 s, as the hub's side of a change sends no event)."""
        while True:
            with self._changed:
                seen = self._count
            if done():
                return True
            with self._changed:
                left = steps.left_s()
                if left <= 0:
                    return False
                if self._count == seen:
                    self._changed.wait(min(left, 0.1))

    def _notify(self) -> None:
        with self._changed:
            self._count += 1
            self._changed.notify_all()


def _remove_handler(handler: logging.Handler) -> None:
    logging.getLogger().removeHandler(handler)
    handler.close()


def _size() -> str:
    """The bundle folder's size when frozen, else that of the checkout's packages."""
    if getattr(sys, "frozen", False):
        return f"folder {_megabytes(Path(sys.executable).resolve().parent)} MB"
    root = Path(__file__).resolve().parent.parent
    total = sum(_bytes(root / package) for package in _PACKAGES)
    return f"packages {total / 1_000_000:.1f} MB (not frozen)"


def _megabytes(folder: Path) -> int:
    return round(_bytes(folder) / 1_000_000)


def _bytes(folder: Path) -> int:
    """Bytes of the files under `folder`; a link is counted where it points, not again."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
