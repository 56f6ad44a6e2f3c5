"""The audit trail on screen: newest first in words, filtered, the chain checked, exported."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.audit_chain import AuditAction, AuditResult
from app.domain.permissions import Permission
from app.services import audit
from app.services.audit_trail import AuditTrail
from local_db import audit_repository
from local_db.database import Database
from tests.unit.ui.conftest import CASHIER, MANAGER, FrozenClock, Seeder
from ui.manager.audit_view import AuditView
from ui.screen_services import ScreenServices
from ui.theme import URGENT_RED


def _record(db: Database, clock: FrozenClock, **fields: object) -> None:
    with db.write() as session:
        audit.record(session, clock, **fields)  # type: ignore[arg-type]
    clock.advance(minutes=1)


@pytest.fixture
def view(
    qtbot: QtBot, db: Database, clock: FrozenClock, seed: Seeder, services: ScreenServices
) -> AuditView:
    seed.staff(CASHIER, MANAGER)
    clock.advance(days=-1)
    _record(
        db, clock, action=Permission.ACCEPT, subject="order-yesterday", actor=CASHIER.signed_in()
    )
    clock.advance(days=1)
    _record(db, clock, action=Permission.ACCEPT, subject="order-1", actor=CASHIER.signed_in())
    _record(
        db,
        clock,
        action=Permission.REFUND,
        subject="order-1",
        actor=CASHIER.signed_in().approved(MANAGER.signed_in()),
        detail={"amount_cents": 1250},
    )
    _record(
        db,
        clock,
        action=AuditAction.SIGN_IN,
        staff_id=CASHIER.staff_id,
        staff_name=CASHIER.name,
        result=AuditResult.FAILED,
    )
    widget = AuditView(replace(services, audit=AuditTrail(db, clock)))
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def _column(view: AuditView, column: int) -> list[str]:
    return [view.table.item(row, column).text() for row in range(view.table.rowCount())]


def _choose(box: QComboBox, text_start: str) -> None:
    box.setCurrentIndex(
        next(i for i in range(box.count()) if box.itemText(i).startswith(text_start))
    )


def test_todays_entries_are_listed_newest_first_in_words(view: AuditView) -> None:
    assert _column(view, 4) == ["Signed in", "Refunded", "Accepted"]
    assert _column(view, 1) == ["12:03:00", "12:02:00", "12:01:00"]  # Shanghai time
    assert _column(view, 2) == [CASHIER.name] * 3
    assert _column(view, 3) == ["", MANAGER.name, ""]
    assert _column(view, 6) == ["Failed", "Done", "Done"]
    assert _column(view, 7)[1] == "Amount: ¥12.50"
    assert view.count_label.text() == "3 entries"


def test_filters_by_person_kind_result_and_day(view: AuditView) -> None:
    _choose(view.person_box, MANAGER.name)
    assert _column(view, 5) == ["order-1"]  # the refund the manager approved

    _choose(view.person_box, "Everyone")
    _choose(view.kind_box, "Sign-ins")
    assert _column(view, 4) == ["Signed in"]

    _choose(view.kind_box, "All actions")
    _choose(view.result_box, "Done")
    assert _column(view, 4) == ["Refunded", "Accepted"]

    _choose(view.result_box, "Any result")
    view.day_picker.previous_button.click()
    assert _column(view, 5) == ["order-yesterday"]


def test_checking_the_chain_says_it_holds_then_names_the_changed_entry(
    qtbot: QtBot, view: AuditView, db: Database
) -> None:
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert view.chain_label.text().startswith("Chain intact: 4 entries.")
    assert "Not yet confirmed by the hub" in view.chain_label.text()

    with db.write() as session:
        audit_repository.set_acknowledged_head(session, *audit_repository.head(session))
        session.execute(
            text("UPDATE audit_entries SET detail = :detail WHERE seq = 3"),
            {"detail": '{"amount_cents":125}'},
        )
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)

    assert view.chain_label.text() == "Chain broken: entry 3 was changed."
    assert view.broken == {3}
    assert _column(view, 0) == ["4", "3", "2"]
    assert view.table.item(1, 0).foreground().color() == URGENT_RED


def test_checking_the_chain_names_entries_cut_off_before_the_hubs_anchor(
    qtbot: QtBot, view: AuditView, db: Database
) -> None:
    with db.write() as session:
        audit_repository.set_acknowledged_head(session, *audit_repository.head(session))
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert "Matches the hub up to entry 4" in view.chain_label.text()

    with db.write() as session:
        session.execute(text("DELETE FROM audit_entries WHERE seq >= 3"))
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)

    assert "entries from 3 on were cut off" in view.chain_label.text()


def test_a_manager_exports_the_entries_shown_and_the_export_is_audited(
    qtbot: QtBot, view: AuditView, tmp_path: Path, clock: FrozenClock
) -> None:
    view.set_actor(MANAGER.signed_in())
    target = tmp_path / "audit.csv"
    view.ask_export_path = lambda: target

    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)

    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["action"] for row in rows] == ["sign_in", "refund", "accept"]
    assert rows[1]["approved_by"] == MANAGER.name
    assert rows[1]["store_time"].endswith("12:02:00+08:00")
    assert "Exported 3 entries to audit.csv" in view.message.text()
    assert _column(view, 4)[0] == "Exported"
    assert _column(view, 2)[0] == MANAGER.name


def test_a_hub_refusal_reads_in_words_on_screen_and_stays_raw_in_the_export(
    qtbot: QtBot, view: AuditView, db: Database, clock: FrozenClock, tmp_path: Path
) -> None:
    message = "The customer cancelled this order at 17:32."
    detail = {"command": "accept_order", "reason": "order_cancelled", "message": message}
    _record(
        db,
        clock,
        action=AuditAction.HUB_REFUSED,
        subject="order-1",
        staff_id=CASHIER.staff_id,
        staff_name=CASHIER.name,
        detail=detail,
        result=AuditResult.REFUSED,
    )
    view.refresh()

    assert _column(view, 7)[0] == "Action: Accept · Reason: The customer cancelled this order."
    assert view.table.item(0, 7).toolTip() == _column(view, 7)[0]

    view.set_actor(MANAGER.signed_in())
    target = tmp_path / "audit.csv"
    view.ask_export_path = lambda: target
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert message in rows[0]["detail"]
    assert "order_cancelled" in rows[0]["detail"]


def test_the_export_is_offered_only_to_whom_may_export(view: AuditView) -> None:
    view.set_actor(CASHIER.signed_in())
    assert not view.export_button.isEnabled()

    view.set_actor(CASHIER.signed_in().approved(MANAGER.signed_in()))
    assert view.export_button.isEnabled()
