"""The program's log file never holds a customer's full phone number."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.log_privacy import add_log_file, configure_logging
from app.settings import Settings

_FULL = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


@pytest.fixture
def root_logging() -> Iterator[logging.Logger]:
    """The root logger, given back as it was: the set-up under test changes it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_messages_and_tracebacks_reach_the_log_file_masked(
    root_logging: logging.Logger, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "device")
    configure_logging()
    add_log_file(settings.log_path).flush()
    log = logging.getLogger("sync.feed_apply")
    log.warning("order %s: customer %s asked to be called", "o-1", "13812345678")
    log.info("rider +8613911112222 waiting, customer 86-15800003333 too")
    try:
        raise ValueError("invalid phone field: {'phone': '18600004444'}")
    except ValueError:
        log.exception("record quarantined: %s", {"customer": {"phone": "17700005555"}})
    log.error("with stack", stack_info=True, extra={"number": "13612340000"})
    for handler in root_logging.handlers:
        handler.flush()

    text = settings.log_path.read_text(encoding="utf-8")
    assert _FULL.findall(text) == []
    for masked in ("138****5678", "+86139****2222", "86-158****3333", "186****4444", "177****5555"):
        assert masked in text
    assert "Traceback" in text  # the exception is still there to read, only masked
    assert "order o-1" in text
