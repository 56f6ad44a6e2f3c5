"""The published OpenAPI document is generated from the wire schemas."""

from __future__ import annotations

from hub.api.routes import create_app
from hub.composition import Hub


def test_openapi_names_the_hub_and_uses_the_wire_models(hub: Hub) -> None:
    document = create_app(hub.devices).openapi()

    assert document["info"]["title"] == "Storeside order hub"
    assert document["info"]["version"] == "1"
    assert set(document["paths"]) == {
        "/v1/health",
        "/v1/enrol",
        "/v1/token",
        "/v1/staff",
        "/v1/feed",
        "/v1/commands",
        "/v1/digest",
        "/v1/records",
        "/v1/audit/head",
        "/v1/audit/alarms",
        "/v1/devices/health",
    }
    records = document["paths"]["/v1/records"]["post"]
    assert records["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/RawRecords"
    }
    digest = document["paths"]["/v1/digest"]["get"]
    assert digest["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/OrderDigest"
    }
    feed = document["paths"]["/v1/feed"]["get"]
    assert feed["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/FeedPage"
    }
    assert feed["responses"]["410"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }
    commands = document["paths"]["/v1/commands"]["post"]
    assert "CommandBatch" in str(commands["requestBody"])
    schemas = document["components"]["schemas"]
    assert {"OrderData", "CommandResults", "EnrolmentGrant", "Health", "StaffData"} <= set(schemas)


def test_the_feed_page_may_count_what_is_left_and_older_hubs_may_not(hub: Hub) -> None:
    page = create_app(hub.devices).openapi()["components"]["schemas"]["FeedPage"]

    assert "remaining" in page["properties"]
    assert "remaining" not in page.get("required", [])
