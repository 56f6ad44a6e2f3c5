"""The catalogue reaches the device through the feed and is searched there, hub or no hub."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.clock import utc_now
from app.services.shortage_decisions import DecisionRefused, ShortageDecisions
from hub.embedded import EmbeddedHub
from tests.devices import drain_feed, enrolled_device
from tests.fakes import RecordingListener


def test_substitutes_are_found_by_name_or_barcode_with_the_hub_gone(
    hub: EmbeddedHub, tmp_path: Path
) -> None:
    device = enrolled_device(hub, tmp_path / "counter", RecordingListener())
    try:
        drain_feed(device)
        hub.stop()
        service = ShortageDecisions(device.db, utc_now)
        coke = next(p for p in hub.hub.catalogue.products if "Coca-Cola" in p.name_en)

        by_name = service.search_substitutes("可乐")
        by_english = service.search_substitutes("coca")
        [by_barcode] = service.search_substitutes(coke.barcode)

        assert coke.sku in {c.sku for c in by_name}
        assert coke.sku in {c.sku for c in by_english}
        assert (by_barcode.sku, by_barcode.unit_price_cents) == (coke.sku, coke.price_cents)
        assert service.search_substitutes("  ") == []
        assert service.queue() == []
        with pytest.raises(DecisionRefused) as refused:
            service.preview("no-such-shortage", "partial_refund")
        assert refused.value.code == "unknown_shortage"
    finally:
        device.stop()
