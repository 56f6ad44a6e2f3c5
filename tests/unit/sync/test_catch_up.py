"""CatchUp: a long catch-up starts more than a page behind, counts up, and ends at the head."""

from __future__ import annotations

from app.domain.sync_events import CatchUpProgress
from sync.catch_up import CatchUp


def test_a_device_keeping_up_has_no_catch_up() -> None:
    catch_up = CatchUp()
    assert catch_up.page_applied(0, 0, has_more=False) is None
    assert catch_up.page_applied(3, 0, has_more=False) is None


def test_a_page_cut_short_starts_one_counting_the_page() -> None:
    progress = CatchUp().page_applied(500, 4500, has_more=True)
    assert progress == CatchUpProgress(received=500, remaining=4500)
    assert progress.total == 5000


def test_progress_rises_page_by_page_and_ends_at_the_head() -> None:
    catch_up = CatchUp()
    seen = [
        catch_up.page_applied(100, 250, has_more=True),
        catch_up.page_applied(100, 150, has_more=True),
        catch_up.page_applied(100, 50, has_more=True),
        catch_up.page_applied(50, 0, has_more=False),
    ]
    assert seen == [
        CatchUpProgress(received=100, remaining=250),
        CatchUpProgress(received=200, remaining=150),
        CatchUpProgress(received=300, remaining=50),
        None,
    ]


def test_the_total_grows_when_the_store_changes_meanwhile() -> None:
    catch_up = CatchUp()
    catch_up.page_applied(10, 20, has_more=True)
    # Five records already received changed again: they come back at the feed's end.
    progress = catch_up.page_applied(10, 15, has_more=True)
    assert progress == CatchUpProgress(received=20, remaining=15)
    assert progress.total == 35


def test_the_next_catch_up_counts_from_zero_again() -> None:
    catch_up = CatchUp()
    catch_up.page_applied(10, 5, has_more=True)
    catch_up.page_applied(5, 0, has_more=False)
    assert catch_up.page_applied(10, 30, has_more=True) == CatchUpProgress(10, 30)


def test_restarting_from_zero_forgets_what_was_received() -> None:
    catch_up = CatchUp()
    catch_up.page_applied(10, 90, has_more=True)
    catch_up.restart()
    assert catch_up.page_applied(10, 95, has_more=True) == CatchUpProgress(10, 95)


def test_a_hub_that_does_not_count_never_starts_one() -> None:
    catch_up = CatchUp()
    assert catch_up.page_applied(500, None, has_more=True) is None
    assert catch_up.page_applied(500, None, has_more=True) is None


def test_a_page_saying_nothing_more_ends_it_whatever_the_count() -> None:
    catch_up = CatchUp()
    catch_up.page_applied(10, 20, has_more=True)
    assert catch_up.page_applied(10, 10, has_more=False) is None
