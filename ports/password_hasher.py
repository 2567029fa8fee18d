from __future__ import annotations

import abc
import secrets


class PasswordHasher(abc.ABC):
    @abc.abstractmethod
    def hash(self, password: str) -> str: ...

    @abc.abstractmethod
    def verify(self, hashed: str, password: str) -> bool:
        """True when ``password`` matches; False (never an exception) when it does not."""

    def needs_rehash(self, hashed: str) -> bool:
        return False

    def dummy_hash(self) -> str:
        """A hash of nobody's password with this hasher's parameters, computed once per hasher: a
        sign-in for an unknown account verifies against it, so both paths cost one verify."""
        dummy = self.__dict__.get("_dummy_hash")
        if dummy is None:
            dummy = self.__dict__["_dummy_hash"] = self.hash(secrets.token_urlsafe(24))
        return dummy
