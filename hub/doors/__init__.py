"""The hub's doors, one per audience: devices, channel intake, store administration, timed rules."""
