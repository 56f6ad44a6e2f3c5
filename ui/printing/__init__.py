"""Printing screens: the order's print buttons, the print journal, printers and stations."""
