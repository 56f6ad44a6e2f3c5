"""The PDF printer kind: a ticket's rows drawn on a narrow page, Chinese in Noto Sans CJK."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from app.printing.escpos import Align
from app.printing.layout import Block, QrRow, Row

_DPI = 203
"""Thermal printers print 8 dots per millimetre; the page uses the same grid."""
_DOTS_PER_COLUMN = 12
_LINE_DOTS = 30
_FONT_FAMILIES = [
    "Noto Sans Mono CJK SC",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "sans-serif",
]


class PdfTicketWriter:
    """Implements `TicketFileWriter` with QPdfWriter; safe on a worker thread.

    QPainter on a QPdfWriter is one of the paint devices Qt allows off the GUI thread; the
    fonts are the system's installed CJK fonts, embedded in the file by Qt.
    """

    def write(self, rows: Sequence[Block], columns: int, path: Path) -> None:
        """Write `rows` as a one-page PDF at `path`; raises OSError when it cannot."""
        width_dots = columns * _DOTS_PER_COLUMN + 2 * _DOTS_PER_COLUMN
        height_dots = sum(_height(row) for row in rows) + 6 * _LINE_DOTS
        writer = QPdfWriter(str(path))
        writer.setResolution(_DPI)
        writer.setCreator("Storeside")
        size = QSizeF(width_dots * 25.4 / _DPI, height_dots * 25.4 / _DPI)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(size, QPageSize.Unit.Millimeter, "ticket"),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
        )
        painter = QPainter()
        if not painter.begin(writer):
            raise OSError(f"cannot write {path}")
        try:
            self._draw(painter, rows, columns)
        finally:
            painter.end()
        if not path.exists():
            raise OSError(f"{path} was not written")

    def _draw(self, painter: QPainter, rows: Sequence[Block], columns: int) -> None:
        font = QFont()
        font.setFamilies(_FONT_FAMILIES)
        width = columns * _DOTS_PER_COLUMN
        top = float(_LINE_DOTS)
        for row in rows:
            height = _height(row)
            rect = QRectF(_DOTS_PER_COLUMN, top, width, height)
            if isinstance(row, QrRow):
                # Qt has no QR encoder: the order id printed on the next row stands in for it.
                top += height
                continue
            font.setPixelSize(22 * row.height)
            font.setBold(row.bold)
            font.setStretch(100 * row.width // row.height if row.width != row.height else 100)
            painter.setFont(font)
            flags = _alignment(row) | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, int(flags), row.text)
            top += height


def _height(row: Block) -> int:
    return 0 if isinstance(row, QrRow) else _LINE_DOTS * row.height


def _alignment(row: Row) -> Qt.AlignmentFlag:
    return {
        Align.LEFT: Qt.AlignmentFlag.AlignLeft,
        Align.CENTER: Qt.AlignmentFlag.AlignHCenter,
        Align.RIGHT: Qt.AlignmentFlag.AlignRight,
    }[row.align]
