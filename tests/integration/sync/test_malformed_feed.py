"""Bad feed records and unusable feed replies, pulled by the device's real FeedPuller over HTTP.

The device is enrolled with the reference hub (a real SQLite file, migrated by Alembic) and
wired as the app wires it, its hub address pointing at a scripted fake hub on 127.0.0.1
(tests/integration/sync/fake_feed_hub.py). Good records are the reference hub's own,
captured once over HTTP; each bad record is one of them spoiled in one way.

A bad record inside a page that parses is set aside in the quarantine with a reason naming
what is wrong, the rest of its page applies and the cursor moves past it. A reply that cannot
be read as a page at all is a protocol error: the cursor stays, the device backs off, the
sync health screen counts it and the status bar says "unreadable reply"; once the hub answers
well again the same page is asked for and applies. Nothing raises out of `pull()`, and
nothing is counted as an unforeseen failure (the puller logs and swallows those, so the
count is what shows a bug).
"""

from __future__ import annotations

import copy
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import pytest

from app.domain.clock import utc_now
from app.domain.sync_events import UNREADABLE_REPLY
from app.domain.vocabulary import OrderStatus, RecordKind
from app.domain.wire_limits import (
    CALL_MARGIN_S,
    LINES_MAX,
    LIST_MAX,
    RESPONSE_BODY_MAX_BYTES,
)
from hub.embedded import EmbeddedHub
from tests.fakes import FrozenClock, RecordingListener
from tests.integration.sync.fake_feed_hub import (
    Drip,
    FakeFeedHub,
    Reply,
    device_on_fake_hub,
    page_body,
    page_reply,
)
from tests.integration.sync.feed_station import (
    Cached,
    ReferenceFeed,
    Station,
    cached_of,
    capture_reference_feed,
)

pytestmark = pytest.mark.timeout(60)

ORDER: Final = RecordKind.ORDER
VICTIM: Final = 3
"""The reference order each bad order record is made of (never among the good ones)."""
STAFF_VICTIM: Final = 2
PRODUCT_VICTIM: Final = 5


@pytest.fixture(scope="module")
def reference_feed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReferenceFeed]:
    """One real page of the reference hub, captured once for the module."""
    with EmbeddedHub(
        tmp_path_factory.mktemp("reference") / "hub.db", simulate=False, seed=11
    ) as reference:
        yield capture_reference_feed(reference)


@pytest.fixture
def fake() -> Iterator[FakeFeedHub]:
    """The scripted hub the device pulls from."""
    with FakeFeedHub() as served:
        yield served


@pytest.fixture
def station(
    hub: EmbeddedHub, fake: FakeFeedHub, tmp_path: Path, listener: RecordingListener
) -> Iterator[Station]:
    """A fresh device enrolled with the reference hub, syncing with the fake one."""
    clock = FrozenClock(utc_now())
    built = device_on_fake_hub(hub, fake, tmp_path / "device", clock, listener)
    yield Station(built.device, fake, clock, built.access_token)
    built.device.stop()


def _first_page(feed: ReferenceFeed) -> list[dict[str, Any]]:
    """Good records for the page a bad one is put in: an order with its task, another order,
    a product, a staff member and the store's settings."""
    orders = feed.of_kind(ORDER)
    return [
        orders[0],
        feed.one(RecordKind.TASK),
        orders[1],
        feed.one(RecordKind.PRODUCT, 0),
        feed.one(RecordKind.STAFF, 0),
        feed.one(RecordKind.STORE_SETTINGS),
    ]


def _second_page(feed: ReferenceFeed) -> list[dict[str, Any]]:
    """Good records of the page after."""
    return [
        feed.one(ORDER, 2),
        feed.one(RecordKind.PRODUCT, 1),
        feed.one(RecordKind.STAFF, 1),
    ]


# --- bad records --------------------------------------------------------------------------

Build = Callable[[ReferenceFeed], Any]


def _set(record: Any, path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for part in parents:
        record = record[int(part)] if isinstance(record, list) else record[part]
    if isinstance(record, list):
        record[int(last)] = value
    else:
        record[last] = value


def _spoiled(
    path: str, value: Any, *, kind: RecordKind = ORDER, index: int = VICTIM, **also: Any
) -> Build:
    """A reference record with `path` (dotted, from the envelope) set to `value`, and the
    `also` paths (`data__note` for data.note) too."""

    def build(feed: ReferenceFeed) -> Any:
        record = feed.one(kind, index)
        _set(record, path, value)
        for other, other_value in also.items():
            _set(record, other.replace("__", "."), other_value)
        return record

    return build


def _without(path: str) -> Build:
    def build(feed: ReferenceFeed) -> Any:
        record = feed.one(ORDER, VICTIM)
        *parents, last = path.split(".")
        target = record
        for part in parents:
            target = target[part]
        del target[last]
        return record

    return build


def _as_is(value: Any) -> Build:
    return lambda _feed: copy.deepcopy(value)


def _too_many_lines(feed: ReferenceFeed) -> Any:
    record = feed.one(ORDER, VICTIM)
    line = record["data"]["lines"][0]
    record["data"]["lines"] = [
        {**line, "line_id": f"{line['line_id']}-{n}"} for n in range(LINES_MAX + 1)
    ]
    return record


def _too_many_reminders(feed: ReferenceFeed) -> Any:
    record = feed.one(ORDER, VICTIM)
    asked = record["data"]["placed_at"]
    record["data"]["reminders"] = [
        {"reminder_id": f"r-{n}", "asked_at": asked} for n in range(LIST_MAX + 1)
    ]
    return record


def _task_with_too_many_lines(feed: ReferenceFeed) -> Any:
    record = _task_copy("data.status", "queued")(feed)
    line = record["data"]["lines"][0]
    record["data"]["lines"] = [
        {**line, "line_id": f"{line['line_id']}-{n}"} for n in range(LINES_MAX + 1)
    ]
    return record


def _nested(depth: int) -> list[Any]:
    junk: list[Any] = []
    for _ in range(depth):
        junk = [junk]
    return junk


def _task_copy(path: str, value: Any) -> Build:
    """Another task than the good one (its own id), spoiled at `path`."""

    def build(feed: ReferenceFeed) -> Any:
        record = feed.one(RecordKind.TASK)
        record["id"] = record["data"]["task_id"] = "task-spoiled"
        _set(record, path, value)
        return record

    return build


def _victim_id(feed: ReferenceFeed) -> str:
    return str(feed.one(ORDER, VICTIM)["id"])


def _id_of(kind: RecordKind, index: int) -> Callable[[ReferenceFeed], str]:
    return lambda feed: str(feed.one(kind, index)["id"])


@dataclass(frozen=True)
class BadRecord:
    """A record that must be set aside: how to make it and what the quarantine must say."""

    build: Build
    words: tuple[str, ...]
    """Each must be in the reason (case aside): they name what is wrong."""
    kind: str = "order"
    entity: Callable[[ReferenceFeed], str] | str = field(default=_victim_id)

    def entity_of(self, feed: ReferenceFeed) -> str:
        return self.entity if isinstance(self.entity, str) else self.entity(feed)


BAD_RECORDS: Final = [
    pytest.param(
        BadRecord(_spoiled("data.customer.name", "陈\ud800"), ("customer.name", "unicode")),
        id="lone-surrogate-in-the-customer-name",
    ),
    pytest.param(
        BadRecord(
            _spoiled("id", "bad-\ud800", data__order_id="bad-\ud800"),
            ("order.id", "unicode"),
            entity="bad-\\ud800",
        ),
        id="lone-surrogate-in-the-record-id",
    ),
    pytest.param(
        BadRecord(_spoiled("data.note", "ring the bell\x00"), ("data.note", "pattern")),
        id="nul-character-in-the-order-note",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.name", "\x1b[2J\x1b[31m 麻辣烫"), ("lines.0.name", "pattern")
        ),
        id="esc-characters-in-a-line-name",
    ),
    pytest.param(
        BadRecord(
            _spoiled("id", "bad-\x00", data__order_id="bad-\x00"),
            ("order.id", "pattern"),
            entity="bad-\\x00",
        ),
        id="nul-character-in-the-record-id",
    ),
    pytest.param(
        BadRecord(_spoiled("data.customer.name", "名" * 81), ("customer.name", "at most 80")),
        id="customer-name-over-80-characters",
    ),
    pytest.param(
        BadRecord(_spoiled("data.note", "n" * 501), ("data.note", "at most 500")),
        id="order-note-over-500-characters",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.name", "x" * 121, kind=RecordKind.PRODUCT, index=PRODUCT_VICTIM),
            ("product.data.name", "at most 120"),
            kind="product",
            entity=_id_of(RecordKind.PRODUCT, PRODUCT_VICTIM),
        ),
        id="product-name-over-120-characters",
    ),
    pytest.param(
        BadRecord(_spoiled("kind", "coupon"), ("coupon", "does not match"), kind="coupon"),
        id="unknown-kind",
    ),
    pytest.param(
        BadRecord(_without("kind"), ("discriminator 'kind'",), kind="?"),
        id="kind-missing",
    ),
    pytest.param(
        BadRecord(_spoiled("kind", 7), ("'kind'",), kind="7"),
        id="kind-given-as-a-number",
    ),
    pytest.param(
        BadRecord(_as_is(None), ("must be an object, not null",), kind="?", entity="?"),
        id="null-as-a-record",
    ),
    pytest.param(
        BadRecord(_as_is(42), ("must be an object, not a number",), kind="?", entity="?"),
        id="the-number-42-as-a-record",
    ),
    pytest.param(
        BadRecord(_as_is(float("nan")), ("must be an object, not a number",), kind="?", entity="?"),
        id="nan-as-a-record",
    ),
    pytest.param(
        BadRecord(_as_is("order"), ("must be an object, not a text",), kind="?", entity="?"),
        id="a-string-as-a-record",
    ),
    pytest.param(
        BadRecord(
            _as_is([{"kind": "order"}]), ("must be an object, not a list",), kind="?", entity="?"
        ),
        id="a-list-as-a-record",
    ),
    pytest.param(
        BadRecord(
            _spoiled("id", "meituan-elsewhere"),
            ("record id 'meituan-elsewhere' but data id",),
            entity="meituan-elsewhere",
        ),
        id="record-id-is-not-its-data-id",
    ),
    pytest.param(
        BadRecord(_spoiled("id", "", data__order_id=""), ("order.id", "at least 1"), entity=""),
        id="empty-record-id",
    ),
    pytest.param(
        BadRecord(_without("data"), ("order.data", "field required")),
        id="data-missing",
    ),
    pytest.param(
        BadRecord(_spoiled("data", "see attachment"), ("order.data", "valid dictionary")),
        id="data-given-as-a-string",
    ),
    pytest.param(
        BadRecord(_spoiled("data", _nested(400)), ("order.data", "valid dictionary")),
        id="deeply-nested-junk-as-data",
    ),
    pytest.param(
        BadRecord(_without("data.customer"), ("data.customer", "field required")),
        id="customer-missing",
    ),
    pytest.param(
        BadRecord(_spoiled("version", "1"), ("order.version", "valid integer")),
        id="version-given-as-a-string",
    ),
    pytest.param(
        BadRecord(_spoiled("version", 1.0), ("order.version", "valid integer")),
        id="version-given-as-a-float",
    ),
    pytest.param(
        BadRecord(_spoiled("version", True), ("order.version", "valid integer")),
        id="version-given-as-a-boolean",
    ),
    pytest.param(
        BadRecord(
            _spoiled("version", 0, data__version=0), ("order.version", "greater than or equal")
        ),
        id="version-zero",
    ),
    pytest.param(
        BadRecord(
            _spoiled("version", -3, data__version=-3), ("order.version", "greater than or equal")
        ),
        id="negative-version",
    ),
    pytest.param(
        BadRecord(_spoiled("version", 5), ("record version 5 but data 1",)),
        id="record-and-data-versions-differ",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.quantity", -1), ("lines.0.quantity", "greater than or equal")
        ),
        id="negative-quantity",
    ),
    pytest.param(
        BadRecord(_spoiled("data.lines.0.quantity", 1.5), ("lines.0.quantity", "valid integer")),
        id="fractional-quantity",
    ),
    pytest.param(
        BadRecord(_spoiled("data.lines.0.quantity", True), ("lines.0.quantity", "valid integer")),
        id="quantity-given-as-a-boolean",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.quantity", 1000), ("lines.0.quantity", "less than or equal")
        ),
        id="quantity-over-999",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.quantity", float("inf")), ("lines.0.quantity", "valid integer")
        ),
        id="infinite-quantity",
    ),
    pytest.param(
        BadRecord(_spoiled("data.total_cents", 19725.5), ("data.total_cents", "valid integer")),
        id="amount-given-as-a-float",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.total_cents", 100_000_001), ("data.total_cents", "less than or equal")
        ),
        id="amount-over-one-million-yuan",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.discount_cents", -100), ("data.discount_cents", "greater than or equal")
        ),
        id="negative-discount",
    ),
    pytest.param(
        BadRecord(_too_many_lines, ("data.lines", "at most 200")),
        id="order-with-201-lines",
    ),
    pytest.param(
        BadRecord(_spoiled("data.lines", []), ("at least one of its lines",)),
        id="order-without-lines",
    ),
    pytest.param(
        BadRecord(_spoiled("data.placed_at", 1_795_000_000), ("placed_at", "not a number")),
        id="time-given-as-a-number",
    ),
    pytest.param(
        BadRecord(_spoiled("data.placed_at", "2026-11-22T11:00:00"), ("placed_at", "timezone")),
        id="naive-time-without-offset",
    ),
    pytest.param(
        BadRecord(_spoiled("data.placed_at", "yesterday"), ("placed_at", "valid datetime")),
        id="time-given-as-words",
    ),
    pytest.param(
        BadRecord(_spoiled("data.status", "teleported"), ("data.status", "'new'")),
        id="unknown-order-status",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.status", OrderStatus.EXCEPTION.value),
            ("exception order must say what the hub could not read",),
        ),
        id="exception-order-without-its-exception",
    ),
    pytest.param(
        BadRecord(_spoiled("data.channel", "tiktok"), ("data.channel", "'meituan'")),
        id="unknown-channel",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.roles", ["janitor"], kind=RecordKind.STAFF, index=STAFF_VICTIM),
            ("staff.data.roles.0", "'cashier'"),
            kind="staff",
            entity=_id_of(RecordKind.STAFF, STAFF_VICTIM),
        ),
        id="staff-member-with-an-unknown-role",
    ),
    pytest.param(
        BadRecord(
            _spoiled(
                "data.unit_price_cents", "2.00", kind=RecordKind.PRODUCT, index=PRODUCT_VICTIM
            ),
            ("product.data.unit_price_cents", "valid integer"),
            kind="product",
            entity=_id_of(RecordKind.PRODUCT, PRODUCT_VICTIM),
        ),
        id="product-price-given-as-text",
    ),
    pytest.param(
        BadRecord(
            _task_copy("data.status", "lost"),
            ("task.data.status", "'queued'"),
            kind="task",
            entity="task-spoiled",
        ),
        id="task-with-an-unknown-status",
    ),
    pytest.param(
        BadRecord(
            _spoiled("version", 10**30, data__version=10**30),
            ("order.version", "too large"),
        ),
        id="huge-integer-as-version",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.location.aisle", 10**19),
            ("lines.0.location.aisle", "too large"),
        ),
        id="huge-integer-as-a-shelf-aisle",
    ),
    pytest.param(
        BadRecord(_spoiled("data.daily_serial", 10**20), ("data.daily_serial", "too large")),
        id="huge-integer-as-the-daily-serial",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.lines.0.location.position", -(10**19)),
            ("lines.0.location.position", "too large"),
        ),
        id="huge-negative-integer-as-a-shelf-position",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.placed_at", "9999-12-31T23:59:59-05:00"),
            ("data.placed_at", "out of range"),
        ),
        id="time-past-the-last-utc-year",
    ),
    pytest.param(
        BadRecord(
            _spoiled("data.accept_by", "0001-01-01T00:00:00+05:00"),
            ("data.accept_by", "out of range"),
        ),
        id="time-before-the-first-utc-year",
    ),
    pytest.param(
        BadRecord(_too_many_reminders, ("data.reminders", "at most 500")),
        id="order-with-501-reminders",
    ),
    pytest.param(
        BadRecord(
            _task_with_too_many_lines,
            ("task.data.lines", "at most 200"),
            kind="task",
            entity="task-spoiled",
        ),
        id="task-with-201-lines",
    ),
]


def _reason_has(reason: str, words: tuple[str, ...]) -> bool:
    return all(word.lower() in reason.lower() for word in words)


@pytest.mark.parametrize("bad", BAD_RECORDS)
def test_bad_record_is_set_aside_and_the_rest_of_its_page_applies(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed, bad: BadRecord
) -> None:
    good = _first_page(reference_feed)
    page = [*good[:2], bad.build(reference_feed), *good[2:]]
    later = _second_page(reference_feed)
    fake.script(page_reply(page, "c-1"), page_reply(later, "c-2"))

    assert station.pull() is False

    assert station.cached() == cached_of(good)
    [kept] = station.quarantined
    assert (kept.kind, kept.entity_id) == (bad.kind, bad.entity_of(reference_feed))
    assert _reason_has(kept.reason, bad.words), kept.reason
    assert station.cursor == "c-1"
    assert station.status.online
    assert station.status.quarantined_count == 1
    assert (station.protocol_errors, station.unexpected_errors) == (0, 0)
    accepted = station.device.order_queries.detail(good[0]["id"])
    assert accepted is not None
    assert accepted.status is OrderStatus.ACCEPTED

    assert station.pull() is False

    assert station.cached() == cached_of(good + later)
    assert len(station.quarantined) == 1
    assert station.cursor == "c-2"
    assert station.afters() == [None, "c-1"]
    assert (station.protocol_errors, station.unexpected_errors) == (0, 0)
    station.assert_answered_with_token()


def test_the_same_record_twice_in_a_page_applies_once_and_sets_nothing_aside(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed
) -> None:
    good = _first_page(reference_feed)
    fake.script(page_reply([*good, copy.deepcopy(good[2])], "c-1"))

    assert station.pull() is False

    assert station.cached() == cached_of(good)
    assert station.quarantined == ()
    assert station.cursor == "c-1"
    assert station.unexpected_errors == 0


def test_an_older_version_after_the_newer_in_a_page_does_not_win(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed
) -> None:
    good = _first_page(reference_feed)
    older = copy.deepcopy(good[0])
    older["version"] = older["data"]["version"] = 1
    older["data"]["status"] = OrderStatus.NEW.value
    fake.script(page_reply([*good, older], "c-1"))

    assert station.pull() is False

    shown = station.device.order_queries.detail(good[0]["id"])
    assert shown is not None
    assert (shown.status, shown.version) == (OrderStatus.ACCEPTED, 2)
    assert station.quarantined == ()
    assert station.unexpected_errors == 0


def test_two_different_bodies_of_one_version_in_a_page_keep_the_first_unflagged(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed
) -> None:
    """What the device does today with a hub contradicting itself: the first body is shown
    and nothing is set aside, so no manager hears of it. Pinned so that a change is a choice;
    whether the second body should go to the quarantine is an open question."""
    good = _first_page(reference_feed)
    twin = copy.deepcopy(good[2])
    twin["data"]["note"] = "a second body at the same version"
    fake.script(page_reply([*good, twin], "c-1"))

    assert station.pull() is False

    shown = station.device.order_queries.detail(good[2]["id"])
    assert shown is not None
    assert shown.note == good[2]["data"]["note"]
    assert station.quarantined == ()


def test_totals_that_do_not_add_up_are_shown_as_the_hub_sent_them(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed
) -> None:
    """The device does not check an order's sums: the hub does (a channel's order whose
    totals do not add up becomes an exception order there, decision 029)."""
    odd = reference_feed.one(ORDER, VICTIM)
    data = odd["data"]
    data["total_cents"] = data["subtotal_cents"] - data["discount_cents"] + 1
    assert data["total_cents"] != (
        data["subtotal_cents"] - data["discount_cents"] + data["delivery_fee_cents"]
    )
    fake.script(page_reply([odd], "c-1"))

    assert station.pull() is False

    shown = station.device.order_queries.detail(odd["id"])
    assert shown is not None
    assert shown.total_cents == data["total_cents"]
    assert station.quarantined == ()


# --- unusable replies ---------------------------------------------------------------------


@dataclass(frozen=True)
class BadReply:
    """A reply that is no feed page: how to make it and what the kept error must say."""

    build: Callable[[list[dict[str, Any]]], Reply]
    words: tuple[str, ...]


def _page_with(**changes: Any) -> Callable[[list[dict[str, Any]]], Reply]:
    """A page of the good records with top-level members changed (`...` removes one)."""

    def build(records: list[dict[str, Any]]) -> Reply:
        page: dict[str, Any] = {"records": records, "cursor": "c-9", "has_more": False}
        for name, value in changes.items():
            if value is ...:
                del page[name]
            else:
                page[name] = value
        return Reply(body=json.dumps(page, ensure_ascii=False).encode())

    return build


def _body(body: bytes, *headers: tuple[str, str]) -> Callable[[list[dict[str, Any]]], Reply]:
    return lambda _records: Reply(body=body, headers=headers or (("Content-Type", "text/plain"),))


def _truncated(records: list[dict[str, Any]]) -> Reply:
    whole = page_body(records, "c-9")
    return Reply(body=whole[: len(whole) // 2])


def _gzip_header_plain_body(records: list[dict[str, Any]]) -> Reply:
    headers = (("Content-Type", "application/json"), ("Content-Encoding", "gzip"))
    return Reply(body=page_body(records, "c-9"), headers=headers)


def _utf16(records: list[dict[str, Any]]) -> Reply:
    text = json.dumps({"records": records, "cursor": "c-9", "has_more": False})
    return Reply(body=text.encode("utf-16"))


def _bom(records: list[dict[str, Any]]) -> Reply:
    return Reply(body=b"\xef\xbb\xbf" + page_body(records, "c-9"))


CAPTIVE_PORTAL: Final = (
    b"<!DOCTYPE html><html><head><title>Hotel Wi-Fi</title></head>"
    b"<body><h1>Welcome</h1><p>Please sign in to continue.</p></body></html>"
)


BAD_REPLIES: Final = [
    pytest.param(
        BadReply(_body(b'{"records": [], "cursor": "c-\xff\xfe", "has_more": false}'), ("UTF-8",)),
        id="body-not-utf8",
    ),
    pytest.param(BadReply(_utf16, ("UTF-8",)), id="body-in-utf16"),
    pytest.param(BadReply(_body(b"records=none&cursor=c-9"), ("no JSON",)), id="body-not-json"),
    pytest.param(
        BadReply(_body(CAPTIVE_PORTAL, ("Content-Type", "text/html")), ("no JSON",)),
        id="captive-portal-html-page-with-200",
    ),
    pytest.param(BadReply(_body(b""), ("no JSON",)), id="empty-body-with-200"),
    pytest.param(BadReply(_truncated, ("no JSON",)), id="truncated-json"),
    pytest.param(BadReply(_bom, ("no JSON",)), id="byte-order-mark-before-the-json"),
    pytest.param(
        BadReply(_body(b"[" * 100_000 + b"]" * 100_000), ("no JSON",)),
        id="json-nested-deeper-than-any-parser-goes",
    ),
    pytest.param(
        BadReply(_gzip_header_plain_body, ("cannot be decoded",)),
        id="gzip-content-encoding-with-a-plain-body",
    ),
    pytest.param(BadReply(_body(b"[]"), ("RawFeedPage",)), id="json-that-is-a-list"),
    pytest.param(BadReply(_body(b"42"), ("RawFeedPage",)), id="json-that-is-a-number"),
    pytest.param(BadReply(_body(b'"ok"'), ("RawFeedPage",)), id="json-that-is-a-string"),
    pytest.param(BadReply(_body(b"null"), ("RawFeedPage",)), id="json-that-is-null"),
    pytest.param(
        BadReply(_page_with(records=...), ("records", "field required")), id="records-missing"
    ),
    pytest.param(
        BadReply(_page_with(records={"0": {}}), ("records", "valid list")),
        id="records-an-object-not-a-list",
    ),
    pytest.param(BadReply(_page_with(records=None), ("records", "valid list")), id="records-null"),
    pytest.param(
        BadReply(_page_with(records="[]"), ("records", "valid list")), id="records-a-string"
    ),
    pytest.param(
        BadReply(_page_with(cursor=...), ("cursor", "field required")), id="cursor-missing"
    ),
    pytest.param(BadReply(_page_with(cursor=77), ("cursor", "valid string")), id="cursor-a-number"),
    pytest.param(BadReply(_page_with(cursor=None), ("cursor", "valid string")), id="cursor-null"),
    pytest.param(
        BadReply(_page_with(cursor=["c-9"]), ("cursor", "valid string")), id="cursor-a-list"
    ),
    pytest.param(
        BadReply(_page_with(cursor="c" * 201), ("cursor", "at most 200")),
        id="cursor-over-200-characters",
    ),
    pytest.param(
        BadReply(_page_with(cursor="c-\x00"), ("cursor", "pattern")),
        id="cursor-with-a-nul-character",
    ),
    pytest.param(
        BadReply(_page_with(has_more=...), ("has_more", "field required")),
        id="has-more-missing",
    ),
    pytest.param(
        BadReply(_page_with(has_more="no"), ("has_more", "valid boolean")),
        id="has-more-given-as-text",
    ),
]


@pytest.mark.parametrize("bad", BAD_REPLIES)
def test_unusable_reply_is_a_protocol_error_and_the_same_page_is_asked_again(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed, bad: BadReply
) -> None:
    first = _first_page(reference_feed)
    later = _second_page(reference_feed)
    fake.script(page_reply(first, "c-1"), bad.build(later), page_reply(later, "c-2"))
    assert station.pull() is False
    assert station.cursor == "c-1"

    _assert_refused_as_unreadable(station, cached_of(first), bad.words)

    _assert_next_good_page_applies(station, cached_of(first + later))
    assert station.afters() == [None, "c-1", "c-1"]
    station.assert_answered_with_token()


def _assert_refused_as_unreadable(station: Station, before: Cached, words: tuple[str, ...]) -> None:
    """The next pull gets an unusable reply: nothing applies and it is told as unreadable."""
    assert station.pull() is False

    assert station.cursor == "c-1"
    assert station.cached() == before
    assert station.quarantined == ()
    assert station.protocol_errors == 1
    assert _reason_has(station.last_protocol_error, words), station.last_protocol_error
    status = station.status
    assert not status.online
    assert status.unreadable_reply
    assert status.last_error.startswith(UNREADABLE_REPLY)
    assert station.unexpected_errors == 0


def _assert_next_good_page_applies(station: Station, expected: Cached) -> None:
    """Within its back-off the device does not ask again; after it, the good page applies."""
    asked = len(station.fake.feed_requests)
    assert station.pull() is False
    assert len(station.fake.feed_requests) == asked

    station.let_backoff_pass()
    assert station.pull() is False

    assert station.cached() == expected
    assert station.cursor == "c-2"
    status = station.status
    assert status.online
    assert not status.unreadable_reply
    assert status.last_error == ""
    assert station.unexpected_errors == 0


# --- replies too slow or too big ----------------------------------------------------------

DEADLINE_BOUND_S: Final = CALL_MARGIN_S + 2.0
"""The pull must be over by then: the call's deadline (no long-poll hold) and some slack."""
OVER_THE_CAP: Final = 9 * 1024 * 1024


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "drip",
    [
        pytest.param(Drip(size=1, every_s=0.5), id="body-drips-a-byte-every-half-second"),
        pytest.param(
            Drip(size=1, every_s=0.5, from_status_line=True),
            id="status-line-and-headers-drip-a-byte-every-half-second",
        ),
    ],
)
def test_a_dripping_reply_ends_by_the_calls_deadline(
    station: Station, fake: FakeFeedHub, reference_feed: ReferenceFeed, drip: Drip
) -> None:
    first = _first_page(reference_feed)
    later = _second_page(reference_feed)
    slow = Reply(body=page_body(later, "c-2"), drip=drip)
    fake.script(page_reply(first, "c-1"), slow, page_reply(later, "c-2"))
    assert station.pull() is False

    started = time.monotonic()
    assert station.pull() is False
    elapsed = time.monotonic() - started

    assert float(fake.feed_requests[1].query["wait"]) == 0  # no long-poll hold: 10 s in all
    assert elapsed < DEADLINE_BOUND_S
    assert station.cursor == "c-1"
    assert station.cached() == cached_of(first)
    status = station.status
    assert not status.online
    assert status.last_error == f"no whole answer within {CALL_MARGIN_S:g} s"
    assert station.protocol_errors == 0  # a timeout, not a reply read and found wrong
    assert station.unexpected_errors == 0

    _assert_next_good_page_applies(station, cached_of(first + later))
    assert station.afters() == [None, "c-1", "c-1"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("reply", "words"),
    [
        pytest.param(
            Reply(body=b" " * OVER_THE_CAP, hold_after=0),
            (f"{OVER_THE_CAP} bytes, over the cap",),
            id="nine-megabytes-declared-in-the-content-length",
        ),
        pytest.param(
            Reply(
                body=b" " * OVER_THE_CAP, chunked=True, hold_after=RESPONSE_BODY_MAX_BYTES + 2**19
            ),
            ("more than the cap's bytes",),
            id="nine-megabytes-streamed-without-a-length",
        ),
    ],
)
def test_a_reply_over_the_size_cap_is_refused_before_it_is_all_read(
    station: Station,
    fake: FakeFeedHub,
    reference_feed: ReferenceFeed,
    reply: Reply,
    words: tuple[str, ...],
) -> None:
    first = _first_page(reference_feed)
    later = _second_page(reference_feed)
    fake.script(page_reply(first, "c-1"), reply, page_reply(later, "c-2"))
    assert station.pull() is False

    _assert_refused_as_unreadable(station, cached_of(first), words)
    # The fake still holds the rest back: the device refused without waiting for it.
    oversized = station.fake.feed_requests[1]
    assert reply.hold_after is not None
    assert oversized.body_bytes_sent <= reply.hold_after < OVER_THE_CAP

    _assert_next_good_page_applies(station, cached_of(first + later))
    assert station.afters() == [None, "c-1", "c-1"]
