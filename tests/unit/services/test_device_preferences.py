"""Device preferences: kept across restarts, with who changed them, defaults when unset."""

from __future__ import annotations

from pathlib import Path

from app.services.device_preferences import DevicePreferences
from local_db.database import Database
from local_db.models import DevicePreference
from tests.fakes import FrozenClock


def test_a_value_set_survives_a_restart_and_records_who_set_it(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = tmp_path / "device.db"
    first = Database(path)
    try:
        DevicePreferences(first, clock).set("alarm.volume", 0.4, staff_id="s-m")
    finally:
        first.close()

    again = Database(path)
    try:
        preferences = DevicePreferences(again, clock)
        assert preferences.get("alarm.volume", 1.0) == 0.4
        assert preferences.get("alarm.muted_until", None) is None
        with again.read() as session:
            row = session.get(DevicePreference, "alarm.volume")
            assert row is not None
            assert (row.updated_by, row.updated_at) == ("s-m", clock())
    finally:
        again.close()


def test_a_later_value_replaces_the_earlier_and_prefixes_select_a_family(
    db: Database, clock: FrozenClock
) -> None:
    preferences = DevicePreferences(db, clock)
    preferences.set("auto_accept.meituan", True)
    preferences.set("auto_accept.eleme", True)
    preferences.set("auto_accept.eleme", False)
    preferences.set("auto_acceptor", ["not", "in", "the", "family"])

    assert preferences.get_prefix("auto_accept.") == {
        "auto_accept.meituan": True,
        "auto_accept.eleme": False,
    }
