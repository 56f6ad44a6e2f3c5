"""Demo → Open a handheld: a second enrolled device in its own 480×800 window."""

from __future__ import annotations

from pathlib import Path

from app.demo_handheld import DemoHandhelds
from app.main import screen_services
from app.settings import Settings
from hub.embedded import EmbeddedHub
from ui.handheld.handheld_style import HANDHELD_SIZE


def test_a_demo_handheld_is_its_own_device_with_the_handheld_screens(
    hub: EmbeddedHub, tmp_path: Path, qtbot
) -> None:
    counter_settings = Settings(data_dir=tmp_path / "device", hub_url=hub.url)
    handhelds = DemoHandhelds(
        hub, counter_settings, store_name="Storeside 演示店", screen_services=screen_services
    )
    try:
        window = handhelds.open_handheld()
        qtbot.addWidget(window)
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: "staff-liqiang" in window.sign_in_screen.listed_staff_ids())

        assert (tmp_path / "handheld-1" / "storeside.db").exists()
        assert "Handheld 1" in window.windowTitle()
        assert window.width() == HANDHELD_SIZE[0]
        assert window.order_alarm is None  # the counter rings, not the handheld
        sign_in = window.sign_in_screen
        sign_in.staff_button("staff-liqiang").click()
        sign_in.pin_field.setText("2222")
        sign_in.sign_in_button.click()
        assert window.handheld_screen is not None
        assert window.screens.currentWidget() is window.handheld_screen
    finally:
        handhelds.stop_all()
