"""Event-driven entrypoints: the outbox relay and the queue consumers."""
