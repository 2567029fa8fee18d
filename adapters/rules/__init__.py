"""The local, offline, deterministic language interpreter (Planloom's own grammar)."""
