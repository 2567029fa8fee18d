"""The Argon2 adapter: hashes verify, and the dummy hash of unknown sign-ins is made when the hasher is."""
from __future__ import annotations

from adapters.argon2.hasher import Argon2PasswordHasher


class CountingArgon2(Argon2PasswordHasher):
    hashes = 0

    def hash(self, password: str) -> str:
        self.hashes += 1
        return super().hash(password)


def test_hash_verify_and_rehash():
    hasher = Argon2PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    hashed = hasher.hash("pass-word-1")
    assert hasher.verify(hashed, "pass-word-1") and not hasher.verify(hashed, "pass-word-2")
    assert hasher.verify("not a hash", "pass-word-1") is False
    assert Argon2PasswordHasher(time_cost=2, memory_cost=1024, parallelism=1).needs_rehash(hashed)


def test_the_dummy_hash_is_made_with_the_hasher_so_no_sign_in_pays_for_it():
    hasher = CountingArgon2(time_cost=1, memory_cost=1024, parallelism=1)
    assert hasher.hashes == 1
    dummy = hasher.dummy_hash()
    assert hasher.dummy_hash() == dummy and hasher.hashes == 1
    assert dummy.startswith("$argon2id$") and hasher.verify(dummy, "") is False
