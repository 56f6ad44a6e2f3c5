"""The program's logging: every handler masks customers' phone numbers before writing a line.

Crash reports are log records too: an exception nobody caught (in a Qt slot, a sync thread, or
the main thread) is written to the log, through the same masking, with its traceback; that
file is what a support call asks for, and what the secret canary test searches.
"""

from __future__ import annotations

import logging
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Final

from app.domain.privacy import mask_phones_in

LOG_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_LOG_FILE_BYTES: Final = 5_000_000
_LOG_FILE_COPIES: Final = 3


class PhoneMaskingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack so no full mobile number is written.

    Set on handlers, not loggers: a logger's filter never sees records its children pass up.
    A number can arrive in the arguments (an order's data), in an exception's text (a
    validation error quoting the payload) or in a traceback's locals; all three are masked.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the record in place; always lets it through."""
        message = record.getMessage()
        record.msg, record.args = mask_phones_in(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_phones_in(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_phones_in(record.stack_info)
        return True


def configure_logging(level: int = logging.INFO) -> None:
    """Log to standard error through the masking filter (replaces logging.basicConfig)."""
    root = logging.getLogger()
    root.setLevel(level)
    if not any(_masks(handler) for handler in root.handlers):
        _add(root, logging.StreamHandler(sys.stderr))
    # A long-poll outlasting its job's interval is normal here, not worth a warning per tick.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    logging.getLogger("httpx").setLevel(logging.WARNING)


def add_log_file(path: Path) -> logging.Handler:
    """Also keep the log in `path` (rotated at 5 MB, 3 copies): what a support call asks for."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=_LOG_FILE_BYTES, backupCount=_LOG_FILE_COPIES, encoding="utf-8"
    )
    _add(logging.getLogger(), handler)
    return handler


def install_crash_reports() -> None:
    """Write every uncaught exception to the log as a crash report (CRITICAL, traceback).

    Qt hands an exception escaping a slot to `sys.excepthook`, then carries on; a thread's
    goes to `threading.excepthook`. Both are logged, so the log file keeps the report.
    """
    sys.excepthook = _report_crash
    threading.excepthook = _report_thread_crash


_crash_log = logging.getLogger("storeside.crash")


def _report_crash(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    _crash_log.critical("crash report: uncaught %s", kind.__name__, exc_info=(kind, error, trace))


def _report_thread_crash(arguments: threading.ExceptHookArgs) -> None:
    if arguments.exc_value is None:
        return
    thread = arguments.thread.name if arguments.thread is not None else "?"
    _crash_log.critical(
        "crash report: uncaught %s in thread %s",
        arguments.exc_type.__name__,
        thread,
        exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback),
    )


def _add(root: logging.Logger, handler: logging.Handler) -> None:
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(PhoneMaskingFilter())
    root.addHandler(handler)


def _masks(handler: logging.Handler) -> bool:
    return any(isinstance(each, PhoneMaskingFilter) for each in handler.filters)
