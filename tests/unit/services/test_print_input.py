"""Printing refuses a reprint reason or a bag count the trail and the labels cannot take."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup
from app.services.bag_labels import BagLabels
from app.services.device_preferences import DevicePreferences
from app.services.print_journal import PrintJournal, PrintRefused
from app.services.print_settings import PrintSettings
from local_db.database import Database
from tests.fakes import FrozenClock
from tests.unit.services.test_input_boundaries import MANAGER, TWO_MB, everything, seed_store


@pytest.fixture
def journal(db: Database, clock: FrozenClock, tmp_path: Path) -> PrintJournal:
    seed_store(db)
    settings = PrintSettings(DevicePreferences(db, clock), clock)
    pdf = PrinterConfig(
        printer_id="pdf", name="PDF", kind=PrinterKind.PDF, folder=str(tmp_path / "pdf")
    )
    settings.save(PrintSetup(printers=(pdf,), counter_printer_id="pdf"))
    service = PrintJournal(db, clock, settings)
    service.print_receipt(MANAGER.staff_id, "o-ready")
    return service


@pytest.mark.parametrize(
    ("reason", "code"),
    [
        ("x" * 201, "reason_too_long"),
        (TWO_MB, "reason_too_long"),
        ("卡纸\x1b", "reason_control_character"),
        ("\ud800", "reason_broken_character"),
        (7, "reason_wrong_type"),
        ("   ", "reason_required"),
    ],
)
def test_a_reprint_reason_beyond_the_trail_is_refused(
    journal: PrintJournal, db: Database, reason: object, code: str
) -> None:
    [ticket] = journal.order_tickets("o-ready")
    before = everything(db)
    with pytest.raises(PrintRefused) as refused:
        journal.reprint(MANAGER, ticket.ticket_id, reason)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert everything(db) == before


@pytest.mark.parametrize("ticket_id", [None, "1", 1.0])
def test_a_ticket_named_by_no_number_is_unknown(journal: PrintJournal, ticket_id: object) -> None:
    with pytest.raises(PrintRefused) as refused:
        journal.reprint(MANAGER, ticket_id, "卡纸")  # type: ignore[arg-type]
    assert refused.value.code == "unknown_ticket"


@pytest.mark.parametrize(
    ("order_id", "bags", "code"),
    [
        ("o-ready", "2", "bad_bag_count"),
        ("o-ready", 2.0, "bad_bag_count"),
        ("o-ready", True, "bad_bag_count"),
        ("o-ready", 21, "bad_bag_count"),
        (None, 2, "unknown_order"),
        ("o\x00", 2, "unknown_order"),
    ],
)
def test_labels_for_no_bag_count_or_no_order_are_refused(
    journal: PrintJournal,
    db: Database,
    clock: FrozenClock,
    order_id: object,
    bags: object,
    code: str,
) -> None:
    labels = BagLabels(db, clock, journal.settings, journal)
    before = everything(db)
    with pytest.raises(PrintRefused) as refused:
        labels.print_labels(MANAGER.staff_id, order_id, bags)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert everything(db) == before
    assert labels.print_labels(MANAGER.staff_id, "o-ready", 2).queued
