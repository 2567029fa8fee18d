from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView

from domain import commands
from entrypoints.http import auth, session_cookie
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.users import AuthResultSchema, LoginSchema, RegisterSchema, TokensSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign up, sign in, tokens")

REFRESH_DOC = {
    "security": [{"bearerAuth": []}, {"refreshCookie": []}],
    "parameters": [{"in": "header", "name": session_cookie.CSRF_HEADER, "required": False, "schema": {"type": "string"},
                    "description": "With the refresh cookie (and only then): the value of the `planloom_csrf` "
                                   "cookie (double-submit CSRF protection)."}],
}


def login_account_key() -> str:
    body = request.get_json(silent=True) if request.is_json else None
    email = body.get("email") if isinstance(body, dict) else None
    account = email.strip().lower()[:254] if isinstance(email, str) else ""
    return f"login:{account}"


@blp.after_request
def _drop_dead_cookies(response):
    if request.endpoint in ("auth.Refresh", "auth.Logout", "auth.LogoutEverywhere"):
        return session_cookie.drop_dead_cookies(response)
    return response


def _tokens(tokens: dict[str, str], body: dict) -> dict[str, str]:
    return session_cookie.deliver(tokens, body["refresh_token_delivery"] == "cookie", auth.lifetime())


@blp.route("/register")
class Register(MethodView):
    @blp.arguments(RegisterSchema)
    @blp.response(201, AuthResultSchema)
    @blp.doc(security=[])
    def post(self, body):
        """Create an account and sign in"""
        user = current_app.container.bus().handle(commands.RegisterUser(
            email=body["email"], password=body["password"], display_name=body.get("display_name", ""),
            timezone=body.get("timezone", "UTC"),
        ))
        return {"user": user, **_tokens(auth.issue_tokens(user.id), body)}


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, AuthResultSchema)
    @blp.alt_response(401, description="Unknown email or wrong password")
    @blp.doc(security=[])
    def post(self, body):
        """Sign in with email and password"""
        user = current_app.container.bus().handle(commands.Authenticate(email=body["email"], password=body["password"]))
        return {"user": user, **_tokens(auth.issue_tokens(user.id), body)}


@blp.route("/refresh")
class Refresh(MethodView):
    @blp.response(200, TokensSchema)
    @blp.doc(**REFRESH_DOC)
    def post(self):
        """Exchange a refresh token for a new pair (the old one is used up)

        Send the refresh token as a bearer token, and get the new pair in the body; or, from the
        browser that signed in with `refresh_token_delivery: cookie`, send the `planloom_refresh`
        cookie with the `X-CSRF-Token` header, and get the new access token in the body and the new
        refresh token in the cookie."""
        cookie = session_cookie.verify(refresh=True)
        return session_cookie.deliver(auth.rotate_tokens(), cookie, auth.lifetime())


@blp.route("/logout")
class Logout(MethodView):
    @blp.response(204)
    @blp.doc(**REFRESH_DOC)
    def post(self):
        """Sign out: revoke this session's access and refresh tokens

        With the access token as a bearer token, or with the refresh cookie and its `X-CSRF-Token`
        header. The answer clears the cookies."""
        session_cookie.verify(refresh=False)
        auth.revoke_current_family()


@blp.route("/logout-all")
class LogoutEverywhere(MethodView):
    @blp.response(204)
    @blp.doc(**REFRESH_DOC)
    def post(self):
        """Sign out everywhere: revoke every session of the account

        Like `/auth/logout`, with the access token as a bearer token or with the refresh cookie and
        its `X-CSRF-Token` header; every access and refresh token of the account stops working, on
        every device. The answer clears the cookies."""
        session_cookie.verify(refresh=False)
        auth.revoke_all_sessions()
