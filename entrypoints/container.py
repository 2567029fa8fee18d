"""The composition root: the one place that picks adapters, from Settings. Nothing connects
until a provider is first called."""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone

from dependency_injector import containers, providers

from adapters.argon2.hasher import Argon2PasswordHasher
from adapters.prometheus.telemetry import PrometheusTelemetry
from adapters.sql.engine import make_engine
from adapters.rabbitmq.publisher import KombuPublisher
from adapters.rules.interpreter import RulesInterpreter
from adapters.sql.idempotency import SqlIdempotencyStore
from adapters.sql.job_queries import SqlJobQueries
from adapters.sql.job_runs import SqlJobRuns
from adapters.sql.learning import SqlCategoriserStore, SqlModelStore
from adapters.sql.analytics import SqlAnalyticsStore
from adapters.sql.occurrences import SqlOccurrenceLog
from adapters.sql.outbox import SqlOutbox
from adapters.sql.preferences import SqlPreferencesStore
from adapters.sql.readiness import ReadinessProbe
from adapters.sql.token_store import SqlTokenStore
from adapters.sql.unit_of_work import SqlUnitOfWork
from adapters.system.clock import SystemClock
from domain.categorization.images import ReviewPolicy
from domain.model.learning import FineTunePolicy
from domain.services.handlers import COMMAND_HANDLERS, EVENT_HANDLERS
from domain.services.interpretation import FallbackInterpreter
from domain.services.limits import Limits
from domain.services.messagebus import MessageBus
from entrypoints.consumers.relay import OutboxRelay
from entrypoints.jobs.jobs import ScheduledJobs
from entrypoints.tracing import consuming


def _mongo_preferences(url: str):
    from adapters.mongo.preferences import MongoPreferencesStore  # imported only when selected

    return MongoPreferencesStore(url)


def _documents_backend(settings) -> str:
    return "mongo" if settings.mongo_url else "sql"


def _mongo_occurrences(url: str):
    from adapters.mongo.occurrences import MongoOccurrenceLog  # imported only when selected

    return MongoOccurrenceLog(url)


def _mongo_analytics(url: str):
    from adapters.mongo.analytics import MongoAnalyticsStore  # imported only when selected

    return MongoAnalyticsStore(url)


def _mongo_categorisers(url: str):
    from adapters.mongo.models import MongoCategoriserStore  # imported only when selected

    return MongoCategoriserStore(url)


def _mongo_models(url: str):
    from adapters.mongo.models import MongoModelStore  # imported only when selected

    return MongoModelStore(url)


def _token_store(settings, sql_store):
    """The database is the source of truth; with Redis, revocation lookups are cached there."""
    if not settings.redis_url:
        return sql_store
    from adapters.redis.token_store import RedisTokenStore

    sql_store.revocation_ttl = 0  # Redis bounds the staleness of "not revoked"; no second memory on top
    return RedisTokenStore(settings.redis_url, fallback=sql_store)


def _cache(settings):
    """Hot reads are cached only in Redis: a per-process cache could not be invalidated across workers."""
    if not settings.redis_url:
        return None
    from adapters.redis.cache import RedisCache

    return RedisCache(settings.redis_url)


def rate_limit_file(settings):
    """Where the processes of one host share their rate-limit counters and stream slots without Redis."""
    return settings.data_dir / "ratelimits.db"


def _rate_counter(settings):
    """Rate-limit counters: shared in Redis when configured, else in a SQLite file shared by every
    process on this host (per-process counters would multiply each limit by the number of workers)."""
    if settings.redis_url:
        from adapters.redis.cache import RedisCache

        return RedisCache(settings.redis_url, prefix="planloom:limits:")
    from adapters.sql.file_cache import SqliteFileCache

    return SqliteFileCache(rate_limit_file(settings))


def _stream_slots(settings):
    """Open notification streams per account, counted across processes: in Redis when configured (an
    in-process count while it is down), else in the SQLite file the processes of this host share."""
    if settings.redis_url:
        from adapters.memory.stream_slots import MemoryStreamSlots
        from adapters.redis.stream_slots import RedisStreamSlots

        return RedisStreamSlots(settings.redis_url, fallback=MemoryStreamSlots())
    from adapters.sql.stream_slots import SqliteStreamSlots

    return SqliteStreamSlots(rate_limit_file(settings))


def _fine_tuner(settings):
    """Fine-tuning goes through the same OpenAI-compatible server as the interpreter, when configured."""
    if not settings.openai_model:
        return None
    from adapters.openai.fine_tuning import OpenAIFineTuner

    return OpenAIFineTuner(api_key=settings.openai_api_key or "not-needed", base_url=settings.openai_base_url or None)


def _fine_tune_policy(settings) -> FineTunePolicy:
    return FineTunePolicy(base_models=tuple(settings.fine_tune_models),
                          user_monthly_quota=settings.fine_tune_user_monthly_quota)


def _email_sender(settings):
    """SMTP when PLANLOOM_SMTP_HOST is set; otherwise email notifications stay in the inbox."""
    if not settings.smtp_host:
        return None
    from adapters.smtp.sender import SmtpEmailSender

    return SmtpEmailSender(settings.smtp_host, settings.smtp_port, settings.smtp_username, settings.smtp_password,
                           settings.smtp_security, settings.smtp_sender)


def _webhook_sender(settings):
    from adapters.webhook.sender import HttpWebhookSender

    return HttpWebhookSender(allow_private=settings.webhook_allow_private)


def _calendar_sources(settings) -> dict:
    """The calendar kinds this server reads, each with its adapter."""
    from adapters.caldav.source import CaldavSource
    from adapters.ics.source import IcsSource

    ics = IcsSource(allow_private=settings.calendar_allow_private)
    sources = {"ics_url": ics, "ics_file": ics, "caldav": CaldavSource(allow_private=settings.calendar_allow_private)}
    if settings.google_client_id:  # Google needs an OAuth client registered for this server
        from adapters.google_calendar.oauth import GoogleEndpoints
        from adapters.google_calendar.source import GoogleCalendarSource

        sources["google"] = GoogleCalendarSource(GoogleEndpoints(
            client_id=settings.google_client_id, client_secret=settings.google_client_secret,
            authorize_url=settings.google_authorize_url, token_url=settings.google_token_url,
            revoke_url=settings.google_revoke_url, api_url=settings.google_api_url))
    return sources


def _sql_calendars(engine, cipher):
    from adapters.sql.calendars import SqlCalendarStore

    return SqlCalendarStore(engine, cipher)


def _mongo_calendars(url: str, cipher):
    from adapters.mongo.calendars import MongoCalendarStore  # imported only when selected

    return MongoCalendarStore(url, cipher)


def _sql_feed_tokens(engine):
    from adapters.sql.calendars import SqlFeedTokenStore

    return SqlFeedTokenStore(engine)


def _mongo_feed_tokens(url: str):
    from adapters.mongo.calendars import MongoFeedTokenStore  # imported only when selected

    return MongoFeedTokenStore(url)


def _secret_cipher(settings):
    from adapters.fernet.cipher import FernetCipher

    return FernetCipher(settings.secret_key)


def _calendar_sync(calendars, bus):
    from entrypoints.jobs.calendars import CalendarSyncHook

    return CalendarSyncHook(calendars, bus)


def _interpreter(settings) -> FallbackInterpreter:
    """The local rules always; a language model in front of them when PLANLOOM_OPENAI_MODEL is set."""
    model = None
    if settings.openai_model:
        from adapters.openai.interpreter import OpenAIInterpreter

        model = OpenAIInterpreter(api_key=settings.openai_api_key or "not-needed", model=settings.openai_model,
                                  base_url=settings.openai_base_url or None, timeout=settings.openai_timeout)
    return FallbackInterpreter(RulesInterpreter(), model)


def _vision(settings):
    """Local OCR by default; Google Cloud Vision when PLANLOOM_VISION=google."""
    if settings.vision == "google":
        from adapters.google_vision.engine import GoogleVisionEngine
        from adapters.rapidocr.lexicon import Lexicon

        # the word list tells a word misread ("kown") from one read right ("Tim") where Vision was sure
        return GoogleVisionEngine(api_key=settings.google_vision_api_key, endpoint=settings.google_vision_endpoint,
                                  known=Lexicon().known if settings.ocr_lexicon else None)
    if settings.vision != "rapidocr":
        raise ValueError(f"unknown PLANLOOM_VISION {settings.vision!r}: use 'rapidocr' or 'google'")
    from adapters.rapidocr.engine import RapidOcrEngine
    from adapters.rapidocr.lexicon import Lexicon

    return RapidOcrEngine(threads=settings.ocr_threads,
                          lexicon=Lexicon(wordnet=settings.ocr_wordnet or None) if settings.ocr_lexicon else None)


def _image_codec():
    from adapters.pillow.codec import PillowImageCodec

    return PillowImageCodec()


def _blobs(settings):
    """Uploaded images' bytes: in an S3 bucket when PLANLOOM_IMAGES_S3_BUCKET is set (every pod reads
    them), else in a folder (one host, or a volume every process mounts)."""
    if settings.images_s3_bucket:
        from adapters.s3.blobs import S3BlobStore  # imported only when selected

        return S3BlobStore(settings.images_s3_bucket, prefix=settings.images_s3_prefix,
                           endpoint_url=settings.images_s3_endpoint, region=settings.images_s3_region,
                           access_key_id=settings.images_s3_access_key_id,
                           secret_access_key=settings.images_s3_secret_access_key)
    from adapters.filesystem.blobs import FileBlobStore

    return FileBlobStore(settings.images_dir or settings.data_dir / "images")


def _sql_images(engine):
    from adapters.sql.images import SqlImageStore

    return SqlImageStore(engine)


def _mongo_images(url: str):
    from adapters.mongo.images import MongoImageStore  # imported only when selected

    return MongoImageStore(url)


def _kombu_consumer(settings, bus, telemetry, name: str):
    from adapters.rabbitmq.consumer import KombuConsumer
    from entrypoints.consumers.registry import CONSUMERS, GIVEN_UP

    keys, handler = CONSUMERS[name]
    given_up = GIVEN_UP[name](bus) if name in GIVEN_UP else None
    return KombuConsumer(settings.broker_url, name, keys, consuming(name, handler(bus)), telemetry=telemetry,
                         given_up=given_up)


def _memory_consumer(publisher, bus, telemetry, name: str):
    from adapters.memory.outbound import MemoryConsumer
    from entrypoints.consumers.registry import CONSUMERS, GIVEN_UP

    keys, handler = CONSUMERS[name]
    given_up = GIVEN_UP[name](bus) if name in GIVEN_UP else None
    return MemoryConsumer(publisher, name, keys, consuming(name, handler(bus)), telemetry=telemetry,
                          given_up=given_up)


def _scheduler(jobs, job_runs, clock, telemetry, *, only: list[str] | None = None, owner: str | None = None,
               tick_seconds: float = 30.0):
    """The scheduler over ``jobs``' schedule, or the ``only`` named jobs of it."""
    from entrypoints.jobs.scheduler import Scheduler

    schedule = jobs.schedule()
    if only is not None:
        known = {job.name for job in schedule}
        unknown = set(only) - known
        if unknown:
            raise ValueError(f"unknown jobs {sorted(unknown)}; known: {sorted(known)}")
        schedule = [job for job in schedule if job.name in only]
    return Scheduler(schedule, job_runs, clock, owner=owner, tick_seconds=tick_seconds, telemetry=telemetry)


def _consumer_queues() -> dict[str, list[str]]:
    from entrypoints.consumers.registry import CONSUMERS

    return {name: keys for name, (keys, _) in CONSUMERS.items()}


def _webhook_secret(settings):
    """Each user's webhook signing secret, derived from the server secret (nothing extra to store)."""
    key = settings.secret_key.encode()
    return lambda user_id: hmac.new(key, f"webhook:{user_id}".encode(), hashlib.sha256).hexdigest()


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency()

    clock = providers.Singleton(SystemClock)
    # Process-wide figures; under ``planloom serve`` every worker's, through the shared multiprocess folder.
    telemetry = providers.Singleton(PrometheusTelemetry, multiprocess_dir=settings.provided.metrics_dir)
    hasher = providers.Singleton(
        Argon2PasswordHasher,
        time_cost=settings.provided.argon2_time_cost,
        memory_cost=settings.provided.argon2_memory_kib,
    )
    engine = providers.Singleton(make_engine, settings.provided.database_url,
                                 connect_timeout=settings.provided.db_connect_timeout,
                                 pool_timeout=settings.provided.db_pool_timeout,
                                 statement_timeout_ms=settings.provided.db_statement_timeout_ms)
    readiness = providers.Singleton(ReadinessProbe, settings.provided.database_url,
                                    deadline_seconds=settings.provided.readiness_timeout)

    outbox = providers.Singleton(SqlOutbox, engine=engine)
    job_runs = providers.Singleton(SqlJobRuns, engine=engine)
    job_queries = providers.Singleton(SqlJobQueries, engine=engine)
    publisher = providers.Singleton(KombuPublisher, settings.provided.broker_url,
                                    consumers=providers.Callable(_consumer_queues))
    token_store = providers.Singleton(_token_store, settings, providers.Singleton(
        SqlTokenStore, engine=engine, revocation_ttl=settings.provided.revocation_cache_seconds))
    cache = providers.Singleton(_cache, settings)
    rate_counter = providers.Singleton(_rate_counter, settings)
    stream_slots = providers.Singleton(_stream_slots, settings)
    idempotency = providers.Singleton(SqlIdempotencyStore, engine=engine)
    preferences = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlPreferencesStore, engine=engine),
        mongo=providers.Singleton(_mongo_preferences, settings.provided.mongo_url),
    )

    models = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlModelStore, engine=engine),
        mongo=providers.Singleton(_mongo_models, settings.provided.mongo_url),
    )
    categorisers = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlCategoriserStore, engine=engine),
        mongo=providers.Singleton(_mongo_categorisers, settings.provided.mongo_url),
    )
    review_policy = providers.Singleton(ReviewPolicy, threshold=settings.provided.image_review_threshold)
    occurrences = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlOccurrenceLog, engine=engine),
        mongo=providers.Singleton(_mongo_occurrences, settings.provided.mongo_url),
    )
    analytics = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(SqlAnalyticsStore, engine=engine),
        mongo=providers.Singleton(_mongo_analytics, settings.provided.mongo_url),
    )
    secret_cipher = providers.Singleton(_secret_cipher, settings)
    calendars = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(_sql_calendars, engine, secret_cipher),
        mongo=providers.Singleton(_mongo_calendars, settings.provided.mongo_url, secret_cipher),
    )
    calendar_sources = providers.Singleton(_calendar_sources, settings)
    images = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(_sql_images, engine),
        mongo=providers.Singleton(_mongo_images, settings.provided.mongo_url),
    )
    blobs = providers.Singleton(_blobs, settings)
    image_codec = providers.Singleton(_image_codec)
    vision = providers.Singleton(_vision, settings)
    feed_tokens = providers.Selector(
        providers.Callable(_documents_backend, settings),
        sql=providers.Singleton(_sql_feed_tokens, engine),
        mongo=providers.Singleton(_mongo_feed_tokens, settings.provided.mongo_url),
    )
    uow = providers.Factory(SqlUnitOfWork, engine=engine, clock=clock, preferences=preferences)
    reader = providers.Factory(SqlUnitOfWork, engine=engine, clock=clock, read_only=True)  # for queries
    fine_tuner = providers.Singleton(_fine_tuner, settings)
    fine_tune_policy = providers.Singleton(_fine_tune_policy, settings)
    email = providers.Singleton(_email_sender, settings)
    webhooks = providers.Singleton(_webhook_sender, settings)
    webhook_secret = providers.Singleton(_webhook_secret, settings)
    interpreter = providers.Singleton(_interpreter, settings)
    limits = providers.Singleton(Limits, max_open_tasks=settings.provided.max_open_tasks)

    # Built once per container (cosmicpython's bootstrap): handler signatures are read at start, each command
    # gets a fresh unit of work from the factory, and ``bus().failures`` counts event-handler failures for the
    # process's life.
    bus = providers.ThreadSafeSingleton(
        lambda uow, **dependencies: MessageBus(uow, COMMAND_HANDLERS, EVENT_HANDLERS, dependencies),
        uow=uow.provider, clock=clock, hasher=hasher, preferences=preferences, email=email, webhooks=webhooks,
        webhook_secret=webhook_secret, interpreter=interpreter, models=models, fine_tuner=fine_tuner, cache=cache,
        fine_tune_policy=fine_tune_policy, limits=limits, occurrences=occurrences, calendars=calendars,
        calendar_sources=calendar_sources, telemetry=telemetry, secret_cipher=secret_cipher, images=images,
        blobs=blobs, image_codec=image_codec, vision=vision, analytics=analytics,
        feed_tokens=feed_tokens, categorisers=categorisers, review_policy=review_policy,
    )

    # The event-driven and scheduled entrypoints, over the same bus: ``consumer(name="replan")``,
    # ``scheduler(only=[...], owner=..., tick_seconds=...)``.
    relay = providers.Factory(OutboxRelay, outbox, publisher, clock)
    consumer = providers.Factory(_kombu_consumer, settings, bus, telemetry)
    jobs = providers.Factory(ScheduledJobs, bus=bus, queries=job_queries, preferences=preferences, outbox=outbox,
                             calendar_sync=providers.Factory(_calendar_sync, calendars, bus))
    scheduler = providers.Factory(_scheduler, jobs, job_runs, clock, telemetry)


def _use_memory(container: Container) -> None:
    """The memory profile: every port on its in-memory twin, one shared in-process database, the clock
    fixed at the moment of wiring (tests move it with ``container.clock().set`` / ``.advance``). No file,
    socket or server."""
    from adapters.ics.source import IcsSource
    from adapters.memory.analytics import MemoryAnalyticsStore
    from adapters.memory.cache import MemoryCache
    from adapters.memory.calendars import MemoryCalendarSource, MemoryCalendarStore, MemoryFeedTokenStore
    from adapters.memory.database import MemoryDatabase, MemoryReadiness
    from adapters.memory.images import MemoryBlobStore, MemoryImageStore, MemoryVision
    from adapters.memory.job_queries import MemoryJobQueries
    from adapters.memory.job_runs import MemoryJobRuns
    from adapters.memory.occurrences import MemoryOccurrenceLog
    from adapters.memory.outbound import (MemoryEmailSender, MemoryEventPublisher, MemoryFineTuner,
                                          MemoryPasswordHasher, MemoryWebhookSender)
    from adapters.memory.stores import (FixedClock, MemoryCategoriserStore, MemoryIdempotencyStore, MemoryModelStore,
                                        MemoryOutbox, MemoryPreferencesStore, MemoryTokenStore)
    from adapters.memory.stream_slots import MemoryStreamSlots
    from adapters.memory.unit_of_work import MemoryUnitOfWork

    started = datetime.now(timezone.utc).replace(microsecond=0)
    database, clock, preferences = MemoryDatabase(), FixedClock(started), MemoryPreferencesStore()
    container.database = providers.Object(database)
    for name, value in {
        "clock": clock, "engine": None, "preferences": preferences, "hasher": MemoryPasswordHasher(),
        "outbox": MemoryOutbox(database), "job_runs": MemoryJobRuns(), "job_queries": MemoryJobQueries(database),
        "publisher": MemoryEventPublisher(), "token_store": MemoryTokenStore(), "cache": MemoryCache(),
        "rate_counter": MemoryCache(max_entries=100_000), "idempotency": MemoryIdempotencyStore(),
        "models": MemoryModelStore(), "categorisers": MemoryCategoriserStore(), "fine_tuner": MemoryFineTuner(), "email": MemoryEmailSender(),
        "webhooks": MemoryWebhookSender(), "readiness": MemoryReadiness(), "stream_slots": MemoryStreamSlots(),
        "occurrences": MemoryOccurrenceLog(), "analytics": MemoryAnalyticsStore(),
        "calendars": MemoryCalendarStore(),
        "images": MemoryImageStore(), "blobs": MemoryBlobStore(), "vision": MemoryVision(),
        "feed_tokens": MemoryFeedTokenStore(),
        # uploaded .ics files are read as they are (no I/O); every other kind from calendars held in memory
        "calendar_sources": {**dict.fromkeys(MemoryCalendarSource.kinds, MemoryCalendarSource()),
                             "ics_file": IcsSource()},
    }.items():
        getattr(container, name).override(providers.Object(value))
    container.uow.override(providers.Factory(MemoryUnitOfWork, database, container.clock, preferences))
    container.consumer.override(providers.Factory(_memory_consumer, container.publisher, container.bus,
                                                  container.telemetry))
    container.reader.override(providers.Factory(MemoryUnitOfWork, database, container.clock, preferences))


def build_container(settings) -> Container:
    """The container for ``settings.profile``: "standard" picks adapters from the other settings;
    "memory" puts every port on its in-memory twin (unit tests, fast e2e tests, ``planloom demo --memory``)."""
    container = Container(settings=settings)
    if settings.profile == "memory":
        _use_memory(container)
    elif settings.profile != "standard":
        raise ValueError(f"unknown profile {settings.profile!r}: use 'standard' or 'memory'")
    return container
