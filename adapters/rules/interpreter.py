from __future__ import annotations

from domain.language.interpreter import interpret
from domain.language.model import InterpretContext, Interpretation
from ports.interpreter import TaskInterpreter


class RulesInterpreter(TaskInterpreter):
    engine = "rules"

    def interpret(self, text: str, context: InterpretContext) -> Interpretation:
        return interpret(text, context.now, context.timezone, context.date_order, context.default_time)
