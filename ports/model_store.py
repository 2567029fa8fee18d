"""Per-user learned models (a document store: SQL JSON embedded, MongoDB in production): the fine-tuned
language model of each person, and each person's image categoriser."""
from __future__ import annotations

import abc
from typing import Any, Callable
from uuid import UUID

from domain.model.learning import UserModel


class ModelStore(abc.ABC):
    @abc.abstractmethod
    def get(self, user_id: UUID) -> UserModel | None: ...

    @abc.abstractmethod
    def put(self, model: UserModel) -> None: ...


class CategoriserStore(abc.ABC):
    """Each person's image categoriser (``domain.categorization.model.CategoriserModel.to_dict``), a JSON
    document keyed by user: nobody's annotations reach another person's model."""

    @abc.abstractmethod
    def get_categoriser(self, user_id: UUID) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def put_categoriser(self, user_id: UUID, data: dict[str, Any]) -> None: ...

    @abc.abstractmethod
    def update_categoriser(self, user_id: UUID,
                           change: Callable[[dict[str, Any] | None], dict[str, Any]]) -> dict[str, Any]:
        """Store ``change(stored)`` (``stored`` is None for a person without one yet) as one atomic step: two
        annotations made at once both count. ``change`` may run more than once; it must not have effects."""
