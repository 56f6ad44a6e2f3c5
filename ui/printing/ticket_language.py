"""Tickets in the device's ticket language: the "Tickets" entries of the Qt Linguist catalogue.

The translators here are never installed in the application: the interface may speak English
while the kitchen reads Chinese. Each catalogue is loaded once, on the thread building this
(the GUI thread); the print thread only asks them for words.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTranslator

from app.printing.ticket_words import CONTEXT, TicketLanguage, TicketWords, english
from app.services.print_settings import PrintSettings
from ui.languages import CATALOGUE, translations_dir

log = logging.getLogger(__name__)


class CatalogueWords:
    """The words of one catalogue; a source it does not translate prints as it is."""

    def __init__(self, translator: QTranslator) -> None:
        self._translator = translator

    def __call__(self, source: str) -> str:
        return self._translator.translate(CONTEXT, source) or source


def catalogue_words(language: TicketLanguage, directory: Path | None = None) -> TicketWords:
    """The ticket words of `language` from `directory` (None: the program's catalogues).

    English needs no catalogue. A missing catalogue is logged and tickets print in English:
    the store keeps printing, and the log says what to rebuild.
    """
    if language is TicketLanguage.ENGLISH:
        return english
    translator = QTranslator()
    path = (directory or translations_dir()) / f"{CATALOGUE}_{language.value}.qm"
    if not translator.load(str(path)):
        log.error("no %s catalogue at %s: tickets print in English", language, path)
        return english
    return CatalogueWords(translator)


class TicketLanguages:
    """Gives the print runner the words of the ticket language chosen now, at each ticket."""

    def __init__(self, settings: PrintSettings, directory: Path | None = None) -> None:
        self._settings = settings
        self._words = {
            language: catalogue_words(language, directory) for language in TicketLanguage
        }

    def __call__(self) -> TicketWords:
        return self._words[self._settings.ticket_language()]
