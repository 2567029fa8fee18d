"""Folders and files only the server's user may open: the data folder (0700), the SQLite database and the
counters file the processes share (0600). Plain ``os``: the configuration, which every CLI command reads,
imports this without loading SQLAlchemy."""
from __future__ import annotations

import os
from pathlib import Path


def private_dir(path: Path) -> None:
    """Create ``path`` (and missing parents) for this user only (0700); an existing folder is left as is."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.mkdir(mode=0o700, exist_ok=True)


def private_file(path: Path) -> None:
    """Create ``path`` empty for this user only (0600), in a private folder, before a library makes it with
    the umask's mode (SQLite: 0644, and its -wal and -shm files take the database file's mode)."""
    private_dir(path.parent)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
