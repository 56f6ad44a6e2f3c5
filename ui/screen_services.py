"""The services the screens call, handed to the main window as one immutable bundle."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.clock import Clock
from app.services.notices import RejectionNotices
from app.services.order_actions import OrderActions
from app.services.order_queries import OrderQueries
from app.services.sign_in import SignInService
from app.services.sync_health import SyncHealthQueries


@dataclass(frozen=True, slots=True)
class ScreenServices:
    """Everything the screens need from app/; each call is one short local transaction."""

    order_actions: OrderActions
    order_queries: OrderQueries
    sign_in: SignInService
    notices: RejectionNotices
    health: SyncHealthQueries
    clock: Clock
    """Source of "now" for ages, countdowns and the status bar."""
