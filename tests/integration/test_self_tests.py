"""Both programs' --self-test run in this process, as `make test` runs them without PyInstaller:
the same steps the built programs run (packaging/), against the checkout's packages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.device import Device
from app.main import screen_services
from app.self_test import run_self_test
from hub.cli import main as hub_main
from ui.screen_services import ScreenServices

# The same messages packaging/expected-stderr.txt lets a built program write: Qt Multimedia
# looking for audio services (PipeWire, PulseAudio, VA-API) the machine need not run, and the
# offscreen platform unable to size a window.
pytestmark = pytest.mark.qt_log_ignore(
    r"^Couldn't (load|resolve) [\w(). -]+ (library|symbols)$",
    r"^PulseAudioService: pa_context_connect\(\) failed$",
    r"^No QtMultimedia backends found\.",
    r"^This plugin does not support propagateSizeHints",
)


def test_the_app_takes_one_order_from_the_hub_to_a_printed_ticket(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run_self_test(
        screen_services, started_at=time.monotonic(), hard_limit=False, parent=tmp_path
    )

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    assert line.startswith("storeside self-test ok: start ")
    for figure in ("order received", "accept at hub", "bytes", "window offscreen zh_CN"):
        assert figure in line
    assert "packages" in line  # not frozen: the checkout's packages are measured
    assert list(tmp_path.iterdir()) == []  # a passed run leaves nothing behind


def test_the_app_speaks_english_again_after_showing_its_window_in_chinese(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_self_test(screen_services, hard_limit=False, parent=tmp_path) == 0

    assert QCoreApplication.translate("MainWindow", "&Account") == "&Account"


def test_a_failed_step_is_named_in_one_line_and_its_log_kept(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_services(device: Device) -> ScreenServices:
        raise RuntimeError("no screens today")

    code = run_self_test(no_services, hard_limit=False, parent=tmp_path)

    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    (line,) = err.splitlines()
    assert line.startswith("storeside self-test FAILED at window: RuntimeError: no screens today")
    (kept,) = tmp_path.iterdir()
    assert (kept / "device" / "storeside.log").is_file()


def test_the_hub_serves_an_enrolled_device_its_order_over_http(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = hub_main(["--self-test"])

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    (line,) = out.splitlines()
    assert line.startswith("storeside-hub self-test ok: serving ")
    assert "order in feed" in line
    assert "records" in line
