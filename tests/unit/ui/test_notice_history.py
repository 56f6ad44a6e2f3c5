"""The refused-actions history: reopened from the Sync menu, dismissed notices included."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from app.domain.vocabulary import Channel
from ui.notice_history_dialog import NoticeHistoryDialog


def test_history_lists_refusals_newest_first_with_dismissed_ones_marked(
    qtbot, seed, services
) -> None:
    seed.staff(seed.cashier)
    seed.orders(
        seed.order_row("o1", channel=Channel.MEITUAN, serial=1, status="ready"),
        seed.order_row("o2", channel=Channel.ELEME, serial=2, status="ready"),
    )
    first = seed.rejected_command("o1", staff_id=seed.cashier.staff_id, reason="transition_refused")
    seed.rejected_command("o2", staff_id=seed.cashier.staff_id, reason="transition_refused")
    services.notices.acknowledge(first.seq)

    dialog = NoticeHistoryDialog(services)
    qtbot.addWidget(dialog)

    texts = [entry.text() for entry in dialog.entries]
    assert len(texts) == 2
    assert texts[0].startswith("#2 (Eleme): 李娜's “Accept”")
    assert not texts[0].endswith("(dismissed)")
    assert texts[1].startswith("#1 (Meituan): 李娜's “Accept”")
    assert texts[1].endswith("(dismissed)")
    assert [entry.isEnabled() for entry in dialog.entries] == [True, False]


def test_an_empty_history_says_everything_was_applied(qtbot, services) -> None:
    dialog = NoticeHistoryDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.entries == []
    assert dialog.summary.text() == "The hub has applied every action from this device."
    close = dialog.findChild(QDialogButtonBox).buttons()[0]
    close.click()
    assert dialog.result() == NoticeHistoryDialog.DialogCode.Rejected
