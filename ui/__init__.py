"""The PySide6 user interface: screens, Qt item models and the bridge from sync events."""
