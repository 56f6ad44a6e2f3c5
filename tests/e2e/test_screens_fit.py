"""Every main screen fits the screens stores have, in English and in Chinese.

The counter at 1024×768, 1366×768 and 1920×1080, the handheld at 480×800: nothing a person
needs is cut off (tests/widget_fit.py says what "cut off" means). One busy store is built
once for the module (tests/e2e/busy_store.py) and each screen is shown over it in a window
of each size and each language.
"""

from __future__ import annotations

import pytest

from tests.e2e.busy_store import (
    COUNTER_SCREENS,
    HANDHELD_SCREENS,
    HANDHELD_SIZE,
    Store,
    language,
    shown_window,
    store,
)
from tests.widget_fit import cut_off
from ui.languages import Language

__all__ = ["language", "store"]  # fixtures

COUNTER_SIZES = ((1024, 768), (1366, 768), (1920, 1080))


@pytest.mark.parametrize("size", COUNTER_SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("name", COUNTER_SCREENS)
def test_counter_screens_fit(qtbot, store: Store, language: Language, name: str, size) -> None:
    window = shown_window(qtbot, store, COUNTER_SCREENS[name], size)

    problems = cut_off(window, size)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", HANDHELD_SCREENS)
def test_handheld_screens_fit(qtbot, store: Store, language: Language, name: str) -> None:
    window = shown_window(qtbot, store, HANDHELD_SCREENS[name], HANDHELD_SIZE, handheld=True)

    problems = cut_off(window, HANDHELD_SIZE)
    assert not problems, "\n".join(problems)
