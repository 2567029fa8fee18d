"""A database that hangs (accepts, never answers) or is slow: every wait has a deadline.

The hung server is a TCP listener that accepts and stays silent (what a stopped PostgreSQL backend or a
black-holed network path looks like to a client); slow statements are ``pg_sleep`` on the real server.
Each blocking call runs in a thread joined with a generous bound, so a missing deadline fails the test
instead of hanging the suite (a bound, not a timing assertion).
"""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import exc, text

from adapters.sql.engine import make_engine
from adapters.sql.readiness import ReadinessProbe
from tests.silent_listener import silent_listener

BOUND = 60.0


def outcome(call):
    """Run ``call`` in a thread; return what it raised (or returned). Fails if it is still running at BOUND."""
    result: list = []

    def run():
        try:
            result.append(call())
        except BaseException as error:  # noqa: BLE001 - the error is the answer
            result.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(BOUND)
    assert not thread.is_alive(), "still waiting on the database: no deadline applied"
    return result[0]


@pytest.fixture
def hung_url():
    with silent_listener() as (port, accepted):
        yield f"postgresql://planloom@127.0.0.1:{port}/planloom", accepted


def _select_one(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT 1")).scalar_one()


def test_connecting_to_a_silent_server_gives_up(hung_url):
    url, accepted = hung_url
    engine = make_engine(url, connect_timeout=2)
    error = outcome(lambda: _select_one(engine))
    assert isinstance(error, exc.OperationalError) and "timeout" in str(error).lower()
    assert accepted, "the client really reached the silent server"
    engine.dispose()


def test_a_slow_statement_is_cancelled_by_the_server(postgres_url):
    engine = make_engine(postgres_url, statement_timeout_ms=300)
    try:
        def sleep():
            with engine.connect() as conn:
                return conn.execute(text("SELECT pg_sleep(30)")).scalar_one()

        error = outcome(sleep)
        assert isinstance(error, exc.OperationalError) and "statement timeout" in str(error)
        assert _select_one(engine) == 1  # the pool is fine afterwards
    finally:
        engine.dispose()


def test_waiting_for_a_pooled_connection_is_bounded(postgres_url):
    engine = make_engine(postgres_url, pool_size=1, pool_timeout=0.5)  # 1 + 1 overflow
    held = [engine.connect(), engine.connect()]
    try:
        error = outcome(engine.connect)
        assert isinstance(error, exc.TimeoutError)
    finally:
        for conn in held:
            conn.close()
        engine.dispose()
    assert _select_one(make_engine(postgres_url)) == 1


def test_readiness_reports_a_silent_database_and_does_not_queue_checks(hung_url):
    url, _ = hung_url
    probe = ReadinessProbe(url, deadline_seconds=0.5)
    try:
        first = outcome(probe.problem)
        assert "did not answer within 0.5 s" in first
        second = outcome(probe.problem)  # the first question still waits on the silent server
        assert second == "an earlier readiness check is still waiting for the database"
    finally:
        probe.close()


def test_readiness_is_ready_on_a_database_that_answers(postgres_url, sqlite_url):
    for url in (postgres_url, sqlite_url):
        probe = ReadinessProbe(url, deadline_seconds=5)
        assert probe.problem() is None
        probe.close()
