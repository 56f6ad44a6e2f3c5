"""Quick replies to a customer's reminder: Chinese sent, a gloss for staff who read English."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.domain.reminder_replies import CUSTOMER_TEXT, QUICK_REPLIES, ReminderReply
from app.domain.vocabulary import Channel
from app.read_models import ReminderView
from tests.fakes import FrozenClock
from ui.cashier.reminder_list import ReminderList


def _asked(clock: FrozenClock, *, reply: str = "", replied: bool = False) -> ReminderView:
    return ReminderView(
        reminder_id="R1",
        asked_at=clock() - timedelta(minutes=3),
        reply=reply,
        replied_at=clock() if replied else None,
        replied_by="李娜" if replied else "",
    )


def _list(qtbot, clock: FrozenClock, channel: Channel, reminder: ReminderView) -> ReminderList:
    reminders = ReminderList((reminder,), channel, clock)
    qtbot.addWidget(reminders)
    reminders.show()
    qtbot.waitExposed(reminders)
    return reminders


@pytest.mark.parametrize("channel", list(Channel))
def test_in_english_each_button_glosses_the_chinese_and_sends_only_the_chinese(
    qtbot, clock: FrozenClock, channel: Channel
) -> None:
    reminders = _list(qtbot, clock, channel, _asked(clock))
    buttons = reminders.reply_buttons["R1"]
    assert len(buttons) == len(QUICK_REPLIES[channel])
    for button, reply in zip(buttons, QUICK_REPLIES[channel], strict=True):
        chinese, gloss = button.full_text().split("\n")
        assert chinese == CUSTOMER_TEXT[reply]
        assert gloss == button.toolTip()
        assert gloss.isascii()

    with qtbot.waitSignal(reminders.reply_chosen, timeout=1_000) as chosen:
        qtbot.mouseClick(buttons[-1], Qt.MouseButton.LeftButton)

    assert chosen.args == ["R1", CUSTOMER_TEXT[QUICK_REPLIES[channel][-1]]]
    assert all(not button.isEnabled() for button in buttons)  # one reply per reminder


def test_the_takeout_glosses_people_are_promised(qtbot, clock: FrozenClock) -> None:
    reminders = _list(qtbot, clock, Channel.MEITUAN, _asked(clock))
    assert [button.toolTip() for button in reminders.reply_buttons["R1"]] == [
        "Being prepared, almost done",
        "The rider has it and is on the way",
        "The rider is about to arrive at the store",
        "A little delay at peak time, thank you for waiting",
    ]


def test_in_chinese_the_buttons_show_the_chinese_alone(
    qtbot, clock: FrozenClock, chinese: None
) -> None:
    reminders = _list(qtbot, clock, Channel.MINIPROGRAM, _asked(clock))
    buttons = reminders.reply_buttons["R1"]
    assert [button.full_text() for button in buttons] == [
        "正在制作，马上就好",
        "已备好，请凭取餐码到柜台取餐",
        "高峰期稍有延迟，请耐心等待",
    ]
    with qtbot.waitSignal(reminders.reply_chosen, timeout=1_000) as chosen:
        qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert chosen.args == ["R1", "正在制作，马上就好"]


def test_a_canned_reply_already_sent_reads_with_its_gloss(qtbot, clock: FrozenClock) -> None:
    sent = CUSTOMER_TEXT[ReminderReply.RIDER_ON_THE_WAY]
    reminders = _list(qtbot, clock, Channel.ELEME, _asked(clock, reply=sent, replied=True))
    texts = [label.text() for label in reminders.findChildren(QLabel)]
    assert any(
        text.startswith("Replied by 李娜")
        and text.endswith(f": {sent} (The rider has it and is on the way)")
        for text in texts
    )
    assert reminders.reply_buttons == {}


def test_a_reply_typed_elsewhere_is_shown_as_it_came(qtbot, clock: FrozenClock) -> None:
    reminders = _list(
        qtbot, clock, Channel.ELEME, _asked(clock, reply="马上到 on its way", replied=True)
    )
    texts = [label.text() for label in reminders.findChildren(QLabel)]
    assert any(text.endswith(": 马上到 on its way") for text in texts)
