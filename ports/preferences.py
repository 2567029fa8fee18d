from __future__ import annotations

import abc
from uuid import UUID

from domain.model import Preferences


class PreferencesStore(abc.ABC):
    """A document per user. ``get`` returns None when the user never saved any."""

    @abc.abstractmethod
    def get(self, user_id: UUID) -> Preferences | None: ...

    @abc.abstractmethod
    def put(self, user_id: UUID, preferences: Preferences) -> None: ...

    @abc.abstractmethod
    def delete(self, user_id: UUID) -> None: ...
