"""The store manager's screens: shortages, tasks and staff, sync health, the day, the audit."""
