"""How inbox cells are painted: channel badges, and colours that survive row selection."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
_PADDING_X = 8.0
_PADDING_Y = 9.0
_RADIUS = 6.0


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
