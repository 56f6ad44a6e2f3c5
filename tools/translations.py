"""The catalogues: zh_CN (every string) and en (plural forms only); update, check, build.

    python -m tools.translations update   # pyside6-lupdate: new sources in, vanished ones out
    python -m tools.translations check    # fails when a source string is missing or unfinished
    python -m tools.translations release  # pyside6-lrelease: translations/*.qm

`check` runs lupdate on a copy, so it sees exactly what `update` would change: a tr() whose
source is not in the catalogue, an entry left unfinished, or one whose source is gone.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Final

ROOT: Final = Path(__file__).resolve().parent.parent
TS: Final = ROOT / "translations" / "storeside_zh_CN.ts"
EN_TS: Final = ROOT / "translations" / "storeside_en.ts"
"""English is the source language: its catalogue holds only the plural forms ("%n order(s)"
as "1 order", "2 orders"), which Qt takes from a catalogue in every language."""
CATALOGUES: Final = (TS, EN_TS)
SOURCES: Final = ("ui", "app")
_BIN: Final = Path(sys.executable).parent


@dataclass(frozen=True)
class Gap:
    """An entry of the catalogue that a Chinese screen would show in English."""

    context: str
    source: str
    why: str


def source_files() -> list[str]:
    """The modules whose tr() strings the catalogue holds."""
    return sorted(str(path) for package in SOURCES for path in (ROOT / package).rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    """Bring `ts` up to the code's strings (new ones in as unfinished, vanished ones out)."""
    plurals_only = ["-pluralonly"] if language == "en" else []
    subprocess.run(  # noqa: S603 -- Qt's own tool from this environment, our own files
        [
            str(_BIN / "pyside6-lupdate"),
            *source_files(),
            "-ts",
            str(ts),
            "-no-obsolete",
            "-target-language",
            language,
            "-silent",
            *plurals_only,
        ],
        check=True,
    )


def _language(ts: Path) -> str:
    return ts.stem.removeprefix("storeside_")


def gaps(ts: Path) -> list[Gap]:
    """Every entry of `ts` without a finished translation."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 -- our own file
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            kind = "" if translation is None else translation.get("type", "")
            texts = (
                []
                if translation is None
                else [
                    translation.text or "",
                    *(form.text or "" for form in translation.iter("numerusform")),
                ]
            )
            if kind in {"obsolete", "vanished"}:
                found.append(Gap(name, source, "its source is no longer in the code"))
            elif kind == "unfinished" or not any(text.strip() for text in texts):
                found.append(Gap(name, source, "not translated"))
    return found


def check() -> int:
    """0 when each catalogue holds every source string of the code it should, translated."""
    failed = 0
    for ts in CATALOGUES:
        with tempfile.TemporaryDirectory() as scratch:
            copy = Path(scratch) / ts.name
            shutil.copyfile(ts, copy)
            lupdate(copy, _language(ts))
            missing = gaps(copy)
        for gap in missing:
            print(f"{ts.relative_to(ROOT)}: [{gap.context}] {gap.source!r}: {gap.why}")
        if missing:
            print(
                f"{ts.relative_to(ROOT)}: {len(missing)} strings untranslated;"
                " run `python -m tools.translations update` and translate them"
            )
            failed = 1
        else:
            print(f"{ts.relative_to(ROOT)}: every source string translated")
    return failed


def release() -> None:
    """Build each .qm beside its .ts."""
    for ts in CATALOGUES:
        subprocess.run(  # noqa: S603 -- Qt's own tool from this environment, our own files
            [str(_BIN / "pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm")), "-silent"],
            check=True,
        )


def main(argv: list[str]) -> int:
    """The command named in `argv`."""
    command = argv[0] if argv else "check"
    if command == "update":
        for ts in CATALOGUES:
            lupdate(ts, _language(ts))
        return 0
    if command == "release":
        release()
        return 0
    if command == "check":
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
