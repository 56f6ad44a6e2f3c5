"""The decision dialog says in words why a note cannot go, and queues nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from app.services.shortage_decisions import ShortageDecisions
from local_db.database import Database
from local_db.models import OutboxEntry
from tests.fakes import FrozenClock
from tests.unit.services.test_input_boundaries import MANAGER, seed_store
from ui.manager.shortage_decision_dialog import ShortageDecisionDialog


def _queued(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxEntry)) or 0)


def test_a_note_with_a_control_character_is_refused_in_words(
    qtbot, db: Database, clock: FrozenClock
) -> None:
    seed_store(db)
    service = ShortageDecisions(db, clock)
    [item] = service.queue()
    dialog = ShortageDecisionDialog(service, MANAGER, item)
    qtbot.addWidget(dialog)
    dialog.decision_buttons["found"].setChecked(True)
    assert dialog.note_box.maxLength() == 200
    dialog.note_box.setText("马上\x07到")
    dialog.confirm_button.click()
    assert dialog.error_label.text() == "The note contains a character that cannot be sent."
    assert not dialog.error_label.isHidden()
    assert _queued(db) == 0
    dialog.note_box.setText("马上到")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.confirm_button.click()
    assert _queued(db) == 1
