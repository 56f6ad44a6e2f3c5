"""A hub process taking in unreadable channel orders, one after another, until it is killed.

`python -m tests.integration.hub.intake_child HUB_DB SEED` prints `taken <order id>` once
each order is stored (committed), so the killing parent knows which ones must survive.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.domain.vocabulary import Channel
from hub.composition import compose_hub


def main(database: Path, seed: int) -> None:
    """Take in spoiled orders on every channel in turn, forever."""
    hub = compose_hub(database, seed=seed)
    channels = list(Channel)
    taken = 0
    while True:
        order = hub.world.place_order(
            channels[taken % len(channels)], store_id=hub.world.demo_store_id, spoiled=True
        )
        print(f"taken {order.order_id}", flush=True)
        taken += 1


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
