"""The picker's handheld screens (480×800 portrait): clock in, my tasks, pick, pack."""
