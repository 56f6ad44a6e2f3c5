"""The printing setup of this device and its ticket language, kept in device preferences
under "printing.*"."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.clock import Clock
from app.printing.print_setup import PrinterConfig, PrinterKind, PrintSetup, Station
from app.printing.ticket_words import DEFAULT_LANGUAGE, TicketLanguage
from app.read_models import SignedInStaff
from app.services.device_preferences import DevicePreferences

SETUP_KEY = "printing.setup"
ENABLED_SINCE_KEY = "printing.enabled_since"
TICKET_LANGUAGE_KEY = "printing.ticket_language"
"""A TicketLanguage value: the language tickets print in, apart from the interface's."""


class PrintSettings:
    """Reads and writes the typed `PrintSetup`; remembers when this device began printing.

    Only orders accepted after that moment get kitchen tickets by themselves: a device
    configured at 3 pm does not print the whole lunch service again.
    """

    def __init__(self, preferences: DevicePreferences, clock: Clock) -> None:
        self._preferences = preferences
        self._clock = clock

    def setup(self) -> PrintSetup:
        """The current setup (empty: this device does not print)."""
        return setup_from_json(self._preferences.get(SETUP_KEY, {}))

    def enabled_since(self) -> datetime | None:
        """When this device was first set up to print, if it is."""
        value = self._preferences.get(ENABLED_SINCE_KEY, None)
        return None if value is None else datetime.fromisoformat(value)

    def ticket_language(self) -> TicketLanguage:
        """The language tickets print in (Chinese unless chosen; an unknown value reads so)."""
        try:
            return TicketLanguage(self._preferences.get(TICKET_LANGUAGE_KEY, DEFAULT_LANGUAGE))
        except ValueError:
            return DEFAULT_LANGUAGE

    def change_ticket_language(self, actor: SignedInStaff, language: TicketLanguage) -> None:
        """A person's choice of ticket language, from the next ticket printed on: a settings
        change, checked and audited. Raises SettingRefused("not_permitted"), keeping nothing."""
        self._preferences.set_by(actor, TICKET_LANGUAGE_KEY, language.value)

    def change(self, actor: SignedInStaff, setup: PrintSetup) -> None:
        """A person's new setup: a settings change, checked against the matrix and audited.

        Raises SettingRefused("not_permitted") and keeps nothing when `actor` may not.
        """
        self._preferences.set_by(actor, SETUP_KEY, setup_to_json(setup))
        if setup.is_printing and self.enabled_since() is None:
            self._preferences.set(
                ENABLED_SINCE_KEY, self._clock().isoformat(), staff_id=actor.staff_id
            )

    def save(self, setup: PrintSetup, *, staff_id: str = "") -> None:
        """Keep `setup` as the program sets it up (a demo's PDF printer, tests' fixtures);
        the first setup that prints starts the automatic tickets. A person uses `change`."""
        self._preferences.set(SETUP_KEY, setup_to_json(setup), staff_id=staff_id)
        if setup.is_printing and self.enabled_since() is None:
            self._preferences.set(ENABLED_SINCE_KEY, self._clock().isoformat(), staff_id=staff_id)


def setup_to_json(setup: PrintSetup) -> dict[str, Any]:
    """A JSON-ready form of `setup`."""
    return {
        "printers": [
            {
                "printer_id": p.printer_id,
                "name": p.name,
                "kind": p.kind.value,
                "host": p.host,
                "port": p.port,
                "paper_mm": p.paper_mm,
                "folder": p.folder,
                "backup_id": p.backup_id,
            }
            for p in setup.printers
        ],
        "stations": [
            {
                "station_id": s.station_id,
                "name": s.name,
                "printer_id": s.printer_id,
                "categories": list(s.categories),
            }
            for s in setup.stations
        ],
        "counter_printer_id": setup.counter_printer_id,
        "label_printer_id": setup.label_printer_id,
        "auto_kitchen": setup.auto_kitchen,
    }


def setup_from_json(data: dict[str, Any]) -> PrintSetup:
    """The setup `setup_to_json` wrote; unknown keys are ignored."""
    printers = tuple(
        PrinterConfig(
            printer_id=str(p["printer_id"]),
            name=str(p.get("name", p["printer_id"])),
            kind=PrinterKind(p.get("kind", PrinterKind.NETWORK)),
            host=str(p.get("host", "")),
            port=int(p.get("port", 9100)),
            paper_mm=int(p.get("paper_mm", 80)),
            folder=str(p.get("folder", "")),
            backup_id=str(p.get("backup_id", "")),
        )
        for p in data.get("printers", ())
    )
    stations = tuple(
        Station(
            station_id=str(s["station_id"]),
            name=str(s.get("name", s["station_id"])),
            printer_id=str(s["printer_id"]),
            categories=tuple(str(c) for c in s.get("categories", ())),
        )
        for s in data.get("stations", ())
    )
    return replace(
        PrintSetup(),
        printers=printers,
        stations=stations,
        counter_printer_id=str(data.get("counter_printer_id", "")),
        label_printer_id=str(data.get("label_printer_id", "")),
        auto_kitchen=bool(data.get("auto_kitchen", True)),
    )


def set_up_demo_printing(preferences: DevicePreferences, clock: Clock, folder: Path) -> None:
    """A demo device without printers prints to PDF files in `folder` (kitchen and counter)."""
    settings = PrintSettings(preferences, clock)
    if settings.setup().printers:
        return
    pdf = PrinterConfig(
        printer_id="pdf", name="PDF", kind=PrinterKind.PDF, folder=str(folder), paper_mm=80
    )
    kitchen = Station(station_id="kitchen", name="厨房 Kitchen", printer_id="pdf")
    settings.save(PrintSetup(printers=(pdf,), stations=(kitchen,), counter_printer_id="pdf"))
