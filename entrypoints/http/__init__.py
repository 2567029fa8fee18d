"""The HTTP entrypoint: Flask + flask-smorest under /api/v1."""
