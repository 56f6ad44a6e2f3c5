"""Use cases: each one writes local state and its outbox row in one transaction."""
