"""Use cases: the message bus, command handlers, and read queries."""
