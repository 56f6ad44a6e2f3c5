"""A second picker for the demo store, for the manager's floor tests and screenshots."""

from __future__ import annotations

from app.domain.vocabulary import RecordKind, Role
from app.read_models import SignedInStaff
from hub.devices.staff_records import staff_data
from hub.embedded import EmbeddedHub
from hub.publishing import feed
from hub.storage.tables import StaffRow
from hub.world.demo_store import DEMO_STORE_ID

ZHAO = SignedInStaff("staff-zhaomin", "赵敏 Zhao Min", frozenset({Role.PICKER}))
"""A second picker (the demo store has one picker only)."""
# The demo store's people as signed in: sign-in itself is tested elsewhere; here only who acts
# with which roles matters, and the hub checks the same staff ids again.
LI = SignedInStaff("staff-liqiang", "李强 Li Qiang", frozenset({Role.PICKER}))
CASHIER = SignedInStaff("staff-wangfang", "王芳 Wang Fang", frozenset({Role.CASHIER}))
MANAGER = SignedInStaff("staff-chenjing", "陈静 Chen Jing", frozenset({Role.MANAGER, Role.CASHIER}))


def hire_picker(hub: EmbeddedHub, member: SignedInStaff, *, on_duty: bool = True) -> None:
    """Add a picker to the demo store, published to the feed like any staff change.

    The reference hub has no staff administration; this writes the staff row as the demo
    seed does (Li Qiang's PIN verifier reused: nobody signs in as this picker).
    """
    with hub.hub.state.writing() as session:
        model = session.get(StaffRow, "staff-liqiang")
        if model is None:
            raise LookupError("the demo store has no Li Qiang to copy")
        row = StaffRow(
            staff_id=member.staff_id,
            store_id=DEMO_STORE_ID,
            name=member.name,
            roles=[Role.PICKER.value],
            pin=dict(model.pin),
            active=True,
            clocked_in=on_duty,
            zones=[],
            version=1,
        )
        session.add(row)
        session.flush()
        data = staff_data(row).model_dump(mode="json")
        feed.publish(session, DEMO_STORE_ID, RecordKind.STAFF, row.staff_id, version=1, data=data)
