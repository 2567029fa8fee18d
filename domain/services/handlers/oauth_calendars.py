"""Calendar accounts connected by OAuth 2.0 (authorization code with PKCE): Google.

The ``state`` sent to the provider is sealed with the secret cipher (authenticated encryption: it cannot be
read nor altered without the server's key) and carries the user it was issued to, the PKCE verifier (which
never leaves the server in clear), a nonce and an expiry. The callback accepts it once: the nonce is
claimed in the inbox, inside a unit of work, so a replayed state is refused even across processes. Any
state that does not pass is a ``BadRequest`` (400), never a crash; so is a code the provider refuses. A
provider whose token endpoint is down or failing is a ``ProviderUnavailable`` (502).
"""
from __future__ import annotations

import json
import secrets
import uuid
from datetime import datetime, timedelta, timezone
from uuid import UUID

from domain import commands
from domain.errors import BadRequest, Conflict, ProviderUnavailable, ValidationError
from domain.model.calendar import MAX_CONNECTIONS, CalendarConnection
from domain.services.handlers.calendars import sync
from ports.calendars import CalendarSource, CalendarStore, CalendarUnavailable, OAuthConnector, SecretCipher
from ports.clock import Clock
from ports.preferences import PreferencesStore
from ports.unit_of_work import UnitOfWork

STATE_TTL = timedelta(minutes=10)
STATE_CONSUMER = "oauth-state"  # the inbox's name for used states
DEFAULT_NAMES = {"google": "Google Calendar"}


def _connector(calendar_sources: dict, kind: str) -> OAuthConnector:
    source = calendar_sources.get(kind)
    if not isinstance(source, OAuthConnector):
        raise ValidationError.for_field("kind", f"{kind} calendars are not available on this server")
    return source


def _room_for_one(calendars: "CalendarStore", user_id: UUID) -> None:
    if len(calendars.list(user_id)) >= MAX_CONNECTIONS:
        raise Conflict(f"at most {MAX_CONNECTIONS} calendars per account; disconnect one first")


def start_oauth_connect(cmd: commands.StartOAuthConnect, clock: "Clock", calendars: "CalendarStore",
                        calendar_sources: dict, secret_cipher: "SecretCipher") -> str:
    """The consent address for the user."""
    connector = _connector(calendar_sources, cmd.kind)
    _room_for_one(calendars, cmd.actor_id)
    verifier = secrets.token_urlsafe(64)  # 86 characters: within PKCE's 43..128
    sealed = {"u": str(cmd.actor_id), "n": str(uuid.uuid4()), "v": verifier, "k": cmd.kind,
              "x": int((clock.now() + STATE_TTL).timestamp()), "m": cmd.name[:100]}
    return connector.authorization_url(secret_cipher.encrypt(json.dumps(sealed)), verifier, cmd.redirect_uri)


def _opened(state: str, secret_cipher: "SecretCipher", now: datetime) -> dict:
    try:
        sealed = json.loads(secret_cipher.decrypt(state))
        user_id, nonce = UUID(sealed["u"]), UUID(sealed["n"])
        verifier, kind, expires, name = str(sealed["v"]), str(sealed["k"]), int(sealed["x"]), str(sealed["m"])
    except (ValueError, TypeError, KeyError, AttributeError):
        raise BadRequest("state: not one this server issued, or altered") from None
    if datetime.fromtimestamp(expires, timezone.utc) <= now:
        raise BadRequest("state: expired; start connecting again")
    return {"user_id": user_id, "nonce": nonce, "verifier": verifier, "kind": kind, "name": name}


def finish_oauth_connect(cmd: commands.FinishOAuthConnect, uow: "UnitOfWork", clock: "Clock",
                         calendars: "CalendarStore", calendar_sources: dict, preferences: "PreferencesStore",
                         secret_cipher: "SecretCipher") -> CalendarConnection:
    """Check the state (once), exchange the code, store the connection with its tokens, read it."""
    if len(cmd.state) > 4000 or len(cmd.code) > 4000:
        raise BadRequest("state or code: too long")
    now = clock.now()
    state = _opened(cmd.state, secret_cipher, now)
    if cmd.actor_id is not None and cmd.actor_id != state["user_id"]:
        raise BadRequest("state: issued to another account")
    with uow:
        if not uow.inbox.claim(STATE_CONSUMER, state["nonce"], now):
            raise BadRequest("state: already used; start connecting again")
        uow.commit()
    if cmd.error:
        raise BadRequest(f"the provider did not grant access: {cmd.error[:100]}")
    if not cmd.code:
        raise BadRequest("code: missing")
    connector = _connector(calendar_sources, state["kind"])
    _room_for_one(calendars, state["user_id"])
    try:
        secret = connector.exchange(cmd.code, state["verifier"], cmd.redirect_uri)
    except CalendarUnavailable as exc:  # permanent: the code was refused; else the provider is down
        if exc.permanent:
            raise BadRequest(str(exc)) from None
        raise ProviderUnavailable(f"{exc}; try connecting again in a moment") from None
    connection = CalendarConnection(id=uuid.uuid4(), user_id=state["user_id"], kind=state["kind"], created_at=now,
                                    name=state["name"] or DEFAULT_NAMES.get(state["kind"], state["kind"]),
                                    secret=secret, calendar_url=connector.default_calendar())
    source: CalendarSource = calendar_sources[state["kind"]]
    try:
        source.check(connection)
    except CalendarUnavailable as exc:
        if exc.permanent:
            source.forget(connection)
            raise BadRequest(f"the calendar cannot be read: {exc}") from None
    calendars.put(connection)
    sync(connection, uow, clock, calendars, calendar_sources, preferences)
    return connection
