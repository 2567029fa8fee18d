"""Scheduled jobs (``planloom jobs``): entrypoints that build commands on a timer and hand them to the bus."""
