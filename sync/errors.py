"""Hub errors, classified once at the boundary into what the sync engine does about them."""

from __future__ import annotations

from app.domain.sync_events import UNREADABLE_REPLY


class SyncError(Exception):
    """Base of everything the hub client raises."""


class HubUnreachable(SyncError):
    """Network down, timeout, hub busy or failing (5xx, 429): back off and retry."""


class HubBusy(HubUnreachable):
    """The hub answered but cannot serve now: 429 (too many attempts) or 5xx."""

    def __init__(self, status_code: int) -> None:
        super().__init__(f"hub answered {status_code}")
        self.status_code = status_code


class CertificateRefused(HubUnreachable):
    """The hub's TLS certificate failed verification: nothing was sent. Retried like any
    unreachable hub (whoever runs it may fix it); its text says why, in words."""


class AuthExpired(SyncError):
    """The hub no longer accepts this device's token: the device must be enrolled again."""


class CursorInvalid(SyncError):
    """The hub no longer knows our feed position: re-sync from zero, keep the outbox."""


class RequestRefused(SyncError):
    """The hub refused the request itself (4xx): retrying the same request cannot help."""

    def __init__(self, status_code: int, error: str, message: str, details: dict[str, object]):
        super().__init__(f"{status_code} {error}: {message}")
        self.status_code = status_code
        self.error = error
        self.message = message
        self.details = details


class ProtocolViolation(HubUnreachable):
    """The hub answered something that is not the contract; treated as a passing fault.

    Its text begins with UNREADABLE_REPLY, so the status a failed exchange leaves says so.
    """

    def __init__(self, detail: str) -> None:
        super().__init__(f"{UNREADABLE_REPLY}: {detail}")
        self.detail = detail


class DeadlinePassed(HubUnreachable):
    """The hub's reply did not arrive whole within the call's deadline."""
