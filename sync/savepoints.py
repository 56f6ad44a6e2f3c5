"""One write in a savepoint: a failure undoes that write alone, the transaction goes on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from local_db import failpoints

_Result = TypeVar("_Result")

PASSED_ON = (OperationalError, failpoints.FailpointHit)
"""Raised as they are: the database refusing writes at all (disk full, locked), where no
record is to blame and sync pauses, and a test's failpoint, which must end the transaction."""


def attempt(
    session: Session, write: Callable[[], _Result]
) -> tuple[_Result, None] | tuple[None, Exception]:
    """(what `write` returned, None), or (None, the error) after undoing what it wrote."""
    try:
        with session.begin_nested():
            return write(), None
    except PASSED_ON:
        raise
    except Exception as error:
        return None, error
