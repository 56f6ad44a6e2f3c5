"""One hub put together: its shared state and a door per audience, from one function."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hub.catalogue import CATALOGUE, Catalogue
from hub.clock import Clock, system_clock
from hub.devices.enrolment import issue_code
from hub.doors.channel_intake import ChannelIntake
from hub.doors.device_api import DeviceApi
from hub.doors.hub_state import HubState
from hub.doors.store_admin import StoreAdmin
from hub.doors.timed_rules import TimedRules
from hub.publishing.catalogue_feed import publish_catalogue
from hub.world.demo_store import DEMO_STORE_ID, seed_demo_store
from hub.world.world import World


@dataclass(frozen=True, slots=True)
class Hub:
    """The reference hub's doors; each caller takes the one for its audience and no other.

    `devices` serves the /v1 API, `intake` what channels send, `admin` the store's
    administration, `timed` the deadlines' rules and `world` the simulated customers and riders.
    """

    state: HubState
    devices: DeviceApi
    intake: ChannelIntake
    admin: StoreAdmin
    timed: TimedRules
    world: World

    @property
    def clock(self) -> Clock:
        """The clock every door reads."""
        return self.state.clock

    @property
    def seed(self) -> int:
        """The seed of the simulated content."""
        return self.state.seed

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the demo store sells from."""
        return self.state.catalogue

    def close(self) -> None:
        """Release waiting readers and database connections; usable again afterwards."""
        self.state.close()


def compose_hub(
    database: Path | str,
    *,
    clock: Clock = system_clock,
    seed: int = 1,
    dedupe_enabled: bool = True,
    enrolment_codes: tuple[str, ...] | list[str] = (),
    catalogue: Catalogue = CATALOGUE,
) -> Hub:
    """The hub on `database` with the demo store seeded (once per database) and its doors.

    `enrolment_codes` are issued to the demo store (tests enrol with known codes);
    `dedupe_enabled=False` is a test switch that makes command replays apply again.
    """
    state = HubState(
        database, clock=clock, seed=seed, catalogue=catalogue, dedupe_enabled=dedupe_enabled
    )
    with state.writing() as session:
        seed_demo_store(session, seed)
        publish_catalogue(session, DEMO_STORE_ID, catalogue)
        for code in enrolment_codes:
            issue_code(session, DEMO_STORE_ID, clock(), code)
    timed = TimedRules(state)
    return Hub(
        state=state,
        devices=DeviceApi(state),
        intake=ChannelIntake(state),
        admin=StoreAdmin(state),
        timed=timed,
        world=World(state, timed),
    )
