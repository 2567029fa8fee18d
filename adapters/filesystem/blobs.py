"""Blobs as files in one private folder (0700, files 0600), written atomically (a temporary file renamed).
A failing disk (full, read-only, gone) surfaces as ``BlobStoreUnavailable``."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ports.images import BlobStore, BlobStoreUnavailable, check_blob_name


class FileBlobStore(BlobStore):
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def _path(self, name: str) -> Path:
        return self.root / check_blob_name(name)

    def put(self, name: str, data: bytes) -> None:
        path = self._path(name)
        try:
            self._write(path, data)
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot store {name} in {self.root}: {exc}") from exc

    def _write(self, path: Path, data: bytes) -> None:
        if not self.root.exists():
            self.root.parent.mkdir(parents=True, exist_ok=True)
            self.root.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".incoming-")  # created 0600
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, name: str) -> bytes | None:
        path = self._path(name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot read {name} in {self.root}: {exc}") from exc

    def delete(self, name: str) -> bool:
        path = self._path(name)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise BlobStoreUnavailable(f"cannot delete {name} in {self.root}: {exc}") from exc
        return True
