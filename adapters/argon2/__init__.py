"""Password hashing with Argon2id (argon2-cffi)."""
