"""Secrets encrypted at rest with Fernet (cryptography)."""
