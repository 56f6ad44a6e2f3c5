"""The hub's database: engine, sessions and the tables of every store's data."""
