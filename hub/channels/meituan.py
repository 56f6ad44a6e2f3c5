"""Meituan-style takeout: its pushed order payload, its status and reason codes."""

from __future__ import annotations

import json
import random
from collections.abc import Mapping
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Final

from app.domain.channel_rules import RejectReason
from app.domain.vocabulary import Channel, FulfilmentMode, OutOfStockPreference
from hub.channels.adapter import (
    ChannelAction,
    ChannelCodeTable,
    ChannelPayloadError,
    ChannelPush,
    IntakeContext,
)
from hub.channels.order_draft import DraftLine, DraftPromotion, OrderDraft
from hub.channels.payload_reader import PayloadReader
from hub.channels.unified_order import ParsedLine, ParsedOrder, ParsedPromotion, build_order
from hub.clock import local_time
from hub.money import yuan_from_cents
from sync.protocol import OrderData

CODES: Final = ChannelCodeTable(
    actions=MappingProxyType(
        {
            ChannelAction.ACCEPT: "order/confirm",
            ChannelAction.REJECT: "order/cancel",
            ChannelAction.READY: "order/preparationMealComplete",
            ChannelAction.HAND_OVER: "order/delivering",
            ChannelAction.CANCEL: "order/cancel",
            ChannelAction.EXPIRE: "order/cancel",
            ChannelAction.SET_PICKUP_CODE: "order/pickupCode",
            ChannelAction.AGREE_CANCEL: "order/refund/agree",
            ChannelAction.DISAGREE_CANCEL: "order/refund/reject",
            ChannelAction.AGREE_REFUND: "order/refund/agree",
            ChannelAction.DISAGREE_REFUND: "order/refund/reject",
            ChannelAction.REPLY_REMINDER: "order/remindReply",
            ChannelAction.PARTIAL_REFUND: "order/applyPartRefund",
            ChannelAction.SUBSTITUTE: "order/goodsReplace/apply",
        }
    ),
    reject_reasons=MappingProxyType(
        {
            RejectReason.SOLD_OUT: "2008",
            RejectReason.TOO_BUSY: "2007",
            RejectReason.CLOSING: "2010",
            RejectReason.OUT_OF_RANGE: "2009",
            RejectReason.OTHER: "2011",
        }
    ),
    expiry_reason="1001",
    # Meituan folds the customer's choice into the order remark after this marker.
    stock_out_preferences=MappingProxyType(
        {
            OutOfStockPreference.CONTACT_ME: "缺货时电话与我沟通",
            OutOfStockPreference.REFUND_ITEM: "其它商品继续配送（缺货商品退款）",
            OutOfStockPreference.CANCEL_ORDER: "缺货时取消整单",
            OutOfStockPreference.SUBSTITUTE_SIMILAR: "缺货时替换相似商品",
        }
    ),
)
STOCK_OUT_MARKER: Final = "【如遇缺货】："
_PICK_TYPE: Final[Mapping[int, FulfilmentMode]] = MappingProxyType(
    {0: FulfilmentMode.DELIVERY, 1: FulfilmentMode.PICKUP}
)
_PAID_STATUS: Final = 2
_GOODS_EXTRA: Final = 1
"""`extras` type of a promotion on goods (the whole order, or the items it names)."""
SHIPPING_EXTRA: Final = 25
"""`extras` type of a delivery subsidy: already off `shipping_fee`, no item's price."""


class MeituanAdapter:
    """Meituan-style payloads: yuan floats, items as a JSON string, remark with stock-out text."""

    channel: Final = Channel.MEITUAN
    display_name: Final = "Meituan"
    codes: Final = CODES

    def order_number(self, placed_at: datetime, daily_serial: int, rng: random.Random) -> str:
        """A 17-digit wm_order_id_view."""
        day = local_time(placed_at).strftime("%y%m%d")
        return f"27{day}{daily_serial:05d}{rng.randint(0, 9999):04d}"

    def render(self, draft: OrderDraft) -> dict[str, Any]:
        """The paid-order push, as Meituan sends it."""
        detail = [_detail_item(line) for line in draft.lines]
        extras = [_extra(promotion) for promotion in draft.promotions]
        preference = CODES.stock_out_preferences[draft.preference]
        pick_type = 1 if draft.fulfilment is FulfilmentMode.PICKUP else 0
        return {
            "wm_order_id_view": draft.channel_order_no,
            "app_poi_code": draft.store_code,
            "day_seq": draft.daily_serial,
            "ctime": int(draft.placed_at.timestamp()),
            "status": _PAID_STATUS,
            "detail": json.dumps(detail, ensure_ascii=False),
            "extras": json.dumps(extras, ensure_ascii=False),
            "original_price": yuan_from_cents(draft.goods_cents),
            "shipping_fee": yuan_from_cents(draft.delivery_fee_cents),
            "total": yuan_from_cents(draft.paid_cents),
            "recipient_name": f"{draft.surname}({draft.title})",
            "recipient_phone": draft.phone,
            "caution": f"{draft.note} {STOCK_OUT_MARKER}{preference}".strip(),
            "delivery_time": 0 if draft.deliver_at is None else int(draft.deliver_at.timestamp()),
            "pick_type": pick_type,
            "logistics_code": "1001" if pick_type == 0 else "0000",
        }

    def normalise(self, raw: Mapping[str, Any], context: IntakeContext) -> OrderData:
        """The unified order for a Meituan push; ChannelPayloadError if it is unusable."""
        payload = PayloadReader(raw, "meituan")
        number = payload.text("wm_order_id_view")
        if not number.isdigit():
            raise payload.fail(f"order id {number!r} is not numeric")
        payload.integer("ctime", minimum=1)
        pick_type = payload.integer("pick_type")
        if pick_type not in _PICK_TYPE:
            raise payload.fail(f"unknown pick_type {pick_type}")
        note, preference = split_caution(payload.optional_text("caution"))
        promotions = tuple(
            _promotion(extra)
            for extra in payload.json_objects("extras")
            if not extra.has("type") or extra.integer("type") != SHIPPING_EXTRA
        )
        delivery_time = payload.integer("delivery_time") if payload.has("delivery_time") else 0
        parsed = ParsedOrder(
            channel=self.channel,
            store_code=payload.text("app_poi_code"),
            channel_order_no=number,
            daily_serial=payload.integer("day_seq", minimum=1),
            fulfilment=_PICK_TYPE[pick_type],
            customer_name=payload.text("recipient_name").replace("(", "").replace(")", ""),
            phone_reported=payload.text("recipient_phone"),
            preference=preference,
            note=note,
            lines=tuple(_line(item) for item in payload.json_objects("detail")),
            goods_cents=payload.yuan("original_price"),
            discount_cents=sum(promotion.cents for promotion in promotions),
            promotions=promotions,
            delivery_fee_cents=payload.yuan("shipping_fee"),
            paid_cents=payload.yuan("total"),
            deliver_by=datetime.fromtimestamp(delivery_time, UTC) if delivery_time else None,
        )
        return build_order(parsed, context)

    def status_push(
        self, action: ChannelAction, order: OrderData, reason: RejectReason | None, note: str
    ) -> ChannelPush:
        """The Meituan API call for `action`, cancel calls carrying a reason code."""
        payload: dict[str, Any] = {"order_id": order.channel_order_no}
        if action is ChannelAction.REJECT and reason is not None:
            payload |= {"reason_code": CODES.reject_reasons[reason], "reason": note}
        elif action is ChannelAction.EXPIRE:
            payload |= {"reason_code": CODES.expiry_reason, "reason": "商家超时未接单"}
        elif action is ChannelAction.SET_PICKUP_CODE:
            payload |= {"pickup_code": order.pickup_code}
        elif action is ChannelAction.REPLY_REMINDER:
            remind_id, _, content = note.partition("|")
            payload |= {"remind_id": remind_id, "reply_content": content}
        elif note:
            payload |= {"reason": note}
        return ChannelPush(code=CODES.actions[action], payload=payload)


def _extra(promotion: DraftPromotion) -> dict[str, Any]:
    """One promotion as Meituan lists it in `extras`: goods ones name their items, if not all."""
    extra: dict[str, Any] = {
        "reduce_fee": yuan_from_cents(promotion.cents),
        "remark": promotion.label,
        "type": SHIPPING_EXTRA if promotion.delivery else _GOODS_EXTRA,
    }
    if promotion.skus is not None and not promotion.delivery:
        extra["app_food_codes"] = list(promotion.skus)
    return extra


def _promotion(extra: PayloadReader) -> ParsedPromotion:
    skus = tuple(extra.strings("app_food_codes")) if extra.has("app_food_codes") else None
    return ParsedPromotion(extra.optional_text("remark"), extra.yuan("reduce_fee"), skus)


def _detail_item(line: DraftLine) -> dict[str, Any]:
    product = line.product
    item: dict[str, Any] = {
        "app_food_code": product.sku,
        "food_name": product.name,
        "price": yuan_from_cents(product.price_cents),
        "quantity": line.quantity,
        "unit": "份",
        "box_num": 0,
        "box_price": 0,
    }
    if product.portion_g is not None:
        item |= {"weight": product.portion_g, "weight_unit": "g"}
    return item


def _line(item: PayloadReader) -> ParsedLine:
    weight = item.integer("weight", minimum=1) if item.has("weight") else None
    if weight is not None and item.text("weight_unit") != "g":
        raise item.fail("weight_unit must be 'g'")
    return ParsedLine(
        sku=item.text("app_food_code"),
        name=item.text("food_name"),
        unit_price_cents=item.yuan("price"),
        quantity=item.integer("quantity", minimum=1),
        unit_weight_g=weight,
    )


def split_caution(caution: str) -> tuple[str, OutOfStockPreference]:
    """The customer's note and their out-of-stock choice, both carried in Meituan's remark."""
    note, marker, choice = caution.partition(STOCK_OUT_MARKER)
    if not marker:
        return caution, OutOfStockPreference.CONTACT_ME
    try:
        return note.strip(), CODES.preference_of(choice.strip())
    except ChannelPayloadError:
        # An unknown phrasing is still the customer's words: keep it visible, ask to call.
        return caution, OutOfStockPreference.CONTACT_ME


MEITUAN: Final = MeituanAdapter()
