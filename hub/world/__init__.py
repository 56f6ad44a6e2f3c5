"""The simulated world around the hub: the demo store, its customers, riders and their orders."""
