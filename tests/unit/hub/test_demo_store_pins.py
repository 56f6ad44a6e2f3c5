"""The demo hub's staff verifiers: Argon2id, and renewed when a database holds older ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from app.domain.staff_pin import ALGORITHM, HUB_PARAMS
from hub.composition import Hub, compose_hub
from hub.world.demo_store import DEMO_STORE_ID


def test_demo_staff_get_argon2id_at_the_hubs_cost(hub: Hub) -> None:
    for member in hub.admin.staff(hub.world.demo_store_id):
        assert member.pin.algorithm == ALGORITHM
        assert (member.pin.time_cost, member.pin.memory_kib) == (
            HUB_PARAMS.time_cost,
            HUB_PARAMS.memory_kib,
        )


def test_a_database_with_scrypt_verifiers_resends_the_staff_renewed(
    hub: Hub, tmp_path: Path
) -> None:
    hub.close()
    old = '{"algorithm": "scrypt", "salt_hex": "00", "hash_hex": "00"}'
    with sqlite3.connect(tmp_path / "hub.db") as connection:
        connection.execute("UPDATE staff SET pin = ?", (old,))
    reopened = compose_hub(tmp_path / "hub.db", seed=hub.seed, clock=hub.clock)
    try:
        staff = reopened.admin.staff(reopened.world.demo_store_id)
        assert {member.pin.algorithm for member in staff} == {ALGORITHM}
        assert {member.version for member in staff} == {2}
        page = reopened.devices.read_feed(DEMO_STORE_ID, None, limit=500)
        resent = [r for r in page.records if r["kind"] == "staff" and r["version"] == 2]
        assert len(resent) == len(staff)
    finally:
        reopened.close()
