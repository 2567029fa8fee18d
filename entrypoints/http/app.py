"""``create_app``: build the Flask application around a container. Nothing connects here."""
from __future__ import annotations


from flask import Flask
from flask.sessions import SessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from apispec.ext.marshmallow import MarshmallowPlugin

import adapters.redis.limits_storage  # noqa: F401 - registers flask-limiter's planloom+redis:// storage
import adapters.sql.file_cache  # noqa: F401 - registers flask-limiter's planloom+sqlite:// storage
from domain.model import _checks
from entrypoints.config import Settings
from entrypoints.http.blueprint import MAX_PAGE
from entrypoints.http.json import OrjsonProvider
from entrypoints.http.openapi import PlanloomApi
from entrypoints.container import Container, build_container, rate_limit_file
from entrypoints.http import auth, body, docs, errors, metrics, middleware, rate_limits, session_cookie, spa
from entrypoints import logs, tracing
from entrypoints.http.resources import auth as auth_resources
from entrypoints.http.resources import calendar_feed
from entrypoints.http.resources import (ai, analytics, busy, calendars, catalog, google_calendar, health, images,
                                        notifications, routines, schedule, tasks, users)
from entrypoints.http.schemas.routines import OccurrenceConverter, occurrence_parameter

API_DESCRIPTION = f"""Planloom's REST API. Authenticate with `Authorization: Bearer <access_token>`
from `/auth/login` or `/auth/register`. Errors are RFC 9457 problem details.

Limits on every request: a body of at most the server's `PLANLOOM_MAX_BODY_BYTES` (1 MiB by default;
larger, chunked or not, is a 413); JSON nested at most {body.MAX_DEPTH} levels deep (deeper is a 400);
date-times in the years {_checks.FIRST_YEAR} to {_checks.LAST_YEAR}; `page` at most {MAX_PAGE:,}."""


def _per_address(limiter: Limiter, limit: str, prefix: str):
    """``limit`` per client address, counted under its own key prefix."""
    return limiter.limit(limit, key_func=lambda: f"{prefix}:{get_remote_address()}")


class NoSessions(SessionInterface):
    """Planloom keeps nothing in Flask's signed-cookie session (tokens are JWTs; the refresh cookie is
    flask-jwt-extended's): opening one per request (an itsdangerous serializer, a cookie lookup) only
    cost CPU. ``session`` is Flask's null session: reading it works, writing to it raises."""

    def open_session(self, app: Flask, request) -> None:
        return None  # Flask then uses make_null_session

    def save_session(self, app: Flask, session, response) -> None:
        return None


def _hooks_only_on(app: Flask, limiter: Limiter, blueprint: str) -> None:
    """Move flask-limiter's request hooks from the whole app to one blueprint. Resolving the limits of a
    request that has none cost every other request about 5 % of its CPU (and its after- and teardown
    hooks more). Fails at start-up if a flask-limiter release hooks in differently."""
    def ours(hook) -> bool:
        return getattr(hook, "__self__", None) is limiter or getattr(hook, "args", ())[:1] == (limiter,)

    for registry in (app.before_request_funcs, app.after_request_funcs, app.teardown_request_funcs):
        hooks = registry.get(None, [])
        moved = [hook for hook in hooks if ours(hook)]
        if len(moved) != 1:
            raise RuntimeError(f"flask-limiter's request hooks are not as expected: {moved}")
        hooks.remove(moved[0])
        registry.setdefault(blueprint, []).append(moved[0])


def schema_name(schema) -> str:
    """OpenAPI component names: ``TaskSchema`` -> ``Task``, its partial variant -> ``TaskPatch``."""
    cls = schema if isinstance(schema, type) else type(schema)
    name = cls.__name__.removesuffix("Schema")
    return name + "Patch" if getattr(schema, "partial", False) else name


def create_app(settings: Settings | None = None, container: Container | None = None) -> Flask:
    settings = settings or Settings.from_env()
    container = container or build_container(settings)
    logs.configure(settings)

    app = Flask("planloom", static_folder=None)
    app.container = container
    app.session_interface = NoSessions()
    if settings.proxy_hops:  # behind nginx/an ingress: the client's address, not the proxy's, keys rate limits
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=settings.proxy_hops, x_proto=settings.proxy_hops,
                                x_host=settings.proxy_hops)
    app.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=settings.max_body_bytes,
        PROPAGATE_EXCEPTIONS=False,
        API_TITLE="Planloom",
        API_VERSION="v1",
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/api/v1",
        OPENAPI_JSON_PATH="openapi.json",
        API_SPEC_OPTIONS={
            "info": {"description": API_DESCRIPTION},
            "components": {"securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "refreshCookie": {"type": "apiKey", "in": "cookie", "name": session_cookie.REFRESH_COOKIE},
            }},
            "security": [{"bearerAuth": []}],
        },
        # Shared by every process: Redis, else a SQLite file of this host; Redis away: per process meanwhile.
        RATELIMIT_STORAGE_URI=(f"planloom+{settings.redis_url}" if settings.redis_url
                               else "memory://" if settings.profile == "memory"  # nothing kept on disk
                               else f"planloom+sqlite://{rate_limit_file(settings)}"),
        RATELIMIT_HEADERS_ENABLED=True,
        RATELIMIT_SWALLOW_ERRORS=True,
    )
    app.json = OrjsonProvider(app)  # ~10x faster than the stdlib for a page of tasks; keys keep their order
    auth.init_jwt(app, settings)
    middleware.install(app, settings)
    body.install(app, settings.max_body_bytes)  # chunked bodies capped too; JSON nesting bounded

    api = PlanloomApi(app, spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name)})
    limiter = Limiter(get_remote_address, app=app, default_limits=[])
    app.url_map.converters["occurrence"] = OccurrenceConverter
    api.register_converter(OccurrenceConverter, occurrence_parameter)
    for blueprint in (auth_resources.blp, users.blp, tasks.blp, routines.blp, catalog.categories, catalog.tags,
                      schedule.blp, notifications.blp, ai.blp, busy.blp, calendars.blp, google_calendar.blp, images.blp,
                      analytics.blp, calendar_feed.blp):
        api.register_blueprint(blueprint)
    api.document_problems()
    # Signed-out calls count against the address; signed-in ones against the user (see rate_limits).
    _per_address(limiter, settings.api_rate_limit, "ip")(app.blueprints["auth"])
    _hooks_only_on(app, limiter, "auth")  # its limits all live there: elsewhere it need not look them up
    app.user_rate_limit = rate_limits.UserRateLimit(settings.api_rate_limit, container.rate_counter())

    # Sign-in is also rate-limited per account and per client address.
    login = app.view_functions["auth.Login"]
    login = limiter.limit(settings.login_rate_limit, key_func=auth_resources.login_account_key)(login)
    app.view_functions["auth.Login"] = _per_address(limiter, settings.login_ip_rate_limit, "login-ip")(login)
    # Registration costs an Argon2 hash: its own, much lower, limit per client address.
    app.view_functions["auth.Register"] = _per_address(limiter, settings.register_rate_limit, "register-ip")(
        app.view_functions["auth.Register"])
    app.limiter = limiter
    app.register_blueprint(health.blp)
    app.register_blueprint(metrics.blueprint(settings))
    app.register_blueprint(docs.blueprint())  # Swagger UI from the package, not flask-smorest's CDN page
    app.url_map.converters["ui_path"] = spa.UiPath
    app.register_blueprint(spa.blueprint(settings.ui_dist))
    errors.register(app)  # after Api(): our problem-details handlers replace flask-smorest's

    provider = tracing.install(settings, "planloom-web")
    if provider is not None:
        tracing.instrument_app(app, provider)

    app.background = None
    if settings.background:
        from entrypoints.consumers.runtime import Background

        app.background = Background(container, jobs=settings.jobs).start()
    return app
