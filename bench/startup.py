"""Start-up: process start to the first painted inbox over 100,000 cached orders, and peak RSS.

Each start is a fresh Python process (`python -m bench.startup --child ...`), timed from just
before the parent spawns it to the end of the first paint of the inbox table, as the
system's monotonic clock says in both processes. The app child starts as `storeside --hub`
does (database check started before the imports, instance lock, migrations, device,
window, sync jobs started),
against a hub address where nothing listens; the cashier is signed in programmatically
before the window shows (typing a PIN is the person's time, not the program's). The
baseline child is a bare QApplication with one window holding an empty table, measured in
the same run. Modules run from compiled bytecode, as an installed app's do: one start of
each kind, not counted, writes it first. Peak RSS is the child's own maximum resident set
at that paint.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

GOAL_S = 0.7
GOAL_MIB = 150.0
_MARKS: dict[str, float] = {}


def _mark(name: str) -> None:
    _MARKS[name] = time.monotonic()


def main() -> None:
    """Parent: build the cache once, then start each kind of child several times."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("app", "app-without-dev-extras", "bare"))
    parser.add_argument("data_dir", nargs="?", type=Path)
    arguments = parser.parse_args()
    if arguments.child == "app":
        _app_child(arguments.data_dir)
        return
    if arguments.child == "app-without-dev-extras":
        # httpx imports its CLI (click, pygments, rich) when they are installed, and here the
        # dev tools installed pygments and rich; a production install lacks them, and httpx
        # then skips its CLI. This child starts as such an install would.
        sys.modules["httpx._main"] = None  # type: ignore[assignment]
        _app_child(arguments.data_dir)
        return
    if arguments.child == "bare":
        _bare_child()
        return
    from app.domain.store_day import store_date  # noqa: PLC0415 -- the children must not pay for it
    from bench.order_cache import STORE_ZONE, build_cache  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as directory:
        data_dir = Path(directory)
        today = store_date(datetime.now(UTC), STORE_ZONE)
        build_cache(data_dir / "storeside.db", orders=arguments.orders, today=today).clear()
        bytecode = data_dir / "bytecode"
        for kind in ("app", "bare"):
            _start(kind, data_dir, bytecode)  # not counted: writes the bytecode the others read
        app = [_start("app", data_dir, bytecode) for _ in range(arguments.runs)]
        production = [
            _start("app-without-dev-extras", data_dir, bytecode) for _ in range(arguments.runs)
        ]
        bare = [_start("bare", data_dir, bytecode) for _ in range(arguments.runs)]
    _report(arguments.orders, arguments.runs, app, production, bare)


def _start(kind: str, data_dir: Path, bytecode: Path) -> dict[str, Any]:
    """One child start; its modules' bytecode kept in `bytecode`, as an installed app has it
    (pip and the packaged build compile every module; a checkout run with
    PYTHONDONTWRITEBYTECODE would compile the whole program at every start instead)."""
    environment = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "PYTHONPYCACHEPREFIX": str(bytecode),
    }
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    command = [sys.executable, "-m", "bench.startup", "--child", kind, str(data_dir)]
    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 -- this interpreter, our own module, fixed arguments
        command, env=environment, capture_output=True, text=True, timeout=120, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{kind} child failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(lines[-1])
    report["marks"] = {name: at - started for name, at in report["marks"].items()}
    return report


def _report(
    orders: int,
    runs: int,
    app: list[dict[str, Any]],
    production: list[dict[str, Any]],
    bare: list[dict[str, Any]],
) -> None:
    def median_mark(reports: list[dict[str, Any]], name: str) -> float:
        return float(statistics.median(report["marks"][name] for report in reports))

    app_s, bare_s = median_mark(app, "painted"), median_mark(bare, "painted")
    app_mib = max(report["rss_kib"] for report in app) / 1024
    bare_mib = max(report["rss_kib"] for report in bare) / 1024
    print(
        f"startup: {orders} cached orders, median of {runs} starts (bytecode compiled, as"
        " installed), peak RSS the highest"
    )
    print(
        f"  app  to first painted inbox : {app_s:6.3f} s  {app_mib:6.1f} MiB  "
        f"({app[0]['rows']} rows on the New tab)"
    )
    production_s = median_mark(production, "painted")
    production_mib = max(report["rss_kib"] for report in production) / 1024
    print(
        f"  same, without the dev extras: {production_s:6.3f} s  {production_mib:6.1f} MiB  "
        "(httpx's CLI imports absent, as in a production install)"
    )
    print(f"  bare QApplication + window  : {bare_s:6.3f} s  {bare_mib:6.1f} MiB")
    time_met = "met" if app_s <= GOAL_S else "NOT met"
    memory_met = "met" if app_mib <= GOAL_MIB else "NOT met"
    print(f"  goal <= {GOAL_S} s: {time_met}; goal <= {GOAL_MIB:.0f} MiB: {memory_met}")
    print("  where the app's time goes (median, seconds since spawn):")
    for name in app[0]["marks"]:
        print(f"    {name:<22} {median_mark(app, name):6.3f}")


def _peak_rss_kib() -> int:
    """This process's peak resident set (VmHWM), in KiB.

    Not getrusage's ru_maxrss: on Linux a child inherits its parent's maximum through fork,
    and the parent here holds the 100,000 orders it wrote.
    """
    with Path("/proc/self/status").open() as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _watch_first_paint(widget: Any, report: dict[str, Any]) -> Any:
    """An event filter that prints the report after `widget`'s first paint, then quits."""
    from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "painted" not in _MARKS:
                QTimer.singleShot(0, self.finish)  # after this paint has been done
                _MARKS["painted"] = 0.0
            return False

        def finish(self) -> None:
            _mark("painted")
            report["marks"] = _MARKS
            report["rss_kib"] = _peak_rss_kib()
            print(json.dumps(report), flush=True)
            QApplication.quit()

    watcher = FirstPaint()
    widget.installEventFilter(watcher)
    return watcher


def _app_child(data_dir: Path) -> None:
    _mark("python up")
    from app.settings import Settings  # noqa: PLC0415
    from local_db.quick_check import EarlyCheck  # noqa: PLC0415

    # As app/launch.py does: the database check runs while the program loads.
    early = EarlyCheck.start(Settings(data_dir=data_dir).database_path)
    from app.device import build_device  # noqa: PLC0415
    from app.domain.clock import utc_now  # noqa: PLC0415
    from app.main import screen_services  # noqa: PLC0415
    from app.read_models import SignedInStaff  # noqa: PLC0415
    from local_db.database_guard import open_checked  # noqa: PLC0415
    from local_db.instance_lock import InstanceLock  # noqa: PLC0415
    from sync.credentials import Credentials, MemoryKeyring  # noqa: PLC0415
    from sync.enrolment import store_name  # noqa: PLC0415
    from ui.application import QtApplication  # noqa: PLC0415
    from ui.main_window import MainWindow  # noqa: PLC0415
    from ui.sync_bridge import SyncBridge  # noqa: PLC0415

    _mark("imports done")
    settings = Settings(data_dir=data_dir, hub_url="http://127.0.0.1:9")
    lock = InstanceLock(data_dir)
    lock.acquire()
    credentials = Credentials(MemoryKeyring(), account=str(settings.database_path))
    credentials.save_device_token("bench-token")
    db, _recovery = open_checked(settings.database_path, early=early)
    _mark("database checked")
    qt = QtApplication()
    bridge = SyncBridge()
    device = build_device(settings, credentials, utc_now, bridge, db=db)
    window = MainWindow(screen_services(device), bridge, store_name=store_name(db))
    _mark("window built")
    card = device.sign_in.staff_cards()[0]
    window.sign_in_screen.signed_in.emit(SignedInStaff(card.staff_id, card.name, card.roles))
    _mark("inbox filled")
    report: dict[str, Any] = {"rows": window.cashier_screen.model.rowCount()}
    watcher = _watch_first_paint(window.cashier_screen.table.viewport(), report)
    window.call_after_first_paint(device.start)  # as app.main starts sync
    window.show()
    try:
        qt.run()
    finally:
        del watcher
        device.stop()
        lock.release()


def _bare_child() -> None:
    _mark("python up")
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: PLC0415

    _mark("imports done")
    app = QApplication(sys.argv)
    window = QMainWindow()
    table = QTableView(window)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    _mark("window built")
    report: dict[str, Any] = {"rows": 0}
    watcher = _watch_first_paint(table.viewport(), report)
    window.show()
    app.exec()
    del watcher


if __name__ == "__main__":
    main()
