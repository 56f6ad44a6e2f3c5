"""The Windows version resource of a built program, from the installed package's version."""

from __future__ import annotations

import re
import sys
from importlib.metadata import version
from typing import Any


def version_resource(program: str, description: str) -> Any:
    """A VSVersionInfo for `program`.exe (Explorer's Details tab), None off Windows."""
    if sys.platform != "win32":
        return None
    from PyInstaller.utils.win32 import versioninfo as vi  # noqa: PLC0415 -- a build-time tool

    text = version("storeside")
    numbers = ([int(part) for part in re.findall(r"\d+", text)] + [0, 0, 0, 0])[:4]
    strings = {
        "CompanyName": "Storeside",
        "FileDescription": description,
        "FileVersion": text,
        "InternalName": program,
        "OriginalFilename": f"{program}.exe",
        "ProductName": "Storeside",
        "ProductVersion": text,
    }
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=tuple(numbers), prodvers=tuple(numbers)),
        kids=[
            vi.StringFileInfo(
                [vi.StringTable("040904B0", [vi.StringStruct(k, v) for k, v in strings.items()])]
            ),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
