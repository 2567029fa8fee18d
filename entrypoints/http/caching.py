"""Cache whole GET responses per user and generation (Redis only; see domain.services.caching)."""
from __future__ import annotations

import functools
import json
from typing import Callable

from flask import after_this_request, current_app, request

from domain.services.caching import ENTRY_TTL, entry_key, generation_key
from entrypoints.http.auth import current_user_id

KEPT_HEADERS = ("X-Pagination",)


def cached_read(name: str) -> Callable:
    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            cache = current_app.container.cache()
            if cache is None:
                return view(*args, **kwargs)
            user_id = current_user_id()
            key = entry_key(user_id, cache.get(generation_key(user_id)), name, request.query_string.decode())
            hit = cache.get(key)
            current_app.container.telemetry().count_cache(hit is not None)
            if hit is not None:
                stored = json.loads(hit)
                return current_app.response_class(stored["body"], status=200, mimetype="application/json",
                                                  headers=stored["headers"] | {"X-Cache": "hit"})

            @after_this_request
            def remember(response):
                if response.status_code == 200:
                    headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
                    cache.set(key, json.dumps({"body": response.get_data(as_text=True), "headers": headers}).encode(),
                              ENTRY_TTL)
                return response

            return view(*args, **kwargs)

        return wrapper

    return decorate
