"""Channel rules: every channel has rules, and what they allow is consistent."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.channel_rules import CHANNEL_RULES, ChannelRules, RejectReason
from app.domain.vocabulary import Channel


def test_every_channel_has_rules_filed_under_its_own_name():
    assert set(CHANNEL_RULES) == set(Channel)
    for channel, rules in CHANNEL_RULES.items():
        assert rules.channel is channel


@pytest.mark.parametrize("channel", list(Channel))
def test_accept_window_is_a_few_minutes(channel: Channel):
    window = CHANNEL_RULES[channel].accept_window
    assert timedelta(minutes=1) <= window <= timedelta(minutes=30)


@pytest.mark.parametrize("channel", list(Channel))
def test_reject_reasons_are_distinct_unified_reasons(channel: Channel):
    reasons = CHANNEL_RULES[channel].reject_reasons
    assert len(set(reasons)) == len(reasons)
    assert all(isinstance(reason, RejectReason) for reason in reasons)


@pytest.mark.parametrize("channel", list(Channel))
def test_cancel_request_auto_agree_is_positive_when_the_channel_has_one(channel: Channel):
    auto_agree = CHANNEL_RULES[channel].cancel_request_auto_agree
    assert auto_agree is None or auto_agree > timedelta(0)


@pytest.mark.parametrize("channel", list(Channel))
def test_can_reject_follows_the_reasons_the_channel_accepts(channel: Channel):
    rules = CHANNEL_RULES[channel]
    assert rules.can_reject is bool(rules.reject_reasons)


def test_a_channel_without_reject_reasons_cannot_reject():
    rules = ChannelRules(
        channel=Channel.MINIPROGRAM,
        accept_window=timedelta(minutes=5),
        reject_reasons=(),
        cancel_request_auto_agree=None,
        assigns_pickup_code=True,
    )
    assert not rules.can_reject


def test_rules_cannot_be_changed_at_run_time():
    rules = CHANNEL_RULES[Channel.MEITUAN]
    with pytest.raises(AttributeError):
        rules.accept_window = timedelta(hours=1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        CHANNEL_RULES[Channel.MEITUAN] = rules  # type: ignore[index]


def test_every_reject_reason_is_offered_by_some_channel():
    offered = {reason for rules in CHANNEL_RULES.values() for reason in rules.reject_reasons}
    assert offered == set(RejectReason)
