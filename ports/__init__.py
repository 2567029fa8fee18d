"""Contracts the core needs from the outside world: one concern per module, domain types only."""
