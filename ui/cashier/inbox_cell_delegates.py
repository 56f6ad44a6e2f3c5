"""How inbox cells are painted: channel and exception badges, colours that survive selection."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
_PADDING_X = 8.0
_PADDING_Y = 9.0
_RADIUS = 6.0
EXCEPTION_RED = QColor("#DC2626")
"""The badge of an exception order: the red of the flashing New tab."""
EXCEPTION_TEXT = QColor("#991B1B")
"""The reason beside it, dark red on the row's white."""


def badge_width(text: str, font: QFont) -> int:
    """The cell width a channel badge of `text` needs: its bold text, a little room inside
    the badge, and the cell's padding around it."""
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetrics(bold).horizontalAdvance(text) + 12 + int(2 * _PADDING_X)


class ChannelBadgeDelegate(QStyledItemDelegate):
    """Draws the cell's text in a rounded badge of the cell's background colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if not isinstance(background, QColor) or not isinstance(foreground, QColor):
            super().paint(painter, option, index)
            return
        # Let the style draw selection and focus, then put the badge on top of them.
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        plain.backgroundBrush = QBrush()
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        rect = QRectF(option.rect).adjusted(_PADDING_X, _PADDING_Y, -_PADDING_X, -_PADDING_Y)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(rect, _RADIUS, _RADIUS)
        font = index.data(Qt.ItemDataRole.FontRole)
        font = QFont(font) if isinstance(font, QFont) else QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(foreground)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(index.data()))
        painter.restore()


class ColouredTextDelegate(QStyledItemDelegate):
    """Keeps a cell's own text colour when its row is selected.

    Styles paint selected text in the palette's highlighted-text colour, which would turn a red
    countdown black exactly when the cashier is looking at that order.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: _Index) -> None:
        super().initStyleOption(option, index)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        if isinstance(foreground, QColor):
            option.palette.setColor(QPalette.ColorRole.HighlightedText, foreground)


class ExceptionBadgeDelegate(ColouredTextDelegate):
    """An exception order's cell: a red "Needs checking" badge, then the reason in words.

    Any other cell is drawn as ColouredTextDelegate draws it.
    """

    def __init__(self, badge_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._badge_role = badge_role

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        badge = index.data(self._badge_role)
        if not isinstance(badge, str):
            super().paint(painter, option, index)
            return
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        plain.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        # Two lines in the row's height: the badge above, the reason in words below it.
        font = QFont(option.font)
        font.setPixelSize(12)
        font.setBold(True)
        metrics = QFontMetrics(font)
        cell = QRectF(option.rect).adjusted(_PADDING_X, 4.0, -_PADDING_X, -4.0)
        pill_height = metrics.height() + 4
        pill = QRectF(cell.left(), cell.top(), metrics.horizontalAdvance(badge) + 16, pill_height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(EXCEPTION_RED)
        painter.drawRoundedRect(pill, _RADIUS - 2, _RADIUS - 2)
        painter.setFont(font)
        painter.setPen(QColor("#FFFFFF"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, badge)
        reason_font = QFont(option.font)
        reason_font.setPixelSize(14)
        painter.setFont(reason_font)
        painter.setPen(EXCEPTION_TEXT)
        text_rect = QRectF(
            cell.left(), pill.bottom() + 2, cell.width(), cell.bottom() - pill.bottom() - 2
        )
        reason = QFontMetrics(reason_font).elidedText(
            str(index.data() or ""), Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, reason
        )
        painter.restore()
