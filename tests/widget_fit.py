"""What a person would see cut off on a shown window: widgets past their parent's edge, text
wider than its label or button, table columns past the view, cells cut without a tooltip.

`cut_off(window)` walks every visible widget under `window` and returns one line per problem,
naming the widget by its class, object name and text, so a failing test says what to fix.
Scrolling down is allowed (a list is longer than the screen); scrolling sideways is not.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect
from PySide6.QtGui import QFontMetrics, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTabBar,
    QWidget,
)

_SLACK = 1
"""Pixels of rounding allowed at an edge."""
_BUTTON_PADDING = 8
"""The least room a button's frame and margins take beside its text (both sides together)."""
_CELL_PADDING = 6
"""Room an item view's cell keeps beside its text."""
_ROWS_CHECKED = 30
"""Rows of an item view checked for cut cells (the ones a person sees first)."""


def cut_off(window: QWidget, size: tuple[int, int] | None = None) -> list[str]:
    """Everything on `window` a person would see clipped; [] when all of it fits.

    `size`, when given, is the size the window was asked to take: a window whose contents
    force it larger than the screen is cut off by the screen itself."""
    problems: list[str] = []
    if size is not None and (window.width() > size[0] or window.height() > size[1]):
        problems.append(
            f"{_name(window)} needs {window.width()}×{window.height()}, "
            f"more than the screen's {size[0]}×{size[1]}"
        )
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _inside_item_view(widget):
            continue
        problems += _past_parent(widget)
        if isinstance(widget, QLabel):
            problems += _label_cut(widget)
        elif isinstance(widget, QAbstractButton):
            problems += _button_cut(widget)
        elif isinstance(widget, QTabBar):
            problems += _tabs_cut(widget)
        if isinstance(widget, QScrollArea):
            problems += _scrolls_sideways(widget)
        elif isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            problems += _view_cut(widget)
    return problems


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QLabel | QAbstractButton):
        text = f" “{widget.text()}”"
    name = f"#{widget.objectName()}" if widget.objectName() else ""
    return f"{type(widget).__name__}{name}{text}"


def _inside_item_view(widget: QWidget) -> bool:
    """Item views' own parts (viewport, headers, editors) are checked as a view."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _scrolled(widget: QWidget) -> bool:
    """True for a scroll area's content: it moves under the viewport by design."""
    parent = widget.parentWidget()
    grand = parent.parentWidget() if parent is not None else None
    return isinstance(grand, QAbstractScrollArea) and parent is grand.viewport()


def _past_parent(widget: QWidget) -> list[str]:
    parent = widget.parentWidget()
    if parent is None or _scrolled(widget):
        return []
    room = parent.rect().adjusted(-_SLACK, -_SLACK, _SLACK, _SLACK)
    if room.contains(widget.geometry()):
        return []
    edge = widget.geometry()
    return [
        f"{_name(widget)} at {_rect(edge)} goes past its parent {_name(parent)} "
        f"({parent.width()}×{parent.height()})"
    ]


def _rect(rect: QRect) -> str:
    return f"({rect.x()},{rect.y()} {rect.width()}×{rect.height()})"


def _label_cut(label: QLabel) -> list[str]:
    text = label.text()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return []
    room = label.contentsRect()
    if label.wordWrap() or Qt.mightBeRichText(text):
        needed = label.heightForWidth(label.width())
        if needed > label.height() + _SLACK:
            return [f"{_name(label)} needs {needed} px of height, has {label.height()}"]
        return []
    metrics = QFontMetrics(label.font())
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines() or [text])
    if widest > room.width() + _SLACK:
        return [f"{_name(label)} needs {widest} px, has {room.width()}"]
    return []


def _button_cut(button: QAbstractButton) -> list[str]:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text:
        return []
    metrics = QFontMetrics(button.font())
    widest = max(metrics.horizontalAdvance(line) for line in text.splitlines())
    icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
    if widest + icon + _BUTTON_PADDING > button.width() + _SLACK:
        return [f"{_name(button)} needs {widest + icon + _BUTTON_PADDING} px, has {button.width()}"]
    return []


def _tabs_cut(tabs: QTabBar) -> list[str]:
    problems = []
    metrics = QFontMetrics(tabs.font())
    for index in range(tabs.count()):
        if not tabs.isTabVisible(index):
            continue
        text = tabs.tabText(index).replace("&", "")
        rect = tabs.tabRect(index)
        if not tabs.rect().adjusted(0, 0, _SLACK, _SLACK).contains(rect):
            problems.append(f"tab “{text}” is past the end of its tab bar")
        elif metrics.horizontalAdvance(text) > rect.width():
            problems.append(f"tab “{text}” needs more than its {rect.width()} px")
    return problems


def _scrolls_sideways(area: QScrollArea) -> list[str]:
    content = area.widget()
    if content is None or not content.isVisible():
        return []
    if content.width() > area.viewport().width() + _SLACK:
        return [
            f"{_name(area)} holds {_name(content)} {content.width()} px wide in a viewport of "
            f"{area.viewport().width()} px: its right side is cut off"
        ]
    return []


def _view_cut(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    header = getattr(view, "horizontalHeader", None)
    if header is None or not callable(header):
        return []
    head: QHeaderView = header()
    problems = []
    shown = [c for c in range(model.columnCount()) if not head.isSectionHidden(c)]
    used = sum(head.sectionSize(c) for c in shown)
    if used > view.viewport().width() + _SLACK:
        problems.append(
            f"{_name(view)}: its columns take {used} px of a {view.viewport().width()} px view"
        )
    metrics = QFontMetrics(head.font())
    for column in shown:
        title = model.headerData(column, Qt.Orientation.Horizontal)
        room = head.sectionSize(column)
        if isinstance(title, str) and metrics.horizontalAdvance(title) + _CELL_PADDING > room:
            problems.append(f"{_name(view)}: the title “{title}” needs more than its {room} px")
    problems += _cells_cut(view, shown)
    return problems


def _cells_cut(view: QAbstractItemView, columns: list[int]) -> list[str]:
    """Cells whose text is wider than their column and that have no tooltip to read it."""
    model = view.model()
    metrics = QFontMetrics(view.font())
    problems = []
    for row in range(min(model.rowCount(), _ROWS_CHECKED)):
        for column in columns:
            index = model.index(row, column, QModelIndex())
            if view.indexWidget(index) is not None:
                continue
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text:
                continue
            width = view.visualRect(index).width()
            if width <= 0:
                continue
            font = model.data(index, Qt.ItemDataRole.FontRole)
            needed = (QFontMetrics(font) if font is not None else metrics).horizontalAdvance(text)
            if needed + _CELL_PADDING > width and not model.data(
                index, Qt.ItemDataRole.ToolTipRole
            ):
                problems.append(
                    f"{_name(view)}: “{text}” (row {row}, column {column}) needs {needed} px "
                    f"of a {width} px cell and has no tooltip"
                )
    return problems
