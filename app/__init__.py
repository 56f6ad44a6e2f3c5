"""Storeside: the store-side order and picking application."""
