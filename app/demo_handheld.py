"""Part of the composition root, demo only: a handheld as a second enrolled device in its own
window, so one `make demo` shows the counter and the picker side by side.

Each handheld has its own database under the demo folder, its own device token and sync
engine, and prints its bag labels to PDF files: it is a separate device, as in a store.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.device import Device, build_device, enrol_with_embedded_hub
from app.domain.clock import utc_now
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup
from app.services.device_preferences import DevicePreferences
from app.services.print_settings import PrintSettings
from app.settings import Settings
from ui.handheld.handheld_style import HANDHELD_SIZE
from ui.handheld.layout_choice import LAYOUT_KEY, LayoutSetting
from ui.main_window import MainWindow
from ui.printing.pdf_ticket_writer import PdfTicketWriter
from ui.printing.ticket_language import TicketLanguages
from ui.screen_services import ScreenServices
from ui.sync_bridge import SyncBridge

if TYPE_CHECKING:
    from hub.embedded import EmbeddedHub

log = logging.getLogger(__name__)


def set_up_label_printing(preferences: DevicePreferences, folder: Path) -> None:
    """A demo handheld prints bag labels to PDF files in `folder`, and nothing else."""
    settings = PrintSettings(preferences, utc_now)
    if settings.setup().printers:
        return
    pdf = PrinterConfig(
        printer_id="labels", name="PDF labels", kind=PrinterKind.PDF, folder=str(folder)
    )
    settings.save(PrintSetup(printers=(pdf,), label_printer_id="labels"))


@dataclass
class _OpenHandheld:
    device: Device
    window: MainWindow
    bridge: SyncBridge


class DemoHandhelds:
    """Opens handheld windows on demand (Demo → Open a handheld) and stops them at exit."""

    def __init__(
        self,
        hub: EmbeddedHub,
        settings: Settings,
        *,
        store_name: str,
        screen_services: Callable[[Device], ScreenServices],
    ) -> None:
        """`settings` are the counter's; each handheld gets them with its own data folder
        beside the counter's."""
        self._hub = hub
        self._settings = settings
        self._store_name = store_name
        self._screen_services = screen_services
        self._open: list[_OpenHandheld] = []

    def open_handheld(self) -> MainWindow:
        """Enrol (the first time) and open the next handheld, sized 480×800."""
        number = len(self._open) + 1
        folder = self._settings.data_dir.parent / f"handheld-{number}"
        settings = replace(self._settings, data_dir=folder)
        credentials, db = enrol_with_embedded_hub(self._hub, settings)
        preferences = DevicePreferences(db, utc_now)
        preferences.set(LAYOUT_KEY, LayoutSetting.HANDHELD.value)
        set_up_label_printing(preferences, folder / "labels")
        bridge = SyncBridge()
        device = build_device(settings, credentials, utc_now, bridge, db=db)
        device.printing.runner.use_file_writer(PdfTicketWriter())
        device.printing.runner.use_ticket_words(TicketLanguages(device.printing.settings))
        window = MainWindow(
            self._screen_services(device),
            bridge,
            store_name=self._store_name,
        )
        window.setWindowTitle(
            window.tr("Handheld {number} — {store}").format(number=number, store=self._store_name)
        )
        window.resize(*HANDHELD_SIZE)
        device.start()
        window.show()
        self._open.append(_OpenHandheld(device, window, bridge))
        log.info("demo handheld %d opened, data in %s", number, folder)
        return window

    def stop_all(self) -> None:
        """Stop every handheld's device (their windows went with the application)."""
        for handheld in self._open:
            handheld.device.stop()
        self._open.clear()
