"""Sync engine: the hub client, feed puller, outbox pusher and their scheduling."""
