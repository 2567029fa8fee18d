"""A local stand-in for Google, started by the tests: the OAuth 2.0 endpoints (authorize, token, revoke)
and the Calendar v3 REST paths Planloom uses, over real HTTP, so the real client libraries (authlib,
google-auth, google-api-python-client) run against it unchanged.

It holds state and is asserted on: accounts with calendars of events, authorization codes bound to a PKCE
challenge and a redirect URI, access tokens that expire, refresh tokens that can be revoked, sync tokens
that go stale (410), and faults queued on demand (429/403/5xx in Google's JSON error shape, with
``Retry-After``). Events are stored as Google returns them with ``singleEvents=true``: one item per instance.
"""
from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlencode

import pytest
from flask import Flask, jsonify, redirect, request
from werkzeug.serving import make_server

CLIENT_ID = "planloom-test-client.apps.googleusercontent.com"
CLIENT_SECRET = "test-client-secret"


@dataclass
class Fault:
    status: int
    reason: str = ""
    retry_after: str | None = None
    path: str = ""  # only requests whose path contains this
    skip: int = 0   # let this many matching requests through first


@dataclass
class Account:
    email: str
    calendars: dict[str, dict] = field(default_factory=dict)  # id -> {"summary", "color", "events": {id: item}}


def google_error(status: int, reason: str, message: str = ""):
    """Google's error body: {"error": {"code", "message", "errors": [{"domain", "reason", "message"}]}}."""
    message = message or reason
    response = jsonify({"error": {"code": status, "message": message, "status": reason,
                                  "errors": [{"domain": "global", "reason": reason, "message": message}]}})
    response.status_code = status
    return response


def _instant(value: dict) -> datetime | None:
    """When an event starts or ends, for the time filters; None when a test stored nonsense there."""
    try:
        if "dateTime" in value:
            return datetime.fromisoformat(value["dateTime"].replace("Z", "+00:00"))
        return datetime.fromisoformat(value["date"]).replace(tzinfo=timezone.utc)
    except (KeyError, ValueError):
        return None


class GoogleServer:
    def __init__(self, token_lifetime: int = 3600) -> None:
        self.token_lifetime = token_lifetime
        self.accounts: dict[str, Account] = {}
        self.codes: dict[str, dict] = {}
        self.access: dict[str, tuple[str, float]] = {}  # token -> (email, expires at, epoch seconds)
        self.refresh: dict[str, str] = {}               # token -> email
        self.revoked: list[str] = []
        self.faults: list[Fault] = []
        self.calls: list[tuple[str, str]] = []          # (method, path) of every Calendar API request
        self.token_requests: list[str] = []             # grant types asked at the token endpoint
        self.seq = 0
        self.stale_before = 0  # sync tokens older than this are 410
        self.lock = threading.RLock()
        self.consent_email = "alice@example.com"  # who "clicks Allow" at the next authorize request
        self.app = self._app()
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.base = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()

    # -- what tests set up and read -----------------------------------------------------------------
    @property
    def api_url(self) -> str:
        return f"{self.base}/calendar/v3/"

    def account(self, email: str) -> Account:
        with self.lock:
            if email not in self.accounts:
                self.accounts[email] = Account(email, {email: {"summary": email, "color": "#9fc6e7", "events": {}},
                                                       f"work-{email}": {"summary": "Work", "color": "#f83a22",
                                                                         "events": {}}})
            return self.accounts[email]

    def events(self, email: str, calendar: str | None = None) -> dict[str, dict]:
        return self.account(email).calendars[calendar or email]["events"]

    def put_event(self, email: str, item: dict, calendar: str | None = None) -> dict:
        """Add or replace an event the way a user editing in Google would (bumps its sequence)."""
        with self.lock:
            self.seq += 1
            item = {"kind": "calendar#event", "status": "confirmed", **item, "_seq": self.seq}
            self.events(email, calendar)[item["id"]] = item
            return item

    def delete_event(self, email: str, event_id: str, calendar: str | None = None) -> None:
        with self.lock:
            self.seq += 1
            item = self.events(email, calendar)[event_id]
            item.update(status="cancelled", _seq=self.seq)

    def expire_access_tokens(self) -> None:
        with self.lock:
            self.access = {token: (email, 0.0) for token, (email, _) in self.access.items()}

    def expire_sync_tokens(self) -> None:
        with self.lock:
            self.stale_before = self.seq + 1

    def fail(self, status: int, reason: str = "", retry_after: str | None = None, times: int = 1,
             path: str = "", skip: int = 0) -> None:
        self.faults += [Fault(status, reason or {429: "rateLimitExceeded", 403: "rateLimitExceeded",
                                                 401: "authError"}.get(status, "backendError"), retry_after, path, skip)
                        for _ in range(times)]

    # -- the HTTP side ----------------------------------------------------------------------------------
    def _app(self) -> Flask:
        app = Flask("fake-google")
        server = self

        @app.get("/o/oauth2/v2/auth")
        def authorize():
            args = request.args
            if args.get("client_id") != CLIENT_ID or args.get("response_type") != "code":
                return "unknown client", 400
            if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
                return "PKCE required", 400
            code = secrets.token_urlsafe(16)
            server.codes[code] = {"challenge": args["code_challenge"], "redirect_uri": args["redirect_uri"],
                                  "email": server.consent_email, "offline": args.get("access_type") == "offline",
                                  "scope": args.get("scope", "")}
            server.account(server.consent_email)
            return redirect(f"{args['redirect_uri']}?{urlencode({'state': args['state'], 'code': code})}", 302)

        @app.post("/token")
        def token():
            form = request.form
            server.token_requests.append(form.get("grant_type", ""))
            if (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return jsonify(error="invalid_client"), 401
            if form.get("grant_type") == "authorization_code":
                grant = server.codes.pop(form.get("code", ""), None)
                verifier = form.get("code_verifier", "")
                challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                if (grant is None or grant["challenge"] != challenge
                        or grant["redirect_uri"] != form.get("redirect_uri")):
                    return jsonify(error="invalid_grant", error_description="Bad code or verifier"), 400
                refresh = secrets.token_urlsafe(24) if grant["offline"] else None
                if refresh:
                    server.refresh[refresh] = grant["email"]
                return jsonify(server._issue(grant["email"], refresh, grant["scope"]))
            if form.get("grant_type") == "refresh_token":
                email = server.refresh.get(form.get("refresh_token", ""))
                if email is None:
                    return jsonify(error="invalid_grant", error_description="Token has been expired or revoked."), 400
                return jsonify(server._issue(email, None, ""))
            return jsonify(error="unsupported_grant_type"), 400

        @app.post("/revoke")
        def revoke():
            token = request.form.get("token", "")
            if token in server.refresh:
                email = server.refresh.pop(token)
                server.access = {t: v for t, v in server.access.items() if v[0] != email}
            elif token in server.access:
                server.access.pop(token)
            else:
                return jsonify(error="invalid_token"), 400
            server.revoked.append(token)
            return "", 200

        @app.before_request
        def api_gate():
            if not request.path.startswith("/calendar/v3/"):
                return server._fault() if request.path == "/token" else None
            server.calls.append((request.method, request.path))
            faulted = server._fault()
            if faulted is not None:
                return faulted
            header = request.headers.get("Authorization", "")
            held = server.access.get(header.removeprefix("Bearer "))
            if held is None or held[1] <= datetime.now(timezone.utc).timestamp():
                return google_error(401, "authError", "Request had invalid authentication credentials.")
            request.environ["fake.email"] = held[0]
            return None

        def _calendar(calendar_id: str):
            account = server.accounts[request.environ["fake.email"]]
            if calendar_id == "primary":
                calendar_id = account.email
            return calendar_id, account.calendars.get(calendar_id)

        @app.get("/calendar/v3/users/me/calendarList")
        def calendar_list():
            account = server.accounts[request.environ["fake.email"]]
            return jsonify(kind="calendar#calendarList", items=[
                {"id": cid, "summary": c["summary"], "backgroundColor": c["color"], "primary": cid == account.email}
                for cid, c in account.calendars.items()])

        @app.get("/calendar/v3/calendars/<path:calendar_id>/events")
        def list_events(calendar_id):
            calendar_id, calendar = _calendar(calendar_id)
            if calendar is None:
                return google_error(404, "notFound", "Not Found")
            return server._list(calendar)

        @app.get("/calendar/v3/calendars/<calendar_id>")
        def get_calendar(calendar_id):
            calendar_id, calendar = _calendar(calendar_id)
            if calendar is None:
                return google_error(404, "notFound", "Not Found")
            return jsonify(kind="calendar#calendar", id=calendar_id, summary=calendar["summary"], timeZone="UTC")

        @app.post("/calendar/v3/calendars/<calendar_id>/events")
        def insert(calendar_id):
            _, calendar = _calendar(calendar_id)
            body = request.get_json()
            if calendar is None:
                return google_error(404, "notFound", "Not Found")
            if body.get("id") in calendar["events"]:
                return google_error(409, "duplicate", "The requested identifier already exists.")
            with server.lock:
                server.seq += 1
                item = {"kind": "calendar#event", "status": "confirmed", "id": body.get("id") or secrets.token_hex(8),
                        **body, "_seq": server.seq}
                calendar["events"][item["id"]] = item
            return jsonify(_public(item))

        @app.route("/calendar/v3/calendars/<calendar_id>/events/<event_id>", methods=["PATCH", "DELETE"])
        def change(calendar_id, event_id):
            _, calendar = _calendar(calendar_id)
            item = (calendar or {}).get("events", {}).get(event_id)
            if item is None:
                return google_error(404, "notFound", "Not Found")
            with server.lock:
                if request.method == "DELETE":
                    if item["status"] == "cancelled":
                        return google_error(410, "deleted", "Resource has been deleted")
                    server.seq += 1
                    item.update(status="cancelled", _seq=server.seq)
                    return "", 204
                server.seq += 1
                item.update({**request.get_json(), "_seq": server.seq})
                if "status" not in request.get_json() and item["status"] == "cancelled":
                    return google_error(404, "notFound", "Not Found")
            return jsonify(_public(item))

        return app

    def _fault(self):
        """The first queued fault this request matches, answered (None: serve it). The token endpoint only
        matches faults queued for its own path (``path="/token"``); the others are the Calendar API's."""
        api = request.path.startswith("/calendar/v3/")
        for fault in list(self.faults):
            if fault.path not in request.path or (not api and not fault.path):
                continue
            if fault.skip:
                fault.skip -= 1
                return None
            self.faults.remove(fault)
            response = google_error(fault.status, fault.reason)
            if fault.retry_after is not None:
                response.headers["Retry-After"] = fault.retry_after
            return response
        return None

    def _issue(self, email: str, refresh: str | None, scope: str) -> dict:
        token = secrets.token_urlsafe(24)
        self.access[token] = (email, datetime.now(timezone.utc).timestamp() + self.token_lifetime)
        out = {"access_token": token, "expires_in": self.token_lifetime, "token_type": "Bearer", "scope": scope}
        if refresh:
            out["refresh_token"] = refresh
        return out

    def _list(self, calendar: dict):
        args = request.args
        sync_token = args.get("syncToken")
        if sync_token and any(args.get(n) for n in ("timeMin", "timeMax", "privateExtendedProperty", "q")):
            return google_error(400, "invalid", "Sync token cannot be combined with these parameters")
        with self.lock:
            items = sorted(calendar["events"].values(), key=lambda i: (i["_seq"], i["id"]))
            if sync_token:
                since = int(sync_token.removeprefix("sync-"))
                if since < self.stale_before:
                    return google_error(410, "fullSyncRequired",
                                        "Sync token is no longer valid, a full sync is required.")
                items = [i for i in items if i["_seq"] > since]
            else:
                if args.get("showDeleted") != "true":
                    items = [i for i in items if i["status"] != "cancelled"]
                low, high = (datetime.fromisoformat(args[name].replace("Z", "+00:00")) if args.get(name) else None
                             for name in ("timeMin", "timeMax"))
                items = [i for i in items if _within(i, low, high)]
                wanted = args.get("privateExtendedProperty")
                if wanted:
                    key, _, value = wanted.partition("=")
                    items = [i for i in items
                             if (i.get("extendedProperties") or {}).get("private", {}).get(key) == value]
            seq = self.seq
        size = min(int(args.get("maxResults", "250")), 2500)
        offset = int(args.get("pageToken", "0"))
        page = items[offset:offset + size]
        body = {"kind": "calendar#events", "items": [_public(i) for i in page]}
        if offset + size < len(items):
            body["nextPageToken"] = str(offset + size)
        else:
            body["nextSyncToken"] = f"sync-{seq}"
        return jsonify(body)


def _within(item: dict, low: datetime | None, high: datetime | None) -> bool:
    """Google's window: an event ending after timeMin (exclusive) and starting before timeMax (exclusive)."""
    start, end = _instant(item.get("start") or {}), _instant(item.get("end") or {})
    return not ((low and end and end <= low) or (high and start and start >= high))


def _public(item: dict) -> dict:
    if item.get("status") == "cancelled":  # what Google keeps of a deleted event
        return {"kind": "calendar#event", "id": item["id"], "status": "cancelled"}
    return {k: v for k, v in item.items() if not k.startswith("_")}


@pytest.fixture
def google_server():
    server = GoogleServer()
    yield server
    server.close()
