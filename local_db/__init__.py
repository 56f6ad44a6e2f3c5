"""The device's local SQLite cache: models, engine, migrations and repositories."""
