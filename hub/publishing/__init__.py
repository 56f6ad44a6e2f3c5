"""What the hub publishes to a store's devices: the feed and the catalogue in it."""
