"""Use cases over a real database file, and the reference hub where they reach it."""
