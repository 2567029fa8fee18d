"""Settings from ``PLANLOOM_*`` environment variables (and the usual HOST, PORT, WEB_CONCURRENCY,
OPENAI_API_KEY). The only module that reads the environment; nothing connects here."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from adapters.sql.private_files import private_dir
from domain.model.learning import DEFAULT_BASE_MODELS


def _bool(value: str | None, default: bool | None = False) -> bool | None:
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


class ConfigError(ValueError):
    """A setting that must not be used; the message names the variable and the fix."""


MIN_SECRET_BYTES = 32
LOOPBACK = ("127.0.0.0/8", "::1/128")  # /metrics answers these by default
_GENERATE = "python3 -c 'import secrets; print(secrets.token_urlsafe(48))'"


def check_secret_key(key: str, source: str = "PLANLOOM_SECRET_KEY") -> str:
    """Refuse a key anyone could guess: short, or a placeholder from the deploy examples."""
    if key.startswith("CHANGE_ME"):
        raise ConfigError(f"{source} is still the example placeholder; set a random one: {_GENERATE}")
    if len(key.encode()) < MIN_SECRET_BYTES:
        raise ConfigError(f"{source} is {len(key.encode())} bytes; use at least {MIN_SECRET_BYTES} bytes "
                          f"of randomness: {_GENERATE}")
    return key


def _secret_key(data_dir: Path) -> str:
    """A secret generated once and kept (mode 0600) in the data folder."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    private_dir(data_dir)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def check_images_s3(settings: "Settings") -> None:
    """An address, prefix or key without a bucket, half a key pair or a placeholder key is refused
    rather than silently ignored."""
    fields = ("prefix", "endpoint", "region", "access_key_id", "secret_access_key")
    stray = [name for name in fields if getattr(settings, f"images_s3_{name}")]
    if stray and not settings.images_s3_bucket:
        raise ConfigError(f"PLANLOOM_IMAGES_S3_{stray[0].upper()} is set but PLANLOOM_IMAGES_S3_BUCKET is not: "
                          "set the bucket too, or unset it to keep images in PLANLOOM_IMAGES_DIR")
    if bool(settings.images_s3_access_key_id) != bool(settings.images_s3_secret_access_key):
        raise ConfigError("set both PLANLOOM_IMAGES_S3_ACCESS_KEY_ID and PLANLOOM_IMAGES_S3_SECRET_ACCESS_KEY, "
                          "or neither (boto3's own credentials: AWS_* variables, web identity, instance role)")
    for name in ("access_key_id", "secret_access_key"):
        if getattr(settings, f"images_s3_{name}").startswith("CHANGE_ME"):
            raise ConfigError(f"PLANLOOM_IMAGES_S3_{name.upper()} is still the example placeholder")


@dataclass
class Settings:
    data_dir: Path = Path("data")
    profile: str = "standard"  # "memory": every port on its in-memory twin, the clock fixed
    database_url: str = ""
    mongo_url: str = ""
    redis_url: str = ""
    broker_url: str = "memory://"
    secret_key: str = ""
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    cookie_secure: bool = True  # the browser's refresh cookie is Secure (https, or http://localhost)
    revocation_cache_seconds: float = 5.0  # per-process memory of "not revoked" answers
    cors_origins: list[str] = field(default_factory=list)
    proxy_hops: int = 0  # reverse proxies in front (nginx, an ingress): trust that many X-Forwarded-* hops
    log_format: str = "text"
    log_level: str = "INFO"
    login_rate_limit: str = "10 per minute"
    login_ip_rate_limit: str = "60 per minute"
    api_rate_limit: str = "1200 per minute"  # per signed-in user, or per address for anonymous calls
    register_rate_limit: str = "10 per hour"  # new accounts per client address (each costs an Argon2 hash)
    max_body_bytes: int = 1_048_576
    db_connect_timeout: float = 5.0       # seconds to open a database connection
    db_pool_timeout: float = 10.0         # seconds to wait for a free pooled connection
    db_statement_timeout_ms: int = 30_000  # PostgreSQL cancels a statement after this (0: no limit)
    readiness_timeout: float = 2.0        # /readyz answers 503 when the database is slower than this
    streams_per_user: int = 5             # open notification streams per account (all processes)
    streams_max: int = 1000               # open notification streams per server process
    streams_listen_url: str = ""          # PostgreSQL for LISTEN (a session: not via PgBouncer); "poll": none
    max_open_tasks: int = 5_000           # open (todo) tasks per user; creating more answers 409
    image_review_threshold: float = 0.6   # an image category guessed less confidently is marked for review
    ui_dist: Path | None = None
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    background: bool | None = None  # run the outbox relay and consumers in threads of this process (None: unset)
    jobs: bool | None = None        # with background: also run the scheduled jobs in this process (None: unset)
    consumer_concurrency: int = 2  # consumers per queue in each process running them
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_security: str = "starttls"
    smtp_sender: str = "Planloom <planloom@localhost>"
    webhook_allow_private: bool = False
    calendar_allow_private: bool = False  # let calendar feeds and CalDAV servers be on loopback/private addresses
    google_client_id: str = ""           # the OAuth client of this server at Google (empty: no Google Calendar)
    google_client_secret: str = ""
    google_redirect_url: str = ""        # the callback's public address as registered at Google (empty: derived)
    google_authorize_url: str = "https://accounts.google.com/o/oauth2/v2/auth"
    google_token_url: str = "https://oauth2.googleapis.com/token"
    google_revoke_url: str = "https://oauth2.googleapis.com/revoke"
    google_api_url: str = "https://www.googleapis.com/calendar/v3/"
    openai_model: str = ""
    openai_api_key: str = ""
    openai_base_url: str = ""
    openai_timeout: float = 10.0
    vision: str = "rapidocr"            # image text: "rapidocr" (local, default) or "google" (Cloud Vision)
    google_vision_api_key: str = ""     # Cloud Vision API key (unset: Application Default Credentials)
    google_vision_endpoint: str = ""    # another Cloud Vision address (a proxy, a local test server)
    ocr_threads: int = 0                # ONNX Runtime threads per OCR run (0: one per core)
    ocr_lexicon: bool = True            # unsure misspelt words put right from an English word list
    ocr_wordnet: str = "/usr/share/wordnet"   # WordNet's database: its compounds ("tea bag") weigh word pairs
    images_dir: Path | None = None      # where uploaded images' bytes live (None: <data>/images)
    images_s3_bucket: str = ""          # set: uploaded images' bytes live in this S3 bucket instead
    images_s3_prefix: str = ""          # keys start with this (``planloom/images``): one bucket, several uses
    images_s3_endpoint: str = ""        # another S3-compatible store than AWS (MinIO, Ceph, R2): its address
    images_s3_region: str = ""          # the bucket's region (unset: boto3's, from AWS_REGION or its config)
    images_s3_access_key_id: str = ""   # unset: boto3's own chain (AWS_* variables, web identity, instance role)
    images_s3_secret_access_key: str = ""
    fine_tune_models: list[str] = field(default_factory=lambda: list(DEFAULT_BASE_MODELS))  # the first: default
    fine_tune_user_monthly_quota: int = 0  # 0: only admins may start (paid) fine-tuning jobs
    migrations_dir: Path | None = None  # where an installed package finds the Alembic scripts
    admin_password: str | None = None   # ``planloom create-admin`` without --password or a prompt
    host: str = "127.0.0.1"             # ``planloom serve`` binds here (HOST)...
    port: int = 8000                    # ...and on this port (PORT)
    web_concurrency: int = 2            # ``planloom serve`` worker processes (WEB_CONCURRENCY)
    metrics_token: str = ""             # /metrics also answers a request bearing this token
    metrics_networks: list[str] = field(default_factory=lambda: list(LOOPBACK))  # /metrics answers these addresses
    metrics_port: int = 0               # ``planloom worker`` / ``jobs``: serve /metrics on this port (0: not)
    metrics_dir: Path | None = None     # the server workers' shared folder (PROMETHEUS_MULTIPROC_DIR)
    tracing_endpoint: str = ""          # an OTLP/HTTP collector: traces on (entrypoints/tracing.py)
    tracing_sample_ratio: float = 1.0   # share of new traces kept (a consumed message follows its request's)

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, keep_secret: bool = True) -> "Settings":
        """``keep_secret=False``: without PLANLOOM_SECRET_KEY, a throwaway key instead of one generated
        into the data folder (for commands that sign nothing, such as ``planloom parse``)."""
        env = dict(os.environ if env is None else env)
        get = lambda name, default=None: env.get(f"PLANLOOM_{name}", default)  # noqa: E731
        data_dir = Path(get("DATA_DIR", "data")).resolve()
        database_url = get("DATABASE_URL") or f"sqlite:///{data_dir / 'planloom.db'}"
        settings = cls(
            data_dir=data_dir,
            profile=get("PROFILE", "standard"),
            database_url=database_url,
            mongo_url=get("MONGO_URL", ""),
            redis_url=get("REDIS_URL", ""),
            broker_url=get("BROKER_URL", "memory://"),
            secret_key=(check_secret_key(get("SECRET_KEY")) if get("SECRET_KEY")
                        else check_secret_key(_secret_key(data_dir), str(data_dir / "secret_key")) if keep_secret
                        else secrets.token_urlsafe(48)),
            access_token_minutes=int(get("ACCESS_TOKEN_MINUTES", "15")),
            refresh_token_days=int(get("REFRESH_TOKEN_DAYS", "30")),
            cookie_secure=_bool(get("COOKIE_SECURE"), default=True),
            revocation_cache_seconds=float(get("REVOCATION_CACHE_SECONDS", "5")),
            cors_origins=[o.strip() for o in get("CORS_ORIGINS", "").split(",") if o.strip()],
            proxy_hops=int(get("PROXY_HOPS", "0")),
            log_format=get("LOG_FORMAT", "text"),
            log_level=get("LOG_LEVEL", "INFO"),
            login_rate_limit=get("LOGIN_RATE_LIMIT", "10 per minute"),
            login_ip_rate_limit=get("LOGIN_IP_RATE_LIMIT", "60 per minute"),
            api_rate_limit=get("API_RATE_LIMIT", "1200 per minute"),
            register_rate_limit=get("REGISTER_RATE_LIMIT", "10 per hour"),
            max_body_bytes=int(get("MAX_BODY_BYTES", "1048576")),
            db_connect_timeout=float(get("DB_CONNECT_TIMEOUT", "5")),
            db_pool_timeout=float(get("DB_POOL_TIMEOUT", "10")),
            db_statement_timeout_ms=int(get("DB_STATEMENT_TIMEOUT_MS", "30000")),
            readiness_timeout=float(get("READINESS_TIMEOUT", "2")),
            streams_per_user=int(get("STREAMS_PER_USER", "5")),
            streams_max=int(get("STREAMS_MAX", "1000")),
            streams_listen_url=get("STREAMS_LISTEN_URL", ""),
            max_open_tasks=int(get("MAX_OPEN_TASKS", "5000")),
            image_review_threshold=float(get("IMAGE_REVIEW_THRESHOLD", "0.6")),
            ui_dist=Path(get("UI_DIST")) if get("UI_DIST") else None,
            argon2_time_cost=int(get("ARGON2_TIME_COST", "3")),
            argon2_memory_kib=int(get("ARGON2_MEMORY_KIB", "65536")),
            background=_bool(get("BACKGROUND"), None),
            jobs=_bool(get("JOBS"), None),
            consumer_concurrency=int(get("CONSUMER_CONCURRENCY", "2")),
            smtp_host=get("SMTP_HOST", ""),
            smtp_port=int(get("SMTP_PORT", "587")),
            smtp_username=get("SMTP_USERNAME"),
            smtp_password=get("SMTP_PASSWORD"),
            smtp_security=get("SMTP_SECURITY", "starttls"),
            smtp_sender=get("SMTP_SENDER", "Planloom <planloom@localhost>"),
            webhook_allow_private=_bool(get("WEBHOOK_ALLOW_PRIVATE")),
            calendar_allow_private=_bool(get("CALENDAR_ALLOW_PRIVATE")),
            google_client_id=get("GOOGLE_CLIENT_ID", ""),
            google_client_secret=get("GOOGLE_CLIENT_SECRET", ""),
            google_redirect_url=get("GOOGLE_REDIRECT_URL", ""),
            google_authorize_url=get("GOOGLE_AUTHORIZE_URL", "https://accounts.google.com/o/oauth2/v2/auth"),
            google_token_url=get("GOOGLE_TOKEN_URL", "https://oauth2.googleapis.com/token"),
            google_revoke_url=get("GOOGLE_REVOKE_URL", "https://oauth2.googleapis.com/revoke"),
            google_api_url=get("GOOGLE_API_URL", "https://www.googleapis.com/calendar/v3/"),
            openai_model=get("OPENAI_MODEL", ""),
            openai_api_key=env.get("OPENAI_API_KEY", ""),
            openai_base_url=get("OPENAI_BASE_URL", ""),
            openai_timeout=float(get("OPENAI_TIMEOUT", "10")),
            vision=get("VISION", "rapidocr"),
            google_vision_api_key=get("GOOGLE_VISION_API_KEY", ""),
            google_vision_endpoint=get("GOOGLE_VISION_ENDPOINT", ""),
            ocr_threads=int(get("OCR_THREADS", "0")),
            ocr_lexicon=_bool(get("OCR_LEXICON"), True),
            ocr_wordnet=get("OCR_WORDNET", "/usr/share/wordnet").strip(),
            images_dir=Path(get("IMAGES_DIR")) if get("IMAGES_DIR") else None,
            images_s3_bucket=get("IMAGES_S3_BUCKET", "").strip(),
            images_s3_prefix=get("IMAGES_S3_PREFIX", "").strip(),
            images_s3_endpoint=get("IMAGES_S3_ENDPOINT", "").strip(),
            images_s3_region=get("IMAGES_S3_REGION", "").strip(),
            images_s3_access_key_id=get("IMAGES_S3_ACCESS_KEY_ID", "").strip(),
            images_s3_secret_access_key=get("IMAGES_S3_SECRET_ACCESS_KEY", "").strip(),
            fine_tune_models=[m.strip() for m in get("FINE_TUNE_MODELS", ",".join(DEFAULT_BASE_MODELS)).split(",")
                              if m.strip()] or list(DEFAULT_BASE_MODELS),
            fine_tune_user_monthly_quota=int(get("FINE_TUNE_USER_MONTHLY_QUOTA", "0")),
            migrations_dir=Path(get("MIGRATIONS_DIR")) if get("MIGRATIONS_DIR") else None,
            admin_password=get("ADMIN_PASSWORD"),
            host=env.get("HOST", "127.0.0.1"),
            port=int(env.get("PORT", "8000")),
            web_concurrency=int(env.get("WEB_CONCURRENCY", "2")),
            metrics_token=get("METRICS_TOKEN", ""),
            metrics_networks=[n.strip() for n in get("METRICS_NETWORKS", ",".join(LOOPBACK)).split(",") if n.strip()],
            metrics_port=int(get("METRICS_PORT", "0")),
            metrics_dir=Path(env["PROMETHEUS_MULTIPROC_DIR"]) if env.get("PROMETHEUS_MULTIPROC_DIR") else None,
            tracing_endpoint=get("TRACING_ENDPOINT", ""),
            tracing_sample_ratio=float(get("TRACING_SAMPLE_RATIO", "1")),
        )
        check_images_s3(settings)
        return settings


def share_metrics_dir(settings: Settings, port: int) -> Path:
    """For ``planloom serve``: the folder every worker writes its figures to (``PROMETHEUS_MULTIPROC_DIR``,
    else ``<data>/metrics/<port>``: one per server of the host), emptied of an earlier run's files and put
    in the environment the workers inherit, before any of them imports prometheus-client (which reads it
    then)."""
    folder = settings.metrics_dir or settings.data_dir / "metrics" / str(port)
    private_dir(folder)
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    settings.metrics_dir = folder
    return folder
