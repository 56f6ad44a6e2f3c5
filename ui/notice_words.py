"""A refused action told in words: which order, whose action, when, and why it was not applied."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.sync_events import RejectionNotice
from app.domain.vocabulary import OrderStatus
from app.read_models import PickingNotice
from ui.labels import command_name, hub_rejection_text, order_title
from ui.screen_services import ScreenServices
from ui.status_reason_words import order_reason_text, task_reason_text
from ui.value_formats import format_clock_time


def describe_notice(services: ScreenServices, notice: RejectionNotice) -> str:
    """E.g. "#23 (Meituan) was cancelled by the customer at 12:04, before Wang Fang's “Mark
    ready” (12:06) reached the hub; it was not applied."."""
    order = (
        services.order_queries.detail(notice.entity_id) if notice.entity_kind == "order" else None
    )
    now = services.clock()
    action = picking_command_name(notice.command_type) or command_name(notice.command_type)
    names = {card.staff_id: card.name for card in services.sign_in.staff_cards()}
    who = names.get(notice.staff_id)
    when = format_clock_time(notice.at, now)
    if who:
        whose = QCoreApplication.translate("Notices", "{name}'s “{action}” ({time})").format(
            name=who, action=action, time=when
        )
    else:
        whose = QCoreApplication.translate("Notices", "“{action}” ({time})").format(
            action=action, time=when
        )
    if order is None:
        return QCoreApplication.translate("Notices", "{whose} was not applied: {reason}").format(
            whose=whose, reason=hub_rejection_text(notice.reason, notice.message)
        )
    title = order_title(order.daily_serial, order.channel)
    if (
        notice.reason == "order_cancelled"
        and order.status is OrderStatus.CANCELLED
        and order.closed_at is not None
    ):
        return QCoreApplication.translate(
            "Notices",
            "{order} was {why} at {time}, before {whose} reached the hub; it was not applied.",
        ).format(
            order=title,
            why=order_reason_text(order.why, with_detail=False)
            or QCoreApplication.translate("Notices", "cancelled"),
            time=format_clock_time(order.closed_at, now),
            whose=whose,
        )
    return QCoreApplication.translate(
        "Notices", "{order}: {whose} was not applied. {reason}"
    ).format(order=title, whose=whose, reason=hub_rejection_text(notice.reason, notice.message))


def picking_command_name(command_type: str) -> str | None:
    """A picker's queued command named as the action they took (None: not a picking one)."""
    names = {
        "clock_in": QCoreApplication.translate("Notices", "Clock in"),
        "clock_out": QCoreApplication.translate("Notices", "Clock out"),
        "start_task": QCoreApplication.translate("Notices", "Start task"),
        "pick_line": QCoreApplication.translate("Notices", "Scan"),
        "report_shortage": QCoreApplication.translate("Notices", "Report shortage"),
        "pause_task": QCoreApplication.translate("Notices", "Pause"),
        "resume_task": QCoreApplication.translate("Notices", "Resume"),
        "complete_pick": QCoreApplication.translate("Notices", "Picking complete"),
        "complete_pack": QCoreApplication.translate("Notices", "Packing complete"),
        "reassign_task": QCoreApplication.translate("Notices", "Reassign task"),
    }
    return names.get(command_type)


def describe_picking_notice(notice: PickingNotice) -> str:
    """A picker's task taken away, in words: "This task was cancelled. <why> The scans you
    made are kept on the order." (the hub's reason worded from its code)."""
    why = task_reason_text(notice.why).strip()
    if notice.kind == "cancelled":
        text = QCoreApplication.translate("Notices", "This task was cancelled.")
    else:
        text = QCoreApplication.translate("Notices", "This task was given to someone else.")
    if why:
        text = f"{text} {why}"
    kept = QCoreApplication.translate("Notices", "The scans you made are kept on the order.")
    return f"{text} {kept}"
