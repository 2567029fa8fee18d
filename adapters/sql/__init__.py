"""SQLAlchemy 2 adapters: PostgreSQL (psycopg 3) in production, a SQLite file embedded."""
