"""Turning what a person typed into task drafts and/or a slash command."""
from __future__ import annotations

import abc

from domain.errors import InterpreterUnavailable
from domain.language.model import InterpretContext, Interpretation

__all__ = ["InterpretContext", "Interpretation", "InterpreterUnavailable", "TaskInterpreter"]


class TaskInterpreter(abc.ABC):
    engine: str  # "rules", "openai", ... reported to the client

    @abc.abstractmethod
    def interpret(self, text: str, context: InterpretContext) -> Interpretation:
        """Raise ``domain.errors.ValidationError`` for input that cannot be read (too long, bad command);
        raise ``InterpreterUnavailable`` when the service behind the adapter cannot answer."""
