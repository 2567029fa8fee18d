"""Per-user language models (a document store: SQL JSON embedded, MongoDB in production)."""
from __future__ import annotations

import abc
from uuid import UUID

from domain.model.learning import UserModel


class ModelStore(abc.ABC):
    @abc.abstractmethod
    def get(self, user_id: UUID) -> UserModel | None: ...

    @abc.abstractmethod
    def put(self, model: UserModel) -> None: ...
