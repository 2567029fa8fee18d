"""SecretCipher with Fernet: AES-128-CBC + HMAC-SHA256, a key derived from the server's secret key."""
from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ports.calendars import SecretCipher


def derive_key(secret_key: str, purpose: str) -> bytes:
    """A Fernet key for one purpose, from the server secret (HKDF-SHA256): changing the secret key makes
    what was encrypted with the old one unreadable."""
    raw = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=f"planloom:{purpose}".encode()).derive(
        secret_key.encode())
    return base64.urlsafe_b64encode(raw)


class FernetCipher(SecretCipher):
    def __init__(self, secret_key: str, purpose: str = "calendar-credentials") -> None:
        self._fernet = Fernet(derive_key(secret_key, purpose))

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError) as exc:
            raise ValueError("the secret cannot be decrypted with this key") from exc
