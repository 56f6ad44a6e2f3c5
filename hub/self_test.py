"""`storeside-hub --self-test`: a hub in a temporary folder, exercised over HTTP on 127.0.0.1.

The hub is served on a free 127.0.0.1 port; a device enrols with a fresh code over HTTP
(httpx), one simulated Meituan order is placed and read back through GET /v1/feed, each
record validated against the wire protocol. Prints one line of figures and returns 0; or one
line naming the failed step and returns 1. Bounded by `time_limit_s`.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Final

import httpx

from app.domain.vocabulary import Channel
from hub.embedded import EmbeddedHub
from sync.protocol import API_PREFIX, EnrolmentGrant, FeedPage, OrderRecord

TIME_LIMIT_S: Final = 30.0
_PACKAGES: Final = ("hub", "sync", "app")


class HubStepFailed(Exception):
    """A step of the hub's self-test did not do what it must; `step` names it."""

    def __init__(self, step: str, detail: str) -> None:
        super().__init__(f"{step}: {detail}")
        self.step = step
        self.detail = detail


def run_self_test(*, time_limit_s: float = TIME_LIMIT_S) -> int:
    """Run every step; the exit status. The figures line goes to standard output, a
    failure's line to standard error."""
    began = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="storeside-hub-self-test-"))
    # The hub's own log (uvicorn's, the hub's) stays in the folder: the output is one line.
    log = logging.FileHandler(folder / "hub.log", encoding="utf-8")
    logging.getLogger().addHandler(log)
    try:
        line = _run(folder, began, time_limit_s)
    except HubStepFailed as failure:
        print(
            f"storeside-hub self-test FAILED at {failure.step}: {failure.detail} "
            f"(log kept in {folder})",
            file=sys.stderr,
            flush=True,
        )
        return 1
    finally:
        logging.getLogger().removeHandler(log)
        log.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(line, flush=True)
    return 0


@contextmanager
def _step(name: str) -> Iterator[None]:
    """Turns whatever the step raises into HubStepFailed naming it."""
    try:
        yield
    except HubStepFailed:
        raise
    except Exception as error:  # a failed step is reported, whatever it raised
        raise HubStepFailed(name, f"{type(error).__name__}: {error}") from error


def _run(folder: Path, began: float, time_limit_s: float) -> str:
    """Every step in order; the figures line."""
    with ExitStack() as stack:
        with _step("hub"):
            embedded = EmbeddedHub(folder / "hub.db", simulate=False)
            embedded.start()
            stack.callback(embedded.stop)
            hub = embedded.hub
            store_id = hub.world.demo_store_id
            served_s = time.monotonic() - began
        timeout = httpx.Timeout(max(1.0, time_limit_s - served_s))
        client = stack.enter_context(httpx.Client(base_url=embedded.url, timeout=timeout))
        with _step("enrolment"):
            request = {
                "store_code": hub.admin.store_code(store_id),
                "enrolment_code": hub.admin.new_enrolment_code(store_id),
                "device_name": "self-test",
            }
            answer = client.post(f"{API_PREFIX}/enrol", json=request)
            answer.raise_for_status()
            grant = EnrolmentGrant.model_validate(answer.json())
        with _step("order in the feed"):
            placed_at = time.monotonic()
            order_id = hub.world.place_order(Channel.MEITUAN, store_id=store_id).order_id
            records, size = _feed_until(client, grant.device_token, order_id)
            feed_s = time.monotonic() - placed_at
    return (
        f"storeside-hub self-test ok: serving {served_s:.2f} s, "
        f"order in feed {feed_s:.2f} s ({records} records, {size / 1000:.0f} KB), {_size()}"
    )


def _feed_until(client: httpx.Client, token: str, order_id: str) -> tuple[int, int]:
    """Read the feed page by page until `order_id` is in it; (records read, bytes read)."""
    headers = {"Authorization": f"Bearer {token}"}
    cursor: str | None = None
    records = size = 0
    while True:
        params: dict[str, str | int] = {"limit": 500}
        if cursor is not None:
            params["after"] = cursor
        answer = client.get(f"{API_PREFIX}/feed", params=params, headers=headers)
        answer.raise_for_status()
        size += len(answer.content)
        page = FeedPage.model_validate(answer.json())
        records += len(page.records)
        for record in page.records:
            if isinstance(record, OrderRecord) and record.data.order_id == order_id:
                return records, size
        if not page.has_more:
            raise HubStepFailed("order in the feed", f"order {order_id} is not in the feed")
        cursor = page.cursor


def _size() -> str:
    """The bundle folder's size when frozen, else that of the packages the hub uses."""
    if getattr(sys, "frozen", False):
        return f"folder {_bytes(Path(sys.executable).resolve().parent) / 1_000_000:.0f} MB"
    root = Path(__file__).resolve().parent.parent
    total = sum(_bytes(root / package) for package in _PACKAGES)
    return f"packages {total / 1_000_000:.1f} MB (not frozen)"


def _bytes(folder: Path) -> int:
    """Bytes of the files under `folder`; a link is counted where it points, not again."""
    return sum(
        path.stat().st_size
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
