"""Fulfilment at the hub: pick and pack tasks, their dispatch, picking and shortage commands."""
