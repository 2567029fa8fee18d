"""The ``planloom`` command: serve, worker, jobs, migrate, create-admin, demo, plan, parse, scan, openapi,
analytics rebuild, images move-blobs."""
from __future__ import annotations

import argparse
import gc
import getpass
import json
import sys
import time
from pathlib import Path

from entrypoints.config import ConfigError, Settings, share_metrics_dir


def load_app(settings: Settings):
    """The app as each server worker loads it. Everything built so far (modules, the app, its
    schemas, the container) lives as long as the worker: it is moved out of the cyclic garbage
    collector, whose full passes over it would otherwise stall every request in the process for
    tens of milliseconds: the API's tail latency."""
    from entrypoints.http.app import create_app

    app = create_app(settings)
    gc.collect()
    gc.freeze()
    return app


def _serve(args: argparse.Namespace) -> int:
    from adapters.sql.migrate import upgrade
    from entrypoints.http.bridge import BufferedWsgi
    from entrypoints.server import Server

    settings = Settings.from_env()
    if args.migrate:
        upgrade(settings.database_url, migrations_dir=settings.migrations_dir)
    if settings.broker_url.startswith("memory") and settings.background is None:
        settings.background = True  # memory:// is process-local: relay and consumers live in each worker
        if settings.jobs is None:
            settings.jobs = True  # embedded: no separate `planloom jobs` process to run them
    host, port = args.host or settings.host, args.port or settings.port
    workers = args.workers or settings.web_concurrency
    share_metrics_dir(settings, port)  # /metrics in any worker adds up every worker's figures

    def load():
        return BufferedWsgi(load_app(settings), threads=args.threads, max_body_bytes=settings.max_body_bytes,
                            body_timeout=args.body_timeout)

    print(f"Planloom on http://{host}:{port}", file=sys.stderr)
    Server(load, f"{host}:{port}", workers, header_timeout=args.header_timeout,
           max_connections=args.max_connections).run()
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from adapters.sql.migrate import downgrade, upgrade

    settings = Settings.from_env()
    if args.revision.startswith("-") or args.down:
        downgrade(settings.database_url, args.revision, migrations_dir=settings.migrations_dir)
    else:
        upgrade(settings.database_url, args.revision, migrations_dir=settings.migrations_dir)
    return 0


def _worker(args: argparse.Namespace) -> int:
    import signal

    from entrypoints.consumers.runtime import Background
    from entrypoints.container import build_container
    from entrypoints.metrics_server import serve_metrics
    from entrypoints.logs import configure as configure_logs
    from entrypoints.tracing import install as install_tracing

    settings = Settings.from_env()
    if settings.broker_url.startswith("memory"):
        print("error: a separate worker needs a shared broker; set PLANLOOM_BROKER_URL=amqp://...", file=sys.stderr)
        return 2
    names = [n.strip() for n in args.queues.split(",") if n.strip()] if args.queues else None
    configure_logs(settings)
    container = build_container(settings)
    serve_metrics(settings, container.telemetry())
    install_tracing(settings, "planloom-worker")
    background = Background(container, names, relay=not args.no_relay, concurrency=args.concurrency).start()
    signal.signal(signal.SIGTERM, lambda *_: background.stop_event.set())
    try:
        while not background.stop_event.wait(1.0):
            pass
    except KeyboardInterrupt:
        pass
    background.stop()
    return 0


def _parse(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from domain.errors import DomainError
    from domain.language.model import InterpretContext, to_json
    from entrypoints.container import build_container

    # Parsing signs nothing: an unset secret key is not generated into the data folder.
    interpreter = build_container(Settings.from_env(keep_secret=False)).interpreter()
    try:
        now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo(args.tz))
        context = InterpretContext(now=now.astimezone(ZoneInfo(args.tz)), timezone=args.tz, date_order=args.date_order)
        engine, reading = interpreter.interpret(args.text, context)
    except (DomainError, ValueError, KeyError) as exc:
        print(f"error: {getattr(exc, 'detail', exc)}", file=sys.stderr)
        return 2
    print(json.dumps({"engine": engine, **to_json(reading)}, indent=2, ensure_ascii=False))
    return 0


def _scan(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from domain.errors import DomainError
    from domain.language.model import InterpretContext
    from domain.services.handlers.images import scan
    from entrypoints.container import build_container
    from ports.images import VisionUnavailable

    container = build_container(Settings.from_env(keep_secret=False))
    try:
        now = datetime.fromisoformat(args.now) if args.now else datetime.now(timezone.utc)
        if now.tzinfo is None:
            now = now.replace(tzinfo=ZoneInfo(args.tz))
        context = InterpretContext(now=now.astimezone(ZoneInfo(args.tz)), timezone=args.tz, date_order=args.date_order)
        data = sys.stdin.buffer.read() if args.image == "-" else open(args.image, "rb").read()
        words = frozenset(word.strip() for word in args.words.split(",") if word.strip())
        result = scan(data, container.image_codec(), container.vision(), container.interpreter(), context,
                      args.caption, words, tuple(args.title))   # (an engine takes so many of them at most)
    except (DomainError, VisionUnavailable, ValueError, KeyError, OSError) as exc:
        print(f"error: {getattr(exc, 'detail', exc)}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False))
    return 0


def _plan(args: argparse.Namespace) -> int:
    from domain.errors import DomainError
    from domain.scheduling import plan, plan_to_json, problem_from_json

    try:
        source = sys.stdin.read() if args.problem == "-" else open(args.problem, encoding="utf-8").read()
        problem = problem_from_json(json.loads(source))
    except OSError as exc:
        print(f"error: cannot read {args.problem}: {exc.strerror}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as exc:
        print(f"error: not JSON: {exc}", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(json.dumps({"error": exc.detail, "errors": exc.field_errors}, indent=2), file=sys.stderr)
        return 2
    print(json.dumps(plan_to_json(plan(problem)), indent=2))
    return 0


def _jobs(args: argparse.Namespace) -> int:
    import signal
    import threading

    from entrypoints.container import build_container
    from entrypoints.jobs.runtime import build_scheduler
    from entrypoints.logs import configure as configure_logs
    from entrypoints.metrics_server import serve_metrics

    only = [n.strip() for n in args.only.split(",") if n.strip()] if args.only else None
    settings = Settings.from_env()
    configure_logs(settings)
    container = build_container(settings)
    try:
        scheduler = build_scheduler(container, only=only, tick_seconds=args.tick)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.once:
        print(json.dumps(scheduler.run_pending()))
        return 0
    serve_metrics(settings, container.telemetry())
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        scheduler.run(stop)
    except KeyboardInterrupt:
        pass
    return 0


def _bus(settings: Settings):
    from entrypoints.container import build_container

    return build_container(settings).bus()


def _create_admin(args: argparse.Namespace) -> int:
    from domain import commands
    from domain.errors import DomainError

    settings = Settings.from_env()
    password = args.password or settings.admin_password or getpass.getpass("Password: ")
    try:
        user = _bus(settings).handle(commands.RegisterUser(email=args.email, password=password,
                                                   display_name=args.name or "", role="admin"))
    except DomainError as exc:
        print(f"error: {exc.detail}", file=sys.stderr)
        return 2
    print(json.dumps({"id": str(user.id), "email": user.email, "role": user.role.value}))
    return 0


def _demo(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from dependency_injector import providers

    from adapters.memory.stores import FixedClock
    from entrypoints.container import build_container
    from entrypoints.demo import seed_demo

    settings = replace(Settings.from_env(), openai_model="")  # the demo's quick-adds are read by the local rules
    container = build_container(replace(settings, profile="memory") if args.memory else settings)
    clock = FixedClock()  # walked through the past month by the seeding, then set to now
    container.clock.override(providers.Object(clock))
    print(json.dumps(seed_demo(container.bus(), args.email, args.password, clock=clock)))
    return 0


def _analytics(args: argparse.Namespace) -> int:
    from domain import commands
    from domain.services import queries

    bus = _bus(Settings.from_env())
    user_id = None
    if args.user:
        user = queries.find_user(bus.uow, args.user)
        if user is None:
            print(f"error: no user {args.user!r}", file=sys.stderr)
            return 2
        user_id = user.id
    started = time.perf_counter()
    users = bus.handle(commands.RebuildAnalytics(user_id=user_id))
    print(json.dumps({"rebuilt_users": users, "seconds": round(time.perf_counter() - started, 3)}))
    return 0


def _move_blobs(args: argparse.Namespace) -> int:
    """Copy the images' blobs from a filesystem store into the configured one (S3), verified, resumable."""
    from adapters.filesystem.blobs import FileBlobStore
    from domain.services.handlers.image_blobs import move_image_blobs
    from entrypoints.container import build_container

    settings = Settings.from_env()
    source_dir = Path(args.from_dir)
    if not source_dir.is_dir():
        print(f"error: {source_dir} is not a directory", file=sys.stderr)
        return 2
    if not settings.images_s3_bucket and (settings.images_dir or settings.data_dir / "images").resolve() == \
            source_dir.resolve():
        print(f"error: {source_dir} is the configured image store itself: set PLANLOOM_IMAGES_S3_* (or "
              "PLANLOOM_IMAGES_DIR) to the store to move the images to", file=sys.stderr)
        return 2
    container = build_container(settings)

    def report(kind, image_id, name, why):
        print(json.dumps({kind: name, "image_id": str(image_id), "reason": why}), file=sys.stderr)

    started = time.perf_counter()
    counts = move_image_blobs(container.images(), FileBlobStore(source_dir), container.blobs(),
                              delete_source=args.delete_source, report=report)
    print(json.dumps(counts.to_dict() | {"seconds": round(time.perf_counter() - started, 3)}))
    return 1 if counts.failed else 0


def _openapi(args: argparse.Namespace) -> int:
    """The OpenAPI document, built from the app without serving it or touching a data directory."""
    import secrets
    import tempfile

    from entrypoints.http.app import create_app

    with tempfile.TemporaryDirectory() as data_dir:
        settings = Settings(data_dir=Path(data_dir), database_url="sqlite://", secret_key=secrets.token_hex(32),
                            log_level="WARNING")
        spec = create_app(settings).test_client().get("/api/v1/openapi.json").get_json()
    text = json.dumps(spec, indent=2, ensure_ascii=False) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planloom", description="Planloom: a self-hosted AI task scheduler")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the API and web UI with gunicorn")
    serve.add_argument("--host", default=None, help="default: $HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, default=None, help="default: $PORT or 8000")
    serve.add_argument("--workers", type=int, default=None, help="default: $WEB_CONCURRENCY or 2")
    serve.add_argument("--threads", type=int, default=4, help="threads running requests, per worker")
    serve.add_argument("--header-timeout", type=float, default=10.0,
                       help="seconds a client has to send a request's line and headers (then: closed)")
    serve.add_argument("--body-timeout", type=float, default=15.0,
                       help="seconds a client has to send a request's body (then: 408)")
    serve.add_argument("--max-connections", type=int, default=4096,
                       help="open connections per worker; new requests beyond it get a 503")
    serve.add_argument("--migrate", action="store_true", help="apply migrations before serving")
    serve.set_defaults(func=_serve)

    migrate = sub.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("revision", nargs="?", default="head")
    migrate.add_argument("--down", action="store_true", help="downgrade to REVISION")
    migrate.set_defaults(func=_migrate)

    admin = sub.add_parser("create-admin", help="create an administrator account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name")
    admin.add_argument("--password", help="default: $PLANLOOM_ADMIN_PASSWORD or a prompt")
    admin.set_defaults(func=_create_admin)

    worker = sub.add_parser("worker", help="run event consumers (and the outbox relay) against RabbitMQ")
    worker.add_argument("--queues", help="comma-separated consumers to run (default: all)")
    worker.add_argument("--no-relay", action="store_true", help="do not run the outbox relay here")
    worker.add_argument("--concurrency", type=int, default=None,
                        help="consumers per queue in this process (default: $PLANLOOM_CONSUMER_CONCURRENCY or 2)")
    worker.set_defaults(func=_worker)

    jobs = sub.add_parser("jobs", help="run scheduled jobs: reminders, rollover, overdue, digest, calendar sync, "
                                       "outbox purge (each fires once across processes)")
    jobs.add_argument("--only", help="comma-separated jobs to run (default: all)")
    jobs.add_argument("--tick", type=float, default=30.0, help="seconds between ticks")
    jobs.add_argument("--once", action="store_true", help="run the due jobs once and exit (cron style)")
    jobs.set_defaults(func=_jobs)

    plan_cmd = sub.add_parser("plan", help="plan a problem in the JSON format of docs/scheduling.md")
    plan_cmd.add_argument("problem", help='PROBLEM.json, or "-" to read standard input')
    plan_cmd.set_defaults(func=_plan)

    parse = sub.add_parser("parse", help="read a quick-add line and print the drafts as JSON")
    parse.add_argument("text", help='e.g. "draft the Q3 report by Friday, 3h, p1 #work"; "-" reads stdin')
    parse.add_argument("--now", help="ISO 8601 date-time (default: now); naive means in --tz")
    parse.add_argument("--tz", default="UTC", help="IANA timezone, e.g. Europe/Berlin")
    parse.add_argument("--date-order", default="MDY", choices=["MDY", "DMY"])
    parse.set_defaults(func=_parse)

    scan_cmd = sub.add_parser("scan", help="read an image's text and task drafts (nothing stored) and print them as "
                                           "JSON: {text, lines, tasks (each with the line_indexes it came from), "
                                           "category, confidence}")
    scan_cmd.add_argument("image", help='a PNG, JPEG, WebP, HEIC/HEIF or AVIF file, or "-" to read standard input')
    scan_cmd.add_argument("--now", help="ISO 8601 date-time the dates are read from (default: now); naive: in --tz")
    scan_cmd.add_argument("--tz", default="UTC", help="IANA timezone, e.g. Europe/Berlin")
    scan_cmd.add_argument("--date-order", default="MDY", choices=["MDY", "DMY"])
    scan_cmd.add_argument("--caption", default="", help="as an upload's caption (#category)")
    scan_cmd.add_argument("--words", default="", help='names and brands to prefer over look-alike misreads, as an '
                                                      'owner\'s tasks give them: "Gail,Luna,Zyrtec"')
    scan_cmd.add_argument("--title", action="append", default=[], help='a title to prefer over a misread item near '
                                                                     'it, as an owner\'s tasks give them (repeat it): '
                                                                     '--title "Buy oat milk"')
    scan_cmd.set_defaults(func=_scan)

    openapi = sub.add_parser("openapi", help="print the API's OpenAPI document (JSON) without a server")
    openapi.add_argument("-o", "--output", default="-", help='a file to write, or "-" (default) for stdout')
    openapi.set_defaults(func=_openapi)

    analytics = sub.add_parser("analytics", help="insights: rebuild them from the tasks")
    analytics_sub = analytics.add_subparsers(dest="action", required=True)
    rebuild = analytics_sub.add_parser("rebuild", help="recompute insights from the relational data")
    rebuild.add_argument("--user", help="one user, by email or id (default: every user)")
    rebuild.set_defaults(func=_analytics)

    images = sub.add_parser("images", help="images: maintenance of their stored bytes")
    images_sub = images.add_subparsers(dest="action", required=True)
    move = images_sub.add_parser(
        "move-blobs", help="copy every image's bytes from a filesystem store (the old PLANLOOM_IMAGES_DIR) into the "
                           "configured store (PLANLOOM_IMAGES_S3_*), each read back and compared; blobs already "
                           "there are skipped, so a rerun resumes; prints the counts as JSON, each problem on stderr; "
                           "exits 1 when a blob could not be moved")
    move.add_argument("--from-dir", required=True, help="the folder the filesystem store kept the images in")
    move.add_argument("--delete-source", action="store_true",
                      help="delete each source file once its copy is verified (default: keep them)")
    move.set_defaults(func=_move_blobs)

    demo = sub.add_parser("demo", help="seed a demo user with a month of history and a realistic week of tasks")
    demo.add_argument("--email", default="demo@planloom.local")
    demo.add_argument("--password", default="planloom-demo")
    demo.add_argument("--memory", action="store_true",
                      help="on the memory profile: nothing stored, no database needed (a dry run)")
    demo.set_defaults(func=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "parse" and args.text == "-":
        args.text = sys.stdin.read()
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"planloom: configuration error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
