"""The canned replies: a code each, the Chinese the customer receives, offered per channel."""

from __future__ import annotations

from app.domain.reminder_replies import (
    CUSTOMER_TEXT,
    QUICK_REPLIES,
    ReminderReply,
    reply_of_text,
)
from app.domain.vocabulary import Channel
from app.domain.wire_limits import REASON_MAX

_HAN = range(0x4E00, 0xA000)


def test_every_reply_is_sent_in_chinese_only() -> None:
    for reply in ReminderReply:
        text = CUSTOMER_TEXT[reply]
        assert any(ord(character) in _HAN for character in text)
        assert not any(character.isascii() and character.isalpha() for character in text)
        assert len(text) <= REASON_MAX


def test_every_channel_offers_replies_and_each_text_names_its_reply() -> None:
    assert set(QUICK_REPLIES) == set(Channel)
    for replies in QUICK_REPLIES.values():
        assert replies
        assert len(set(replies)) == len(replies)
    for reply in ReminderReply:
        assert reply_of_text(CUSTOMER_TEXT[reply]) is reply
    assert reply_of_text("正在制作，马上就好 Being prepared, almost done") is None
