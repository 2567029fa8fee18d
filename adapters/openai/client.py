"""The OpenAI SDK client, built on first use: nothing connects at import or construction."""
from __future__ import annotations

import threading

import openai


class LazyClient:
    def __init__(self, api_key: str, base_url: str | None, timeout: float, max_retries: int) -> None:
        self._options = {"api_key": api_key, "base_url": base_url, "timeout": timeout, "max_retries": max_retries}
        self._client: openai.OpenAI | None = None
        self._lock = threading.Lock()

    def __call__(self) -> openai.OpenAI:
        with self._lock:
            if self._client is None:
                self._client = openai.OpenAI(**self._options)
            return self._client
