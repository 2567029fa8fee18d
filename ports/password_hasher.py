from __future__ import annotations

import abc


class PasswordHasher(abc.ABC):
    @abc.abstractmethod
    def hash(self, password: str) -> str: ...

    @abc.abstractmethod
    def verify(self, hashed: str, password: str) -> bool:
        """True when ``password`` matches; False (never an exception) when it does not."""

    def needs_rehash(self, hashed: str) -> bool:
        return False
