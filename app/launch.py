"""The `storeside` command: the database check set going, then the program loaded and run.

Loading the program (SQLAlchemy, Qt, the screens) is most of a start, and the device
database's integrity check reads the whole file. The check runs in SQLite without Python's
lock, so it is started on a thread before those imports and the two overlap (decision 042).
Only the standard library, the arguments and the check are imported before that.
"""

from __future__ import annotations

import sys

from app.command_line import parser
from app.settings import Settings, default_data_dir
from local_db.quick_check import EarlyCheck


def main(argv: list[str] | None = None) -> int:
    """Run `storeside` with `argv` (the command line by default); the exit code."""
    arguments, _ = parser().parse_known_args(argv)
    early = None
    if arguments.command is None and not arguments.self_test:
        data_dir = arguments.data_dir or default_data_dir()
        early = EarlyCheck.start(Settings(data_dir=data_dir).database_path)
    from app.main import main as run  # noqa: PLC0415 (loaded while the check runs)

    return run(argv, early_check=early)


if __name__ == "__main__":
    sys.exit(main())
