"""Reading what a person typed: a language model when one is configured, the local rules always.

The local reading is computed first: it is the hint the model gets, and the answer when the model
is unavailable (with a warning saying so).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from domain.errors import InterpreterUnavailable
from domain.language.model import InterpretContext, Interpretation, ReadingWarning


class FallbackInterpreter:
    def __init__(self, local: Any, model: Any | None = None) -> None:
        self.local, self.model = local, model

    def interpret(self, text: str, context: InterpretContext) -> tuple[str, Interpretation]:
        reading = self.local.interpret(text, context)
        if self.model is None or reading.command is not None:
            return self.local.engine, reading  # slash commands are a fixed grammar: no model needed
        try:
            return self.model.engine, self.model.interpret(text, replace(context, hint=reading))
        except InterpreterUnavailable as exc:
            message = f"The language model was unavailable ({exc.detail}); used the local interpreter."
            reading.warn(ReadingWarning("model_unavailable", message))
            return self.local.engine, reading
