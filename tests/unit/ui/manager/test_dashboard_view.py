"""The day at a glance on screen: charts built from a seeded day, the day's CSV export."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.vocabulary import Channel, Role
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from app.services.day_dashboard import DayDashboard
from local_db.database import Database
from tests.day_seed import KNOWN_DAY, KNOWN_EVENING, known_day, seed_day
from tests.fakes import FrozenClock
from ui.manager.dashboard_view import DashboardView, median_label, p90_label
from ui.theme import STYLESHEET

MANAGER = SignedInStaff("m-1", "王经理", frozenset({Role.MANAGER}))
CASHIER = SignedInStaff("c-1", "李收银", frozenset({Role.CASHIER}))


@pytest.fixture
def view(qtbot: QtBot, db: Database) -> DashboardView:
    seed_day(db, known_day(), KNOWN_EVENING)
    widget = DashboardView(DayDashboard(db, FrozenClock(KNOWN_EVENING)), actor=MANAGER)
    qtbot.addWidget(widget)
    widget.resize(1400, 1100)
    widget.show()
    return widget


def test_orders_per_hour_are_stacked_by_channel(view: DashboardView) -> None:
    chart = view.orders_chart

    assert chart.categories == [f"{hour:02d}" for hour in range(9, 19)]
    assert chart.value("Meituan", "12") == 7
    assert chart.value("Eleme", "12") == 3
    assert chart.value("Meituan", "09") == 1
    assert chart.value("Mini-program", "18") == 2
    assert chart.value("Eleme", "13") == 1
    assert chart.value("Mini-program", "12") == 0


def test_time_to_accept_and_pick_time_show_median_and_p90_per_hour(view: DashboardView) -> None:
    assert view.accept_chart.value(median_label(), "12") == pytest.approx(65.0)
    assert view.accept_chart.value(p90_label(), "12") == pytest.approx(210.0)
    assert view.pick_chart.value(median_label(), "12") == pytest.approx(6.0)  # minutes
    assert view.accept_by_channel[Channel.MEITUAN].text() == "Meituan\nmedian 50 s · p90 1 min 14 s"


def test_shortages_by_reason_and_the_skus_most_often_short(view: DashboardView) -> None:
    assert view.reason_chart.value("% of lines picked", "Out of stock") == pytest.approx(10.0)
    assert view.reason_chart.value("% of lines picked", "Damaged") == pytest.approx(5.0)
    # Qt lists horizontal bars bottom-up: the SKU most often short is the last category.
    assert view.sku_chart.categories[-1] == "农夫山泉 550ml (2/10)"
    assert view.sku_chart.value("% of its lines short", "农夫山泉 550ml (2/10)") == 20.0


def test_headlines_and_the_orders_lost_to_the_deadline(view: DashboardView) -> None:
    assert view.orders_card.value.text() == "15"
    assert view.revenue_card.value.text() == "¥103.00"  # ¥110.50 less ¥7.50 of shortage refunds
    assert view.accept_card.value.text() == "1 min 00 s"
    assert view.short_card.value.text() == "15.0 %"
    assert view.lost_card.value.text() == "1"
    assert view.lost_list.count() == 1
    assert view.lost_list.item(0).text().startswith("#1 Meituan MEITUAN-m-lost · placed 09:00")


def test_choosing_another_day_refills_the_charts(qtbot: QtBot, view: DashboardView) -> None:
    view.day_picker.previous_button.click()

    qtbot.waitUntil(lambda: view.figures is not None and view.figures.day != KNOWN_DAY)
    # The day before holds one order, at 23:59:59 on the store's clock.
    assert view.orders_card.value.text() == "1"
    assert view.orders_chart.categories == ["23"]
    assert view.orders_chart.value("Meituan", "23") == 1
    assert view.lost_list.count() == 0
    assert len(view.orders_chart.chart().series()) == 1


def test_a_manager_exports_the_day_shown(
    qtbot: QtBot, db: Database, view: DashboardView, tmp_path: Path
) -> None:
    path = tmp_path / "storeside-2026-11-22.csv"

    with qtbot.waitSignal(view.exported) as signal:
        view.export_to(path)

    assert signal.args[0].rows == 15
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert len(rows) == 16
    assert "农夫山泉 550ml ×1 (out_of_stock)" in [row[-1] for row in rows]
    assert "15 orders exported" in view.message.text()
    [entry] = AuditTrail(db).entries(actions=("export",))
    assert (entry.staff_id, entry.subject) == ("m-1", path.name)


def test_a_cashier_is_told_that_only_a_manager_may_export(
    view: DashboardView, tmp_path: Path
) -> None:
    view.set_actor(CASHIER)

    assert view.export_to(tmp_path / "day.csv") is None

    assert not (tmp_path / "day.csv").exists()
    assert "Only a manager" in view.message.text()


def test_coming_back_to_the_tab_shows_the_day_as_it_is_now(
    qtbot: QtBot, view: DashboardView, db: Database
) -> None:
    assert view.orders_card.value.text() == "15"
    view.hide()
    later = known_day()[0]
    seed_day(
        db,
        [replace(later, order_id="m-late", serial=40, placed_at=later.placed_at)],
        KNOWN_EVENING,
    )
    assert view.orders_card.value.text() == "15"  # hidden: nothing read meanwhile

    view.show()

    qtbot.waitUntil(lambda: view.orders_card.value.text() == "16")
    assert view.orders_chart.value("Meituan", "12") == 8


def test_a_refill_under_the_window_style_keeps_the_chart_labels_as_first_drawn(
    qtbot: QtBot, db: Database
) -> None:
    seed_day(db, known_day(), KNOWN_EVENING)
    window = QWidget()
    window.setStyleSheet(STYLESHEET)  # as in the main window: fonts change once polished
    view = DashboardView(DayDashboard(db, FrozenClock(KNOWN_EVENING)), MANAGER, window)
    qtbot.addWidget(window)
    window.show()
    first = [_size(axis.labelsFont()) for axis in view.sku_chart.chart().axes()]

    view.day_picker.previous_button.click()
    view.day_picker.next_button.click()

    qtbot.waitUntil(lambda: view.figures is not None and view.figures.day == KNOWN_DAY)
    again = [_size(axis.labelsFont()) for axis in view.sku_chart.chart().axes()]
    assert again == first  # a bigger font had the SKU names elided to "…"


def _size(font: QFont) -> tuple[float, int]:
    return font.pointSizeF(), font.pixelSize()
