"""The dashboard's charts: bar charts built once and refilled with each day's figures.

Each chart keeps one QChart for its life and swaps its series and axes on `refill`, because
a QChartView does not delete a chart it is given in place of another (a leak per day shown).
Fonts come from the widget, so Chinese labels render in the theme's font like the rest of
the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

_MIN_HEIGHT = 280


@dataclass(frozen=True, slots=True)
class BarValues:
    """One named row of bars: a value per category, drawn in `colour`."""

    label: str
    values: Sequence[float]
    colour: str


class BarChartView(QChartView):
    """A titled bar chart (stacked, grouped or horizontal) over named categories."""

    def __init__(self, title: str, kind: type[QAbstractBarSeries], parent: QWidget) -> None:
        super().__init__(parent)
        self._kind = kind
        # One font for every fill: the view's own font changes once the window's style sheet
        # polishes it (when first shown), and a refill in the bigger font elided the labels.
        self._label_font = QFont(parent.font())
        chart = QChart()
        chart.setTitle(title)
        title_font = QFont(parent.font())
        title_font.setBold(True)
        if title_font.pointSizeF() > 0:
            title_font.setPointSizeF(title_font.pointSizeF() * 1.1)
        else:  # the window's style sheet sizes fonts in pixels
            title_font.setPixelSize(round(title_font.pixelSize() * 1.1))
        chart.setTitleFont(title_font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setFont(parent.font())
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(8)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(_MIN_HEIGHT)
        self.categories: list[str] = []

    @property
    def series(self) -> QAbstractBarSeries | None:
        """The bars on show (None before the first refill)."""
        shown = self.chart().series()
        return shown[0] if shown and isinstance(shown[0], QAbstractBarSeries) else None

    def value(self, label: str, category: str) -> float:
        """The bar of row `label` at `category` (what a person reads off the chart)."""
        series = self.series
        if series is None:
            raise LookupError("the chart is empty")
        for bar_set in series.barSets():
            if bar_set.label() == label:
                return bar_set.at(self.categories.index(category))
        raise LookupError(label)

    def refill(
        self,
        categories: Sequence[str],
        rows: Sequence[BarValues],
        *,
        value_title: str,
        category_title: str = "",
        legend: bool = True,
    ) -> None:
        """Show `rows` over `categories`, the value axis named `value_title`, from 0 up."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        self.categories = list(categories)
        series = self._kind()
        top = 0.0
        for row in rows:
            bar_set = QBarSet(row.label)
            bar_set.setColor(QColor(row.colour))
            bar_set.setBorderColor(QColor(row.colour))
            bar_set.append([float(value) for value in row.values])
            series.append(bar_set)
            top = max(top, *row.values, 0.0)
        if self._kind is QStackedBarSeries:
            top = max(
                (sum(column) for column in zip(*(r.values for r in rows), strict=True)), default=0.0
            )
        chart.addSeries(series)
        self._attach_axes(series, top, value_title, category_title)
        chart.legend().setVisible(legend)

    def _attach_axes(
        self, series: QAbstractBarSeries, top: float, value_title: str, category_title: str
    ) -> None:
        chart = self.chart()
        names = QBarCategoryAxis()
        names.append(self.categories)
        names.setTitleText(category_title)
        names.setTitleFont(self._label_font)
        names.setLabelsFont(self._label_font)
        values = QValueAxis()
        # A little headroom above the tallest bar, then round ends and ticks (2.5, not "3").
        values.setRange(0.0, max(top * 1.05, 1.0))
        values.applyNiceNumbers()
        values.setLabelFormat("%g")
        values.setTitleText(value_title)
        values.setTitleFont(self._label_font)
        values.setLabelsFont(self._label_font)
        horizontal = isinstance(series, QHorizontalBarSeries)
        chart.addAxis(
            names, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom
        )
        chart.addAxis(
            values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft
        )
        series.attachAxis(names)
        series.attachAxis(values)


def grouped(title: str, parent: QWidget) -> BarChartView:
    """A chart of bars side by side."""
    return BarChartView(title, QBarSeries, parent)


def stacked(title: str, parent: QWidget) -> BarChartView:
    """A chart of bars stacked on each other."""
    return BarChartView(title, QStackedBarSeries, parent)


def horizontal(title: str, parent: QWidget) -> BarChartView:
    """A chart of bars lying down (long category names read better at the left)."""
    return BarChartView(title, QHorizontalBarSeries, parent)
