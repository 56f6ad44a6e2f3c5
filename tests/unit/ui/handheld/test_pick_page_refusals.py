"""A typed code the wire cannot take is refused on the pick page in words, and nothing counts."""

from __future__ import annotations

from sqlalchemy import func, select

from app.services.picking import Picking
from local_db.database import Database
from local_db.models import OutboxEntry
from tests.fakes import FrozenClock
from tests.unit.services.test_input_boundaries import PICKER, T, seed_store
from ui.handheld.feedback import ScanFeedback
from ui.handheld.pick_page import PickPage


def _queued(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_a_typed_code_too_long_or_with_a_control_character_is_told_in_words(
    qtbot, db: Database, clock: FrozenClock
) -> None:
    seed_store(db)
    picking = Picking(db, clock)
    page = PickPage(picking, ScanFeedback(), key_clock=lambda: 0.0)
    qtbot.addWidget(page)
    task = picking.task(T)
    assert task is not None
    page.open_task(PICKER, task)
    for typed, words in (
        ("6" * 65, "The scanned code is too long (at most 64 characters)."),
        ("690\x1b123", "The scanned code contains a character that cannot be sent."),
    ):
        page.code_field.setText(typed)
        page.check_button.click()
        assert page.message_strip.text() == words
        assert not page.message_strip.isHidden()
    assert _queued(db) == 0
    line = next(ln for ln in picking.task(T).lines if ln.line_id == "l-1")  # type: ignore[union-attr]
    assert line.picked_quantity == 0
