"""Ticket printing without Qt or the database: ESC/POS encoding, ticket layouts, transports."""
