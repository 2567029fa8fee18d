"""OpenAI (and any OpenAI-compatible server): the task interpreter and fine-tuning.

Exports resolve lazily so importing this package does not import the ``openai`` SDK.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "OpenAIInterpreter": "adapters.openai.interpreter",
    "CircuitBreaker": "adapters.openai.circuit",
    "OpenAIFineTuner": "adapters.openai.fine_tuning",
    "FineTuningFailed": "adapters.openai.fine_tuning",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
