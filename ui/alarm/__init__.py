"""The new-order alarm on screen: sound, flash, banner, tray notice and its settings."""
