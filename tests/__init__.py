"""Storeside's test suites."""
