"""A device database taken back to an earlier revision, as the release before left it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine

from local_db.migration import alembic_config


def downgrade(engine: Engine, revision: str) -> None:
    """Run the Alembic downgrades of `engine`'s database down to `revision`."""
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
        connection.commit()
