"""Cached orders: whole-order replacement, inbox listings with the pending flag, counts."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

from local_db import order_repository as orders
from local_db import outbox_repository as outbox
from local_db.database import Database
from sync.protocol import OrderData
from sync.record_mapping import order_rows
from tests.factories import BASE_TIME, order_data


def _store(db: Database, *datas: dict[str, Any]) -> None:
    rows: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for data in datas:
        row, order_lines = order_rows(OrderData.model_validate(data))
        rows.append(row)
        lines.extend(order_lines)
    with db.write() as session:
        orders.replace_orders(session, rows, lines)


def _queue(db: Database, order_id: str, *, entity_kind: str = "order") -> int:
    with db.write() as session:
        return outbox.add_command(
            session,
            command_id=f"c-{entity_kind}-{order_id}",
            command_type="accept_order",
            entity_kind=entity_kind,
            entity_id=order_id,
            staff_id="s-1",
            payload={},
            created_at=BASE_TIME,
        )


def _get(db: Database, order_id: str) -> orders.OrderSnapshot | None:
    with db.read() as session:
        return orders.get_order(session, order_id)


def _list(db: Database, statuses: list[str], **kwargs: Any) -> list[orders.OrderSnapshot]:
    with db.read() as session:
        return orders.list_orders(session, statuses, **kwargs)


def test_stored_order_comes_back_with_its_lines_in_order(db: Database):
    data = order_data("o-1", lines=3, note="不要香菜")
    _store(db, data)
    snapshot = _get(db, "o-1")
    assert snapshot is not None
    assert snapshot.note == "不要香菜"
    assert snapshot.total_cents == data["total_cents"]
    assert snapshot.placed_at == BASE_TIME
    assert [line.line_id for line in snapshot.lines] == [ln["line_id"] for ln in data["lines"]]
    assert snapshot.item_count == sum(ln["quantity"] for ln in data["lines"])
    assert not snapshot.has_pending


def test_unknown_order_is_none(db: Database):
    assert _get(db, "nope") is None


def test_replace_orders_replaces_the_lines_instead_of_adding_to_them(db: Database):
    _store(db, order_data("o-1", lines=3, version=1))
    newer = order_data("o-1", lines=1, version=2)
    newer["lines"][0]["name"] = "换了的商品"
    _store(db, newer)
    snapshot = _get(db, "o-1")
    assert snapshot is not None
    assert snapshot.version == 2
    assert [(line.line_id, line.name) for line in snapshot.lines] == [("o-1-l0", "换了的商品")]
    assert snapshot.item_count == newer["lines"][0]["quantity"]


def test_replace_orders_leaves_other_orders_alone(db: Database):
    _store(db, order_data("o-1", lines=2), order_data("o-2", lines=3))
    _store(db, order_data("o-1", lines=1, version=2))
    other = _get(db, "o-2")
    assert other is not None
    assert len(other.lines) == 3


def test_replace_orders_clears_held_hub_state(db: Database):
    _store(db, order_data("o-1", version=1))
    with db.write() as session:
        orders.hold_hub_data(session, "o-1", {"version": 2, "status": "cancelled"})
    with db.read() as session:
        assert orders.stored_versions(session, ["o-1"])["o-1"].held_version == 2
    _store(db, order_data("o-1", version=3))
    with db.read() as session:
        assert orders.held_hub_data(session, "o-1") is None
        assert orders.stored_versions(session, ["o-1", "o-9"]) == {
            "o-1": orders.StoredVersion(3, None)
        }


def test_update_order_changes_only_what_it_is_given(db: Database):
    _store(db, order_data("o-1", version=4))
    accepted_at = BASE_TIME + timedelta(minutes=1)
    with db.write() as session:
        orders.update_order(session, "o-1", status="accepted", accepted_at=accepted_at)
    snapshot = _get(db, "o-1")
    assert snapshot is not None
    assert (snapshot.status, snapshot.accepted_at, snapshot.version) == (
        "accepted",
        accepted_at,
        4,
    )
    assert len(snapshot.lines) == 2


def test_list_orders_flags_orders_with_pending_commands(db: Database):
    _store(db, order_data("o-1"), order_data("o-2"), order_data("o-3"), order_data("o-4"))
    _queue(db, "o-1")
    _queue(db, "o-2", entity_kind="task")  # same id, other kind: not this order's action
    answered = _queue(db, "o-3")
    with db.write() as session:
        outbox.complete(session, answered, state=outbox.DONE, at=BASE_TIME)
    flags = {s.order_id: s.has_pending for s in _list(db, ["new"])}
    assert flags == {"o-1": True, "o-2": False, "o-3": False, "o-4": False}
    detail_flags = {oid: snapshot.has_pending for oid in flags if (snapshot := _get(db, oid))}
    assert detail_flags == flags


def test_list_orders_filters_statuses_and_counts_items(db: Database):
    _store(
        db,
        order_data("o-new", status="new", lines=3),
        order_data("o-ready", status="ready"),
        order_data("o-done", status="completed"),
    )
    listed = _list(db, ["new", "ready"])
    assert {s.order_id for s in listed} == {"o-new", "o-ready"}
    by_id = {s.order_id: s for s in listed}
    assert by_id["o-new"].item_count == sum(
        ln["quantity"] for ln in order_data("o-new", lines=3)["lines"]
    )
    assert by_id["o-new"].lines == ()


def test_list_orders_sorts_by_placement_and_honours_the_limit(db: Database):
    placed = {f"o-{n}": BASE_TIME + timedelta(minutes=(n * 7) % 5) for n in range(5)}
    _store(db, *(order_data(oid, placed_at=at) for oid, at in placed.items()))
    oldest_first = sorted(placed, key=placed.__getitem__)
    assert [s.order_id for s in _list(db, ["new"])] == oldest_first
    newest = [s.order_id for s in _list(db, ["new"], newest_first=True)]
    assert newest == oldest_first[::-1]
    assert [s.order_id for s in _list(db, ["new"], limit=2)] == oldest_first[:2]


def test_list_orders_keeps_side_flows_of_the_asked_resume_statuses(db: Database):
    _store(
        db,
        order_data("o-ready", status="ready"),
        order_data("o-cr-ready", status="cancel_requested", resume_status="ready"),
        order_data("o-cr-prep", status="cancel_requested", resume_status="preparing"),
        order_data("o-cr-none", status="cancel_requested"),
    )
    listed = _list(
        db,
        ["ready"],
        requests=["cancel_requested"],
        request_resumes=["ready"],
        request_default_resume="accepted",
    )
    assert {s.order_id for s in listed} == {"o-ready", "o-cr-ready"}
    defaulted = _list(
        db,
        [],
        requests=["cancel_requested"],
        request_resumes=["accepted"],
        request_default_resume="accepted",
    )
    assert {s.order_id for s in defaulted} == {"o-cr-none"}


def test_count_by_status_groups_by_status_and_resume_status(db: Database):
    datas = [
        order_data("a", status="new"),
        order_data("b", status="new"),
        order_data("c", status="ready"),
        order_data("d", status="cancel_requested", resume_status="ready"),
        order_data("e", status="cancel_requested", resume_status="accepted"),
        order_data("f", status="cancel_requested", resume_status="ready"),
    ]
    _store(db, *datas)
    with db.read() as session:
        counted = orders.count_by_status(session)
    expected = Counter((d["status"], d.get("resume_status")) for d in datas)
    assert {(status, resume): n for status, resume, n in counted} == dict(expected)
    assert len(counted) == len(expected)


def test_count_by_status_of_an_empty_cache_is_empty(db: Database):
    with db.read() as session:
        assert orders.count_by_status(session) == []
