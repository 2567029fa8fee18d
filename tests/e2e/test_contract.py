"""The OpenAPI document is a contract: schemathesis sends what it describes and checks every answer.

Its pytest integration: one test per operation (its examples, coverage and generated cases, sent
in-process through WSGI) and the stateful phase (call sequences over links schemathesis infers from
responses and path parameters, run by its engine over a loopback socket), every check on, examples
bounded so the whole run stays within a few minutes. The app is the one the other end-to-end tests
use (embedded SQLite through the real container, a fresh database per test), with a signed-in
user. The document is read once at collection from an app that connects to nothing.
"""
from __future__ import annotations

import threading
import uuid
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from dependency_injector import providers
from hypothesis import HealthCheck, Phase, settings
from schemathesis import engine as st_engine
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events
from werkzeug.serving import make_server

from adapters.ics.source import IcsSource
from adapters.memory.calendars import MemoryCalendarSource
from entrypoints.config import Settings
from entrypoints.http.app import create_app
from tests.e2e.conftest import sign_up

# The SSE stream holds its request for up to a minute by design; its behaviour has its own tests.
UNFUZZED = "/api/v1/notifications/stream"
# Operations whose rules JSON Schema cannot state (each says so in its description): a request the
# document allows may still be a 422 there, e.g. a range whose end is before its start.
SEMANTIC_422 = [
    ("GET", "/api/v1/schedule"), ("GET", "/api/v1/busy"), ("POST", "/api/v1/busy"),
    ("PATCH", "/api/v1/schedule/blocks/{block_id}"), ("POST", "/api/v1/tasks"), ("PATCH", "/api/v1/tasks/{task_id}"),
    ("PUT", "/api/v1/users/me/preferences"), ("POST", "/api/v1/schedule/preview"), ("POST", "/api/v1/ai/command"),
    ("POST", "/api/v1/ai/parse"), ("POST", "/api/v1/tasks/quick-add"),
    ("GET", "/api/v1/tasks/{task_id}/occurrences"), ("PUT", "/api/v1/tasks/{task_id}/occurrences/{occurrence}"),
    ("DELETE", "/api/v1/tasks/{task_id}/occurrences/{occurrence}"),
    ("POST", "/api/v1/calendar/connections"), ("PATCH", "/api/v1/calendar/connections/{connection_id}"),
    *(("GET", f"/api/v1/analytics/{report}") for report in ("summary", "weekly", "categories", "estimates")),
]
ACCEPTED = ["2xx", "401", "403", "404", "409", "422", "429"]
# The OAuth callback: a state only this server can seal, so every generated one is a documented 400.
OAUTH_CALLBACKS = [("GET", "/api/v1/calendar/google/callback")]
# An upload's bytes are a string of any bytes to JSON Schema: what they hold decides 413 (pixels) and 415 (format).
UPLOADS = [("POST", "/api/v1/images")]
CONFIG_DATA = {
    "cache": {"enabled": False},  # no state kept between runs (nor a .schemathesis/ folder)
    "checks": {"enabled": True},
    "operations": [{"include-name": f"{method} {path}",  # the name alone: method and path filters add up
                    "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED + ["303", "400"]}}}
                   for method, path in OAUTH_CALLBACKS]
                  + [{"include-name": f"{method} {path}",
                      "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED + ["413", "415"]}}}
                     for method, path in UPLOADS]
                  + [{"include-method": method, "include-path": path,
                      "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}}}
                     for method, path in SEMANTIC_422],
}
CONFIG = SchemathesisConfig.from_dict(CONFIG_DATA)
STATEFUL_CONFIG = SchemathesisConfig.from_dict({
    **CONFIG_DATA, "seed": 1, "workers": 1,
    "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}, "fuzzing": {"enabled": False},
               "stateful": {"enabled": True, "max-steps": 8}},
    "generation": {"max-examples": 30},
})
SETTINGS = settings(max_examples=15, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])


class _AppUnderTest:
    """The WSGI app schemathesis calls: the one the running test's fixture built (at collection,
    one that connects to nothing serves the document)."""

    app = create_app(Settings(data_dir=Path("/nonexistent"), database_url="sqlite://",
                              secret_key=uuid.uuid4().hex * 2))

    def __call__(self, environ, start_response):
        return self.app(environ, start_response)


UNDER_TEST = _AppUnderTest()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", UNDER_TEST, config=CONFIG).exclude(path=UNFUZZED)


@schema.auth(refresh_interval=None)  # each test has its own user
class SignedIn:
    """The bearer token of the running test's user, as an auth provider: the authentication checks
    know to send the request again without it, or with a wrong one."""

    token = ""

    def get(self, case, context) -> str:
        return self.token

    def set(self, case, data: str, context) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def signed_in(make_app) -> None:
    """A fresh app on its own SQLite database, under test, with a signed-in user."""
    UNDER_TEST.app = make_app("fresh", api_rate_limit="100000 per minute")
    # generated feed addresses must reach nobody (a public IP literal is a valid address): calendars are read
    # from the memory twin here; the real adapters have their own tests against local servers
    UNDER_TEST.app.container.calendar_sources.override(providers.Object(
        dict.fromkeys(("ics_url", "caldav"), MemoryCalendarSource()) | {"ics_file": IcsSource()}))
    SignedIn.token = sign_up(UNDER_TEST.app.test_client()).tokens["access_token"]


@schema.parametrize()
@SETTINGS
def test_every_operation_honours_the_contract(case, signed_in):
    response = case.call_and_validate()
    signed_in_as_user = response.request.headers.get("Authorization") == f"Bearer {SignedIn.token}"
    if signed_in_as_user and not case.path.startswith("/api/v1/auth/"):  # sign-in, refresh, sign-out may 401
        assert response.status_code != 401, "the user is signed in"


@pytest.fixture
def served(signed_in):
    """The app under test on a loopback socket, served from a thread."""
    server = make_server("127.0.0.1", 0, UNDER_TEST.app, threaded=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def test_call_sequences_honour_the_contract(served):
    """The stateful phase, run by schemathesis's own engine as its command line runs it, over HTTP
    (under pytest its hypothesis state machine trips over its own adaptive generation, and the
    engine's in-process transport passes a socket option to Werkzeug)."""
    stateful = schemathesis.openapi.from_url(f"{served}/api/v1/openapi.json", config=STATEFUL_CONFIG)
    stateful.auth()(SignedIn)
    failures, statuses, links = [], Counter(), 0
    for event in st_engine.from_schema(stateful.exclude(path=UNFUZZED)).execute():
        if isinstance(event, events.PhaseStarted) and event.payload is not None:
            links = event.payload.inferred_transitions
        if isinstance(event, events.ScenarioFinished):
            statuses.update(i.response.status_code // 100 * 100 for i in event.recorder.interactions.values()
                            if i.response is not None)
            # a POST replayed for a reused Idempotency-Key answers as the first did, with the first's resource,
            # which a later step of the run may have deleted: that resource is rightly gone (RFC draft
            # "The Idempotency-Key HTTP Header Field": the stored response is returned as it was)
            replayed = any(i.response is not None and "idempotent-replayed" in {k.lower() for k in i.response.headers}
                           for i in event.recorder.interactions.values())
            failures += [f"{check.name}: {check.failure_info.failure.title}"
                         for checks in event.recorder.checks.values() for check in checks if check.failure_info
                         and not (replayed and check.name == "ensure_resource_availability")]
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            failures.append(str(getattr(event, "value", event)))
    print(f"stateful: {sum(statuses.values())} requests {dict(statuses)}, {links} inferred links")
    assert failures == []
    assert links > 10 and statuses[200] > 20  # it followed links, signed in
