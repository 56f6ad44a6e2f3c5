"""The hub's reasons worded from their codes, never from the hub's English words.

The Chinese catalogue is the lead's to fill; these tests need none. They check the English
wording, that each known code has words of its own (a source string of its own in the
"StatusReasons" context, so the catalogue can give each its translation), and, with a
translator of the test's own installed, that every word of a notice comes through the
catalogue: none is the hub's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel

from app.domain.status_codes import OrderStatusCode, TaskStatusCode
from app.domain.vocabulary import Channel
from app.read_models import StatusReason
from tests.unit.ui.conftest import NOW, Seeder
from ui.cashier.order_detail_pane import OrderDetailPane
from ui.notice_words import describe_notice
from ui.screen_services import ScreenServices
from ui.status_reason_words import order_reason_sentence, order_reason_text, task_reason_text
from ui.value_formats import format_clock_time

HUB_WORDS = "HUB ENGLISH WORDS"
"""What the hub wrote in status_reason: must never reach the screen for a known code."""
ORDER_DETAIL = {
    OrderStatusCode.REJECTED_BY_STORE: {"reject_reason": "sold_out", "text": "no milk"},
    OrderStatusCode.CANCEL_AGREED: {"text": "地址填错了"},
    OrderStatusCode.CANCEL_AUTO_AGREED: {"text": "地址填错了"},
}
TASK_DETAIL = {
    TaskStatusCode.REASSIGNED: {"name": "李强", "by_name": "陈静"},
    TaskStatusCode.PICKER_CLOCKED_OUT: {"name": "李强", "by_name": "陈静"},
    TaskStatusCode.PICKER_LEFT_DUTY: {"name": "李强"},
}


def _order_why(code: str, words: str = HUB_WORDS) -> StatusReason:
    return StatusReason.stored(code, ORDER_DETAIL.get(OrderStatusCode(code)), words)


def _task_why(code: str, **detail: str) -> StatusReason:
    return StatusReason.stored(code, TASK_DETAIL.get(TaskStatusCode(code), {}) | detail, HUB_WORDS)


class _Recording(QTranslator):
    """Answers every lookup with the source in brackets and remembers what was looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.looked_up: list[tuple[str, str]] = []

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        self.looked_up.append((context, source))
        return f"‹{source}›"

    def isEmpty(self) -> bool:
        return False


@contextmanager
def _catalogue() -> Iterator[_Recording]:
    translator = _Recording()
    assert QCoreApplication.installTranslator(translator)
    try:
        yield translator
    finally:
        QCoreApplication.removeTranslator(translator)


def test_each_order_code_has_its_own_english_words_and_none_is_the_hubs(qapp) -> None:
    words = {code: order_reason_text(_order_why(code)) for code in OrderStatusCode}

    assert len(set(words.values())) == len(OrderStatusCode)
    assert all(text and HUB_WORDS not in text for text in words.values())
    assert words[OrderStatusCode.CUSTOMER_CANCELLED] == "cancelled by the customer"
    assert words[OrderStatusCode.REJECTED_BY_STORE] == "rejected by the store (Sold out): “no milk”"
    assert (
        words[OrderStatusCode.CANCEL_AGREED] == "cancelled at the customer's request: “地址填错了”"
    )
    short = order_reason_text(_order_why(OrderStatusCode.CANCEL_AGREED), with_detail=False)
    assert short == "cancelled at the customer's request"


def test_each_task_code_has_its_own_english_words_and_none_is_the_hubs(qapp) -> None:
    words = {code: task_reason_text(_task_why(code)) for code in TaskStatusCode}

    assert len(set(words.values())) == len(TaskStatusCode)
    assert all(text and HUB_WORDS not in text for text in words.values())
    assert words[TaskStatusCode.REASSIGNED] == "Reassigned to 李强 by 陈静."
    assert words[TaskStatusCode.PICKER_CLOCKED_OUT] == "陈静 ended 李强's shift."
    with_order = _task_why(TaskStatusCode.ORDER_CANCELLED, order_code="customer_cancelled")
    assert task_reason_text(with_order) == "The order was cancelled by the customer."


def test_every_code_is_looked_up_in_the_catalogue_as_a_source_of_its_own(qapp) -> None:
    sources: dict[str, set[tuple[str, str]]] = {}
    with _catalogue() as catalogue:
        for code in OrderStatusCode:
            catalogue.looked_up.clear()
            order_reason_text(_order_why(code))
            sources[code] = {pair for pair in catalogue.looked_up if pair[0] == "StatusReasons"}
        for task_code in TaskStatusCode:
            catalogue.looked_up.clear()
            task_reason_text(_task_why(task_code))
            sources[f"task:{task_code}"] = {
                pair for pair in catalogue.looked_up if pair[0] == "StatusReasons"
            }

    assert all(sources.values()), [code for code, found in sources.items() if not found]
    first_sources = [min(found) for found in sources.values()]
    assert len(set(first_sources)) == len(sources)


def test_an_unknown_code_or_words_without_a_code_show_the_hubs_words_as_they_are(qapp) -> None:
    newer = StatusReason.stored("eaten_by_the_cat", {"text": "喵"}, "eaten by the cat")
    older = StatusReason.stored("", None, "cancelled by the customer")
    odd_reject = StatusReason.stored(
        "rejected_by_store",
        {"reject_reason": "owner_on_holiday"},
        "rejected by the store (holiday)",
    )
    odd_order = StatusReason.stored("order_cancelled", {"order_code": "eaten"}, "eaten by the cat")

    assert order_reason_text(newer) == order_reason_sentence(newer) == "eaten by the cat"
    assert order_reason_text(older) == "cancelled by the customer"
    assert order_reason_text(odd_reject) == order_reason_sentence(odd_reject)
    assert order_reason_sentence(odd_reject) == "rejected by the store (holiday)"
    odd_task = StatusReason.stored(
        "order_cancelled",
        {"order_code": "rejected_by_store", "reject_reason": "owner_on_holiday"},
        "rejected by the store (holiday)",
    )
    assert task_reason_text(odd_task) == "rejected by the store (holiday)"
    assert task_reason_text(newer) == task_reason_text(odd_order) == "eaten by the cat"
    assert order_reason_text(StatusReason()) == task_reason_text(StatusReason()) == ""


def _cancelled_by_the_customer(seed: Seeder):
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row(
            "o3",
            channel=Channel.MINIPROGRAM,
            serial=3,
            status="cancelled",
            status_reason=HUB_WORDS,
            status_code="customer_cancelled",
            closed_at=NOW - timedelta(minutes=1),
        )
    )
    return seed.rejected_command(
        "o3", staff_id=seed.cashier.staff_id, reason="order_cancelled", message="cancelled"
    )


def test_the_notice_of_an_order_the_customer_cancelled_is_worded_from_its_code(
    qapp, seed: Seeder, services: ScreenServices
) -> None:
    notice = _cancelled_by_the_customer(seed)

    text = describe_notice(services, notice)

    closed = format_clock_time(NOW - timedelta(minutes=1), NOW)
    assert text == (
        f"#3 (Mini-program) was cancelled by the customer at {closed}, before 李娜's “Accept”"
        f" ({format_clock_time(notice.at, NOW)}) reached the hub; it was not applied."
    )


def test_in_another_language_the_notice_holds_no_word_of_the_hubs_text(
    qapp, seed: Seeder, services: ScreenServices
) -> None:
    notice = _cancelled_by_the_customer(seed)

    with _catalogue() as catalogue:
        text = describe_notice(services, notice)

    assert HUB_WORDS not in text
    assert ("StatusReasons", "cancelled by the customer") in catalogue.looked_up
    # The sentence is the catalogue's, and so is the reason put into it.
    assert text.startswith("‹")
    assert text.endswith("›")
    assert "‹cancelled by the customer›" in text


def test_the_order_pane_shows_the_reason_in_words_with_the_note_masked(
    qtbot, seed: Seeder, services: ScreenServices
) -> None:
    seed.orders(
        seed.order_row(
            "rj",
            status="rejected",
            status_reason=HUB_WORDS,
            status_code="rejected_by_store",
            status_detail={"reject_reason": "too_busy", "text": "call 13812345678"},
        )
    )
    order = services.order_queries.detail("rj")
    assert order is not None
    pane = OrderDetailPane(services.clock)
    qtbot.addWidget(pane)

    pane.show_order(order)

    shown = [label.text() for label in pane.findChildren(QLabel)]
    assert "This order was rejected by the store (Too busy): “call 138****5678”." in shown
    assert not any(HUB_WORDS in text for text in shown)
