"""The manager's day at a glance, as a picture of a busy seeded day (docs/screenshots/).

Usage: python -m tools.screenshot_dashboard OUTPUT_DIR, or `save_dashboard_pictures` from
tools/screenshots.py.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.domain.vocabulary import Role
from app.read_models import SignedInStaff
from app.services.day_dashboard import DayDashboard
from local_db.database import Database
from tests.day_seed import busy_day, seed_day
from ui.manager.dashboard_view import DashboardView
from ui.theme import STYLESHEET

DAY = date(2026, 11, 22)
EVENING = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
"""22:30 in Shanghai: the day is over, every figure is in."""
SIZE = (1440, 1180)


def save_dashboard_pictures(app: QCoreApplication, out: Path) -> list[Path]:
    """Write dashboard.png: a day of 1,200 orders with lunch and dinner peaks; return paths."""
    with tempfile.TemporaryDirectory() as directory:
        db = Database(Path(directory) / "device.db")
        try:
            seed_day(db, busy_day(DAY, 1200, seed=22), EVENING)
            manager = SignedInStaff("m-1", "王经理", frozenset({Role.MANAGER}))
            view = DashboardView(DayDashboard(db, lambda: EVENING), actor=manager)
            view.setStyleSheet(STYLESHEET)
            view.resize(*SIZE)
            view.show()
            for _ in range(10):
                app.processEvents()
            path = out / "dashboard.png"
            if not view.grab().save(str(path)):
                raise RuntimeError(f"could not write {path}")
            view.close()
            view.deleteLater()
            app.processEvents()
        finally:
            db.close()
    print(path)
    return [path]


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    target.mkdir(parents=True, exist_ok=True)
    application = QApplication.instance() or QApplication(sys.argv)
    save_dashboard_pictures(application, target)
