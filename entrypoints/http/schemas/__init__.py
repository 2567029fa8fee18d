"""Marshmallow schemas: strict types, unknown fields rejected, sizes capped."""
