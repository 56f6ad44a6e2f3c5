"""`storeside` refuses to open a second window on the same data, with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from local_db.instance_lock import InstanceLock


def test_second_instance_refuses_to_start_and_names_the_first(tmp_path: Path):
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with InstanceLock(tmp_path):
        for _ in range(3):
            second = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "app.launch",
                    "--hub",
                    "http://127.0.0.1:9",
                    "--data-dir",
                    str(tmp_path),
                ],
                capture_output=True,
                text=True,
                timeout=60,
                env=environment,
                check=False,
            )
            assert second.returncode == 2
            assert "Storeside is already running" in second.stderr
            assert f"(process {os.getpid()})" in second.stderr
    assert not (tmp_path / "storeside.db").exists(), "the refused instance touched the database"
