"""Google Calendar: OAuth 2.0 (authorization code with PKCE, authlib) and Calendar v3 (google-api-python-client
with its bundled discovery document), every endpoint configurable."""
