"""The memo of verified tokens never answers for a token it has not verified, nor past its expiry; the memo
of token headers answers each token's own header, as a copy."""
from __future__ import annotations

import jwt
import pytest
from flask_jwt_extended import view_decorators

from entrypoints.http.auth import _remember_token_headers, _remember_verified_tokens


class FakeManager:
    def __init__(self) -> None:
        self.calls = []

    def _decode_jwt_from_config(self, token, csrf_value=None, allow_expired=False):
        self.calls.append(token)
        if token == "forged":
            raise ValueError("bad signature")
        return {"sub": "u1", "exp": 100, "nbf": 10}


def test_hits_until_expiry_and_misses_for_anything_else():
    now = [50.0]
    manager = FakeManager()
    _remember_verified_tokens(manager, size=2, clock=lambda: now[0])
    assert manager._decode_jwt_from_config("good")["sub"] == "u1"
    assert manager._decode_jwt_from_config("good")["sub"] == "u1"
    assert manager.calls == ["good"]  # the second came from the memo
    now[0] = 100.0  # at expiry: the long way again (where the real decoder refuses it)
    manager._decode_jwt_from_config("good")
    assert manager.calls == ["good", "good"]
    for _ in range(2):
        try:
            manager._decode_jwt_from_config("forged")
        except ValueError:
            pass
    assert manager.calls.count("forged") == 2  # failures are never remembered
    manager._decode_jwt_from_config("good", allow_expired=True)
    assert manager.calls[-1] == "good"  # unusual options bypass the memo


def test_the_memo_is_bounded():
    manager = FakeManager()
    _remember_verified_tokens(manager, size=2, clock=lambda: 50.0)
    for token in ("a", "b", "c", "a"):
        manager._decode_jwt_from_config(token)
    assert manager.calls == ["a", "b", "c", "a"]  # "a" was evicted by "c"


def test_token_headers_are_each_tokens_own_and_handed_out_as_copies():
    _remember_token_headers()
    _remember_token_headers()  # installed once
    one = jwt.encode({"sub": "u1"}, "k" * 32, algorithm="HS256", headers={"kid": "one"})
    two = jwt.encode({"sub": "u1"}, "k" * 32, algorithm="HS256", headers={"kid": "two"})
    first = view_decorators.get_unverified_jwt_headers(one)
    first["kid"] = "changed by a caller"
    assert view_decorators.get_unverified_jwt_headers(one) == {"alg": "HS256", "typ": "JWT", "kid": "one"}
    assert view_decorators.get_unverified_jwt_headers(two)["kid"] == "two"
    with pytest.raises(jwt.DecodeError):
        view_decorators.get_unverified_jwt_headers("not-a-token")
