"""Bring a device database to the newest schema with Alembic, at every start."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Final

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

HEAD_REVISION: Final = "0010"
"""The newest revision shipped with this program; a database already there is not handed to
Alembic at all, so a normal start does not import it (about 80 ms, bench/startup.py).
tests/unit/local_db/test_migration_head.py fails until a new revision updates this."""


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped in this package."""
    from alembic.config import Config  # noqa: PLC0415 -- Alembic loads only when it has work

    config = Config()
    config.set_main_option("script_location", str(resources.files("local_db") / "migrations"))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration the database lacks; a no-op when it is current."""
    if stored_revision(engine) == HEAD_REVISION:
        return
    from alembic import command  # noqa: PLC0415 -- see HEAD_REVISION

    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the file, read without Alembic (None: none recorded)."""
    with engine.connect() as connection:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
        except OperationalError:  # no such table: a new, empty file
            return None
    return rows[0][0] if len(rows) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty file."""
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this program."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
