"""The manager's day at a glance: headline figures, charts of the day, lost orders, CSV export."""

from __future__ import annotations

from datetime import date, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.day_figures import HOURS, Spread
from app.domain.permissions import Permission
from app.domain.vocabulary import Channel
from app.read_models import SignedInStaff
from app.services.day_dashboard import DayAtAGlance, DayDashboard, LostOrder
from app.services.day_export import DayExport, ExportRefused
from ui.day_picker import DayPicker
from ui.day_summary_dialog import format_seconds
from ui.handheld.picking_words import shortage_reason_name
from ui.labels import channel_name, serial_text
from ui.manager.dashboard_charts import BarChartView, BarValues, grouped, horizontal, stacked
from ui.staff_session import authorise
from ui.theme import CHANNEL_COLOURS
from ui.value_formats import format_money

if TYPE_CHECKING:
    from ui.screen_services import ScreenServices

_BUSY_HOURS = (8, 22)
"""Hours shown on a day with no orders (a store's usual opening hours)."""
_MEDIAN_COLOUR = "#2563EB"
_P90_COLOUR = "#F59E0B"
_SHORT_COLOUR = "#DC2626"


def hour_label(hour: int) -> str:
    """An hour of the store's clock as the charts name it: "12" (from 12:00 to 12:59)."""
    return f"{hour:02d}"


def percent_text(rate: float | None) -> str:
    """A share as "2.5 %"; "—" when there is no rate."""
    return "—" if rate is None else f"{rate * 100:.1f} %"


class _Headline(QFrame):
    """One big number with its caption."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        column = QVBoxLayout(self)
        title = QLabel(caption, self)
        title.setObjectName("Hint")
        self.value = QLabel("—", self)
        self.value.setObjectName("BigValue")
        column.addWidget(title)
        column.addWidget(self.value)


class DashboardView(QWidget):
    """One store day at a glance, read from the device cache; refreshed on each day chosen."""

    exported = Signal(object)
    """A DayExport: the day was written to a CSV file (and audited)."""

    def __init__(
        self,
        dashboard: DayDashboard,
        actor: SignedInStaff | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._dashboard = dashboard
        self._actor = actor
        self.figures: DayAtAGlance | None = None
        self._shown_before = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        surface = QWidget(scroll)
        surface.setObjectName("ScreenSurface")
        scroll.setWidget(surface)
        column = QVBoxLayout(surface)
        column.addLayout(self._top_row(surface))
        self.message = QLabel(surface)
        self.message.setObjectName("Hint")
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        column.addLayout(self._headline_row(surface))
        column.addLayout(self._chart_grid(surface), 1)
        self.show_day(None)

    def showEvent(self, event: QShowEvent) -> None:
        """Orders came and went while the tab was hidden: the day on show is read again (a
        manager flipping back to today sees today as it is; about 20 ms, bench/dashboard.py)."""
        super().showEvent(event)
        if self._shown_before:
            # After this show is laid out: charts filled before their size is final elide
            # their category labels.
            QTimer.singleShot(0, self._on_shown_again)
        self._shown_before = True

    @Slot()
    def _on_shown_again(self) -> None:
        if self.figures is not None and self.isVisible():
            self.show_day(self.figures.day)

    def set_actor(self, actor: SignedInStaff | None) -> None:
        """Who is signed in: the export is done (and audited) in their name."""
        self._actor = actor

    def _top_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.day_picker = DayPicker(parent)
        self.day_picker.day_chosen.connect(self.show_day)
        row.addWidget(self.day_picker, 1)
        self.heading = QLabel(parent)
        self.heading.setObjectName("SectionTitle")
        row.addWidget(self.heading)
        self.export_button = QPushButton(self.tr("Export CSV"), parent)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        row.addWidget(self.export_button)
        return row

    def _headline_row(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.orders_card = _Headline(self.tr("Orders"), parent)
        self.revenue_card = _Headline(self.tr("Revenue"), parent)
        self.accept_card = _Headline(self.tr("Median time to accept"), parent)
        self.pick_card = _Headline(self.tr("Median pick time"), parent)
        self.short_card = _Headline(self.tr("Lines short"), parent)
        self.lost_card = _Headline(self.tr("Lost to deadline"), parent)
        for card in (
            self.orders_card,
            self.revenue_card,
            self.accept_card,
            self.pick_card,
            self.short_card,
            self.lost_card,
        ):
            row.addWidget(card, 1)
        return row

    def _chart_grid(self, parent: QWidget) -> QGridLayout:
        grid = QGridLayout()
        self.orders_chart = stacked(self.tr("Orders per hour, by channel"), parent)
        self.accept_chart = grouped(self.tr("Time to accept, by hour placed"), parent)
        self.pick_chart = grouped(self.tr("Pick time in minutes, by hour placed"), parent)
        self.reason_chart = grouped(self.tr("Lines short, by reason"), parent)
        self.sku_chart = horizontal(self.tr("Most often short"), parent)
        # One label per channel, side by side under the chart: "Meituan / median 41 s · p90 ...".
        channel_row = QHBoxLayout()
        self.accept_by_channel: dict[Channel, QLabel] = {}
        for channel in Channel:
            label = QLabel(parent)
            label.setObjectName("Hint")
            channel_row.addWidget(label, 1)
            self.accept_by_channel[channel] = label
        accept_box = QVBoxLayout()
        accept_box.addWidget(self.accept_chart, 1)
        accept_box.addLayout(channel_row)
        lost_box = QVBoxLayout()
        self.lost_title = QLabel(parent)
        self.lost_title.setObjectName("SectionTitle")
        self.lost_list = QListWidget(parent)
        lost_box.addWidget(self.lost_title)
        lost_box.addWidget(self.lost_list, 1)
        grid.addWidget(self.orders_chart, 0, 0)
        grid.addLayout(accept_box, 0, 1)
        grid.addWidget(self.pick_chart, 1, 0)
        grid.addWidget(self.reason_chart, 1, 1)
        grid.addWidget(self.sku_chart, 2, 0)
        grid.addLayout(lost_box, 2, 1)
        return grid

    @Slot(object)
    def show_day(self, day: date | None) -> None:
        """Show the figures of the store's `day` (today when None)."""
        figures = self._dashboard.day_at_a_glance(day)
        self.figures = figures
        self.day_picker.display(figures.day)
        heading = self.tr("Today, {day}") if figures.is_today else self.tr("{day}")
        self.heading.setText(heading.format(day=figures.day.isoformat()))
        self._fill_headlines(figures)
        hours = _shown_hours(figures)
        self._fill_orders(figures, hours)
        self._fill_durations(self.accept_chart, figures.accept_by_hour, hours, minutes=False)
        self._fill_durations(self.pick_chart, figures.pick_by_hour, hours, minutes=True)
        for entry in figures.accept_by_channel:
            self.accept_by_channel[entry.channel].setText(
                self.tr("{channel}\nmedian {median} · p90 {p90}").format(
                    channel=channel_name(entry.channel),
                    median=format_seconds(entry.spread.median),
                    p90=format_seconds(entry.spread.p90),
                )
            )
        self._fill_shortages(figures)
        self._fill_lost(figures.lost_orders, figures.zone)

    def export_to(self, path: Path) -> DayExport | None:
        """Export the day on display to `path` in the signed-in person's name.

        Returns None, and says why on screen, when the export was refused or failed.
        """
        if self._actor is None:
            self.message.setText(self.tr("Sign in to export the day."))
            return None
        actor = authorise(self, Permission.EXPORT, self._actor)
        if actor is None:
            return None
        try:
            export = self._dashboard.export_csv(path, actor, self.day_picker.day())
        except ExportRefused:
            self.message.setText(self.tr("Only a manager may export the day's orders."))
            return None
        except OSError as error:
            self.message.setText(
                self.tr("The file could not be written: {error}").format(error=error.strerror)
            )
            return None
        self.message.setText(
            self.tr("{rows} orders exported to {name}.").format(
                rows=export.rows, name=export.path.name
            )
        )
        self.exported.emit(export)
        return export

    @Slot()
    def _on_export_button_clicked(self) -> None:
        day = self.day_picker.day()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the day as CSV"),
            f"storeside-{day.isoformat()}.csv",
            self.tr("CSV files (*.csv)"),
        )
        if chosen:
            self.export_to(Path(chosen))

    def _fill_headlines(self, figures: DayAtAGlance) -> None:
        self.orders_card.value.setText(str(figures.orders))
        self.revenue_card.value.setText(format_money(figures.revenue_cents))
        self.accept_card.value.setText(format_seconds(figures.accept.median))
        self.pick_card.value.setText(format_seconds(figures.pick.median))
        self.short_card.value.setText(percent_text(figures.short_rate))
        self.lost_card.value.setText(str(len(figures.lost_orders)))

    def _fill_orders(self, figures: DayAtAGlance, hours: range) -> None:
        self.orders_chart.refill(
            [hour_label(hour) for hour in hours],
            [
                BarValues(
                    channel_name(entry.channel),
                    [entry.orders[hour] for hour in hours],
                    CHANNEL_COLOURS[entry.channel].background,
                )
                for entry in figures.orders_by_hour
            ],
            value_title=self.tr("orders"),
            category_title=hour_axis_title(),
        )

    def _fill_durations(
        self, chart_view: BarChartView, spreads: tuple[Spread, ...], hours: range, *, minutes: bool
    ) -> None:
        scale = 60.0 if minutes else 1.0
        chart_view.refill(
            [hour_label(hour) for hour in hours],
            [
                BarValues(
                    median_label(),
                    [(spreads[hour].median or 0.0) / scale for hour in hours],
                    _MEDIAN_COLOUR,
                ),
                BarValues(
                    p90_label(), [(spreads[hour].p90 or 0.0) / scale for hour in hours], _P90_COLOUR
                ),
            ],
            # Qt elides a vertical title beside one-digit labels: minutes are named in the
            # chart's title instead.
            value_title="" if minutes else self.tr("seconds"),
            category_title=hour_axis_title(),
        )

    def _fill_shortages(self, figures: DayAtAGlance) -> None:
        self.reason_chart.refill(
            [shortage_reason_name(entry.reason) for entry in figures.short_by_reason],
            [
                BarValues(
                    self.tr("% of lines picked"),
                    [(entry.rate or 0.0) * 100 for entry in figures.short_by_reason],
                    _SHORT_COLOUR,
                )
            ],
            value_title=self.tr("%"),
            legend=False,
        )
        # Listed bottom-up by Qt: reversed so that the SKU most often short is on top.
        skus = list(reversed(figures.short_by_sku))
        self.sku_chart.refill(
            [f"{entry.name} ({entry.short_lines}/{entry.picked_lines})" for entry in skus],
            [
                BarValues(
                    self.tr("% of its lines short"),
                    [(entry.rate or 0.0) * 100 for entry in skus],
                    _SHORT_COLOUR,
                )
            ],
            value_title=self.tr("% of its lines short"),
            legend=False,
        )

    def _fill_lost(self, lost: tuple[LostOrder, ...], zone: tzinfo) -> None:
        self.lost_title.setText(self.tr("Lost to deadline: {count}").format(count=len(lost)))
        self.lost_list.clear()
        for order in lost:
            self.lost_list.addItem(
                self.tr("{serial} {channel} {number} · placed {time} · {total}").format(
                    serial=serial_text(order.daily_serial),
                    channel=channel_name(order.channel),
                    number=order.channel_order_no,
                    time=order.placed_at.astimezone(zone).strftime("%H:%M"),
                    total=format_money(order.total_cents),
                )
            )


def build_dashboard_view(services: ScreenServices, parent: QWidget) -> DashboardView:
    """The dashboard over the window's services (a manager tab's builder).

    Raises LookupError when the device was built without the day dashboard service.
    """
    if services.day_dashboard is None:
        raise LookupError("this window has no day dashboard service")
    return DashboardView(services.day_dashboard, parent=parent)


def hour_axis_title() -> str:
    """The title under the hour axes."""
    return QCoreApplication.translate("DashboardView", "hour of the day")


def median_label() -> str:
    """The legend of the median bars."""
    return QCoreApplication.translate("DashboardView", "Median")


def p90_label() -> str:
    """The legend of the 90th percentile bars."""
    return QCoreApplication.translate("DashboardView", "90th percentile")


def _shown_hours(figures: DayAtAGlance) -> range:
    """From the first hour with an order to the last (the usual opening hours on a quiet day)."""
    busy = [
        hour for hour in range(HOURS) if any(entry.orders[hour] for entry in figures.orders_by_hour)
    ]
    if not busy:
        return range(*_BUSY_HOURS)
    return range(min(busy), max(busy) + 1)
