"""The composition root: the one place that picks adapters, from Settings. Nothing connects
until a provider is first called."""
from __future__ import annotations

from dependency_injector import containers, providers

from adapters.argon2.hasher import Argon2PasswordHasher
from adapters.sql.engine import make_engine
from adapters.sql.idempotency import SqlIdempotencyStore
from adapters.sql.preferences import SqlPreferencesStore
from adapters.sql.token_store import SqlTokenStore
from adapters.sql.unit_of_work import SqlUnitOfWork
from adapters.system.clock import SystemClock
from domain.services.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from domain.services.messagebus import MessageBus


def _mongo_preferences(url: str):
    from adapters.mongo.preferences import MongoPreferencesStore  # imported only when selected

    return MongoPreferencesStore(url)


def _documents_backend(settings) -> str:
    return "mongo" if settings.mongo_url else "sql"


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency()

    clock = providers.Singleton(SystemClock)
    hasher = providers.Singleton(
        Argon2PasswordHasher,
        time_cost=settings.provided.argon2_time_cost,
        memory_cost=settings.provided.argon2_memory_kib,
    )
    engine = providers.Singleton(make_engine, settings.provided.database_url)

    uow = providers.Factory(SqlUnitOfWork, engine=engine)
    token_store = providers.Singleton(SqlTokenStore, engine=engine)
    idempotency = providers.Singleton(SqlIdempotencyStore, engine=engine)
    preferences = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlPreferencesStore, engine=engine),
        mongo=providers.Singleton(_mongo_preferences, settings.provided.mongo_url),
    )

    bus = providers.Factory(
        lambda uow, clock, hasher, preferences: MessageBus(
            uow, COMMAND_HANDLERS, EVENT_HANDLERS,
            {"clock": clock, "hasher": hasher, "preferences": preferences},
        ),
        uow=uow, clock=clock, hasher=hasher, preferences=preferences,
    )
