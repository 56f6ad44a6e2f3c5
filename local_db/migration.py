"""Bring a device database to the newest schema with Alembic, at every start."""

from __future__ import annotations

from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine


def alembic_config() -> Config:
    """Alembic configuration pointing at the migrations shipped in this package."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("local_db") / "migrations"))
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration the database lacks; a no-op when it is current."""
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty file."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    """The newest revision shipped with this program."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
