"""The audit head endpoints over real HTTP: a head alone, a head with commands, the alarms."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import httpx

from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from sync.protocol import AuditAlarm, AuditHead, CommandResults


def _head(seq: int, digit: str) -> dict[str, object]:
    return {"seq": seq, "hash": digit * 64}


def test_a_head_alone_is_acknowledged_and_a_shorter_one_is_an_alarm(
    client: httpx.Client, auth: dict[str, str]
) -> None:
    first = client.post("/v1/audit/head", json=_head(12, "a"), headers=auth)
    shorter = client.post("/v1/audit/head", json=_head(9, "b"), headers=auth)
    alarms = client.get("/v1/audit/alarms", headers=auth)

    assert AuditHead.model_validate(first.json()) == AuditHead(seq=12, hash="a" * 64)
    assert AuditHead.model_validate(shorter.json()) == AuditHead(seq=12, hash="a" * 64)
    (alarm,) = [AuditAlarm.model_validate(item) for item in alarms.json()]
    assert (alarm.kind, alarm.reported.seq, alarm.known.seq) == ("truncated", 9, 12)
    assert alarm.device_name == "counter"


def test_a_batch_with_a_rewritten_head_is_still_applied(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    client.post("/v1/audit/head", json=_head(5, "c"), headers=auth).raise_for_status()
    order = embedded.demo.place_order(Channel.ELEME)
    command = {
        "type": "accept_order",
        "command_id": str(uuid.uuid4()),
        "staff_id": "staff-wangfang",
        "issued_at": datetime.now(UTC).isoformat(),
        "order_id": order.order_id,
    }

    response = client.post(
        "/v1/commands", json={"commands": [command], "audit_head": _head(5, "d")}, headers=auth
    )

    answers = CommandResults.model_validate(response.json())
    assert [r.outcome for r in answers.results] == ["applied"]
    assert answers.audit_head == AuditHead(seq=5, hash="c" * 64)
    assert [a.kind for a in embedded.demo.audit_alarms()] == ["rewritten"]


def _checked(seq: int, digit: str, anchor_seq: int, anchor_digit: str | None) -> dict[str, object]:
    """A head as a device sends it: with its trail's hash at the anchor (None: entry gone)."""
    anchor_hash = None if anchor_digit is None else anchor_digit * 64
    return {**_head(seq, digit), "anchor": {"seq": anchor_seq, "hash": anchor_hash}}


def test_a_higher_head_counts_only_when_the_trail_still_holds_the_acknowledged_one(
    client: httpx.Client, auth: dict[str, str], embedded: EmbeddedHub
) -> None:
    client.post("/v1/audit/head", json=_head(10, "a"), headers=auth).raise_for_status()
    grown = client.post("/v1/audit/head", json=_checked(12, "b", 10, "a"), headers=auth)
    # Entry 12 deleted and 12', 13 written: a higher head over a rewritten anchor entry.
    rewritten = client.post("/v1/audit/head", json=_checked(13, "d", 12, "c"), headers=auth)
    order = embedded.demo.place_order(Channel.ELEME)
    command = {
        "type": "accept_order",
        "command_id": str(uuid.uuid4()),
        "staff_id": "staff-wangfang",
        "issued_at": datetime.now(UTC).isoformat(),
        "order_id": order.order_id,
    }
    cut = client.post(
        "/v1/commands",
        json={"commands": [command], "audit_head": _checked(14, "e", 12, None)},
        headers=auth,
    )

    held = AuditHead(seq=12, hash="b" * 64)
    assert AuditHead.model_validate(grown.json()) == held
    assert AuditHead.model_validate(rewritten.json()) == held
    answers = CommandResults.model_validate(cut.json())
    assert [r.outcome for r in answers.results] == ["applied"]
    assert answers.audit_head == held
    assert [(a.kind, a.reported.seq, a.known.seq) for a in embedded.demo.audit_alarms()] == [
        ("rewritten", 13, 12),
        ("truncated", 14, 12),
    ]


def test_the_audit_endpoints_need_a_device_token(client: httpx.Client) -> None:
    assert client.get("/v1/audit/alarms").status_code == 401
    assert client.post("/v1/audit/head", json=_head(1, "e")).status_code == 401
