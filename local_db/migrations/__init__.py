"""Alembic migrations of the device database."""
