"""Orders at the hub: intake from the channels, their life cycle and the order commands."""
