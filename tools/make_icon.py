"""Draw the app's icon: `python -m tools.make_icon` writes ui/icons/storeside.png and the .ico.

A blue tile with a white shopping bag and an orange tick: an order, ready. Drawn with QPainter
so no font or SVG plugin is needed; the PNG is what the app and the tray show, the .ico what a
Windows build puts on its .exe (packaging/).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent


def draw(size: int) -> QImage:
    """The icon at `size`×`size` pixels."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 64
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1F6FEB"))
    painter.drawRoundedRect(QRectF(2 * unit, 2 * unit, 60 * unit, 60 * unit), 13 * unit, 13 * unit)
    painter.setBrush(QColor("#FFFFFF"))
    bag = QPainterPath()
    bag.moveTo(14 * unit, 24 * unit)
    bag.lineTo(50 * unit, 24 * unit)
    bag.lineTo(47 * unit, 52 * unit)
    bag.lineTo(17 * unit, 52 * unit)
    bag.closeSubpath()
    painter.drawPath(bag)
    handle = QPen(QColor("#FFFFFF"), 4 * unit)
    painter.setPen(handle)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawArc(QRectF(22 * unit, 11 * unit, 20 * unit, 22 * unit), 0, 180 * 16)
    tick = QPen(QColor("#F59E0B"), 5 * unit)
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(tick)
    painter.drawPolyline(
        [
            QPointF(23 * unit, 38 * unit),
            QPointF(30 * unit, 45 * unit),
            QPointF(42 * unit, 32 * unit),
        ]
    )
    painter.end()
    return image


def main() -> int:
    """Write the PNG (256 px) and the Windows .ico (48 px, what Qt's ico writer keeps)."""
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    png = ROOT / "ui" / "icons" / "storeside.png"
    ico = ROOT / "packaging" / "storeside.ico"
    ico.parent.mkdir(exist_ok=True)
    if not draw(256).save(str(png)):
        print(f"could not write {png}", file=sys.stderr)
        return 1
    if not draw(48).save(str(ico), b"ICO"):
        print(f"could not write {ico} (no ico image plugin)", file=sys.stderr)
    print(f"wrote {png.relative_to(ROOT)} and {ico.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
