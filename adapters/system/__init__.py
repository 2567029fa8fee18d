"""Adapters over the operating system (the wall clock)."""
