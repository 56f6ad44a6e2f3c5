"""Each channel's privacy number reaches the unified order in full, with its masked form."""

from __future__ import annotations

import json
import random
import re
from datetime import UTC, datetime

import pytest

from app.domain.vocabulary import Channel
from hub.catalogue import CATALOGUE
from hub.channels import ADAPTERS, IntakeContext
from hub.channels.order_draft import draft_order

NOW = datetime(2026, 11, 22, 4, 3, tzinfo=UTC)
_CONTEXT = IntakeContext(
    store_id="store-demo01",
    store_code="DEMO01",
    received_at=NOW,
    next_daily_serial=7,
    catalogue=CATALOGUE,
)


def _payload(channel: Channel, seed: int) -> tuple[str, dict[str, object]]:
    rng = random.Random(seed)
    adapter = ADAPTERS[channel]
    draft = draft_order(
        rng,
        CATALOGUE,
        store_code="DEMO01",
        channel=channel,
        channel_order_no=adapter.order_number(NOW, 7, rng),
        daily_serial=7,
        placed_at=NOW,
    )
    return draft.phone, adapter.render(draft)


@pytest.mark.parametrize("channel", list(Channel))
@pytest.mark.parametrize("seed", range(10))
def test_the_full_number_and_its_masked_form_reach_the_order(channel: Channel, seed: int) -> None:
    phone, raw = _payload(channel, seed)
    order = ADAPTERS[channel].normalise(raw, _CONTEXT)
    assert re.fullmatch(r"1[3-9]\d{9}", order.customer.phone)
    assert order.customer.phone == phone
    assert order.customer.phone_masked == f"{phone[:3]}****{phone[-4:]}"


@pytest.mark.parametrize("channel", list(Channel))
def test_a_channel_that_masks_the_number_itself_gives_no_full_number(channel: Channel) -> None:
    phone, raw = _payload(channel, 3)
    masked = f"{phone[:3]}****{phone[-4:]}"
    text = json.dumps(raw, ensure_ascii=False).replace(phone, masked)
    order = ADAPTERS[channel].normalise(json.loads(text), _CONTEXT)
    assert order.customer.phone == ""
    assert order.customer.phone_masked == masked
