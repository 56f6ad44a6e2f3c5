"""When a long catch-up with the hub's feed runs, and how far it has come, page by page."""

from __future__ import annotations

from app.domain.sync_events import CatchUpProgress


class CatchUp:
    """Follows the feed pages a device applies and tells where a long catch-up stands.

    A catch-up is long when the device is more than one page behind: a page arrives cut
    short and the hub counts records still newer than it (the page's `remaining`). It starts
    with that page, counts every record received from then on, and ends with the first page
    after which nothing is left. A hub that does not count (`remaining` absent: an older
    hub) never starts one: the device cannot know how far it is behind.

    Only the puller's thread uses it; what crosses threads is the CatchUpProgress value.
    """

    def __init__(self) -> None:
        self._progress: CatchUpProgress | None = None

    def page_applied(
        self, records: int, remaining: int | None, *, has_more: bool
    ) -> CatchUpProgress | None:
        """Note a page of `records` records applied, with the hub's `remaining` and
        `has_more`; return the catch-up's progress now (None: none runs, or this page ended
        it). A page that says nothing is left ends it, whatever `remaining` says."""
        left = remaining if has_more and remaining is not None else 0
        if left <= 0:
            self.restart()
            return None
        received = records if self._progress is None else self._progress.received + records
        self._progress = CatchUpProgress(received=received, remaining=left)
        return self._progress

    def restart(self) -> None:
        """Forget the running catch-up (it ended, or the feed is read again from zero)."""
        self._progress = None
