"""Writes the alarm's WAV files into ui/sounds/ (run once; the files are shipped).

Usage: python -m tools.make_alarm_sounds
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 22_050
"""Samples a second: plenty for beeps, and small files."""


def _tone(frequency: float, seconds: float, volume: float = 0.8) -> list[float]:
    count = int(RATE * seconds)
    fade = int(RATE * 0.01)  # 10 ms ramps: no clicks at the edges
    samples = []
    for i in range(count):
        ramp = min(1.0, i / fade, (count - i) / fade)
        samples.append(volume * ramp * math.sin(2 * math.pi * frequency * i / RATE))
    return samples


def _silence(seconds: float) -> list[float]:
    return [0.0] * int(RATE * seconds)


def _write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", int(s * 32_000)) for s in samples))


def main(argv: list[str]) -> int:
    """Write new-order.wav (a two-tone chime), deadline.wav (three urgent beeps) and the
    handheld's scan-error.wav (a low double buzz) and scan-ok.wav (a short high tick)."""
    folder = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent.parent / "ui" / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    chime = _tone(880, 0.18) + _silence(0.05) + _tone(660, 0.3)
    _write(folder / "new-order.wav", chime + _silence(0.1) + chime)
    beep = _tone(1320, 0.12, volume=0.95) + _silence(0.06)
    _write(folder / "deadline.wav", beep * 3 + _silence(0.1) + beep * 3)
    buzz = _tone(220, 0.22, volume=0.95) + _silence(0.06)
    _write(folder / "scan-error.wav", buzz * 2 + _tone(180, 0.3, volume=0.95))
    _write(folder / "scan-ok.wav", _tone(1760, 0.08, volume=0.6))
    for name in ("new-order.wav", "deadline.wav", "scan-error.wav", "scan-ok.wav"):
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
