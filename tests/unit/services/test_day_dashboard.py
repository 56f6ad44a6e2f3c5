"""The day at a glance and the day's CSV, from a day whose every figure is known."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.vocabulary import Channel, Role, ShortageReason
from app.read_models import SignedInStaff
from app.services.audit_trail import AuditTrail
from app.services.day_dashboard import DayDashboard
from app.services.day_export import HEADER, ExportRefused
from local_db import day_figures_repository
from local_db.database import Database
from tests.day_seed import KNOWN_DAY, KNOWN_EVENING, known_day, seed_day
from tests.fakes import FrozenClock

MANAGER = SignedInStaff("m-1", "王经理", frozenset({Role.MANAGER}))
CASHIER = SignedInStaff("c-1", "李收银", frozenset({Role.CASHIER}))


@pytest.fixture
def dashboard(db: Database) -> DayDashboard:
    seed_day(db, known_day(), KNOWN_EVENING)
    return DayDashboard(db, FrozenClock(KNOWN_EVENING))


def _hours(dashboard: DayDashboard, channel: Channel) -> dict[int, int]:
    glance = dashboard.day_at_a_glance()
    counts = next(entry.orders for entry in glance.orders_by_hour if entry.channel is channel)
    return {hour: n for hour, n in enumerate(counts) if n}


def test_orders_per_hour_by_channel_on_the_stores_clock(dashboard: DayDashboard) -> None:
    glance = dashboard.day_at_a_glance()

    assert glance.day == KNOWN_DAY
    assert glance.is_today
    assert glance.orders == 15
    # 13 orders kept, less the shortages refunded: two 农夫山泉 (¥2.00) and one 可口可乐 (¥3.50).
    assert glance.revenue_cents == 13 * 850 - 2 * 200 - 350
    assert _hours(dashboard, Channel.MEITUAN) == {9: 1, 12: 7}
    assert _hours(dashboard, Channel.ELEME) == {11: 1, 12: 3, 13: 1}
    assert _hours(dashboard, Channel.MINIPROGRAM) == {18: 2}


def test_time_to_accept_median_and_p90_overall_per_channel_and_per_hour(
    dashboard: DayDashboard,
) -> None:
    glance = dashboard.day_at_a_glance()

    assert glance.accept.count == 13
    assert glance.accept.median == pytest.approx(60.0)
    by_channel = {entry.channel: entry.spread for entry in glance.accept_by_channel}
    assert by_channel[Channel.MEITUAN].median == pytest.approx(50.0)
    assert by_channel[Channel.MEITUAN].p90 == pytest.approx(74.0)
    assert by_channel[Channel.ELEME].median == pytest.approx(150.0)
    assert by_channel[Channel.MINIPROGRAM].median == pytest.approx(60.0)
    assert glance.accept_by_hour[12].count == 10
    assert glance.accept_by_hour[12].median == pytest.approx(65.0)
    assert glance.accept_by_hour[9].count == 0  # the lost order was never accepted


def test_pick_time_leaves_out_a_task_whose_end_is_unknown(dashboard: DayDashboard) -> None:
    glance = dashboard.day_at_a_glance()

    assert glance.pick.count == 9
    assert glance.pick.median == pytest.approx(360.0)
    assert glance.pick.p90 == pytest.approx(600.0)
    assert glance.pick_by_hour[12].count == 9


def test_shortage_rates_by_reason_and_by_sku_are_shares_of_lines_picked(
    dashboard: DayDashboard,
) -> None:
    glance = dashboard.day_at_a_glance()

    assert (glance.picked_lines, glance.short_lines) == (20, 3)
    assert glance.short_rate == pytest.approx(0.15)
    by_reason = {entry.reason: (entry.short_lines, entry.rate) for entry in glance.short_by_reason}
    assert by_reason[ShortageReason.OUT_OF_STOCK] == (2, pytest.approx(0.1))
    assert by_reason[ShortageReason.DAMAGED] == (1, pytest.approx(0.05))
    assert by_reason[ShortageReason.EXPIRED] == (0, 0.0)
    assert [(s.name, s.short_lines, s.picked_lines) for s in glance.short_by_sku] == [
        ("农夫山泉 550ml", 2, 10),
        ("可口可乐 330ml", 1, 10),
    ]


def test_orders_lost_to_the_deadline_are_listed(dashboard: DayDashboard) -> None:
    lost = dashboard.day_at_a_glance().lost_orders

    assert [(order.order_id, order.channel, order.daily_serial) for order in lost] == [
        ("m-lost", Channel.MEITUAN, 1)
    ]


def test_an_empty_day_has_no_rates_rather_than_zeros(dashboard: DayDashboard) -> None:
    glance = dashboard.day_at_a_glance(KNOWN_DAY - timedelta(days=3))

    assert not glance.is_today
    assert glance.orders == 0
    assert glance.accept.median is None
    assert glance.short_rate is None
    assert glance.short_by_sku == ()


def test_the_day_as_csv_one_row_per_order_without_the_phone(
    dashboard: DayDashboard, tmp_path: Path
) -> None:
    path = tmp_path / "day.csv"

    export = dashboard.export_csv(path, MANAGER)

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    assert b"13812345678" not in raw
    assert b"5678" not in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    assert export.rows == len(rows) - 1 == 15
    by_number = {row[2]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    first = by_number["MEITUAN-m-1"]
    assert first["serial"] == "3"
    assert first["placed"] == "2026-11-22 12:05:00"
    assert first["accepted"] == "2026-11-22 12:05:30"
    assert first["total_paid_yuan"] == "8.50"
    assert first["refunded_yuan"] == "2.00"  # its 农夫山泉 was short and refunded
    assert by_number["MEITUAN-m-0"]["refunded_yuan"] == "0.00"
    assert first["time_to_accept_s"] == "30"
    assert first["pick_time_s"] == "180"
    assert first["shortages"] == "农夫山泉 550ml ×1 (out_of_stock)"
    lost = by_number["MEITUAN-m-lost"]
    assert (lost["status"], lost["accepted"], lost["time_to_accept_s"]) == ("cancelled", "", "")
    assert "MEITUAN-before" not in by_number
    # No temporary file is left beside it.
    assert [p.name for p in tmp_path.iterdir() if "day.csv" in p.name] == ["day.csv"]


def test_an_export_is_audited_with_the_file_name_and_row_count(
    db: Database, dashboard: DayDashboard, tmp_path: Path
) -> None:
    dashboard.export_csv(tmp_path / "storeside-2026-11-22.csv", MANAGER)

    [entry] = AuditTrail(db).entries(actions=("export",))
    assert (entry.staff_id, entry.subject, entry.result) == (
        "m-1",
        "storeside-2026-11-22.csv",
        "ok",
    )
    assert entry.detail_values()["rows"] == 15
    assert entry.detail_values()["day"] == "2026-11-22"
    assert AuditTrail(db).verify() == []


def test_a_cashier_may_not_export_and_the_refusal_is_audited(
    db: Database, dashboard: DayDashboard, tmp_path: Path
) -> None:
    path = tmp_path / "day.csv"

    with pytest.raises(ExportRefused) as refused:
        dashboard.export_csv(path, CASHIER)

    assert refused.value.code == "not_permitted"
    assert not path.exists()
    [entry] = AuditTrail(db).entries(actions=("export",))
    assert (entry.staff_id, entry.result) == ("c-1", "refused")


def test_a_cashier_may_export_with_a_managers_pin(
    db: Database, dashboard: DayDashboard, tmp_path: Path
) -> None:
    export = dashboard.export_csv(tmp_path / "day.csv", CASHIER.approved(MANAGER))

    assert export.rows == 15
    [entry] = AuditTrail(db).entries(actions=("export",))
    assert (entry.staff_id, entry.approved_by, entry.result) == ("c-1", "m-1", "ok")


def test_an_export_replaces_an_older_file_whole(dashboard: DayDashboard, tmp_path: Path) -> None:
    path = tmp_path / "day.csv"
    path.write_text("an older export that is much longer than nothing\n" * 1000)

    dashboard.export_csv(path, MANAGER, KNOWN_DAY - timedelta(days=3))

    assert path.read_text(encoding="utf-8-sig").splitlines() == [",".join(HEADER)]


def test_an_unwritable_place_leaves_nothing_and_audits_nothing(
    db: Database, dashboard: DayDashboard, tmp_path: Path
) -> None:
    with pytest.raises(OSError, match="No such file"):
        dashboard.export_csv(tmp_path / "missing" / "day.csv", MANAGER)

    assert AuditTrail(db).entries(actions=("export",)) == []


def test_every_statement_starts_from_the_day_range_of_the_placed_at_index(db: Database) -> None:
    connection = sqlite3.connect(db.path)
    try:
        for statement in day_figures_repository.STATEMENTS:
            plan = connection.execute(
                "EXPLAIN QUERY PLAN " + statement, {"start": "a", "end": "b", "expired": "x"}
            ).fetchall()
            details = [row[3] for row in plan if row[3].startswith(("SEARCH", "SCAN"))]
            assert details[0].startswith("SEARCH o USING INDEX ix_orders_placed_at"), statement
            assert not any(detail.startswith("SCAN") for detail in details), statement
    finally:
        connection.close()
