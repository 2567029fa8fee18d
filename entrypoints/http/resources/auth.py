from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from entrypoints.http import auth
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.users import AuthResultSchema, LoginSchema, RegisterSchema, TokensSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Sign up, sign in, tokens")


def login_account_key() -> str:
    body = request.get_json(silent=True) if request.is_json else None
    email = body.get("email") if isinstance(body, dict) else None
    account = email.strip().lower()[:254] if isinstance(email, str) else ""
    return f"login:{account}"


@blp.route("/register")
class Register(MethodView):
    @blp.arguments(RegisterSchema)
    @blp.response(201, AuthResultSchema)
    def post(self, body):
        """Create an account and sign in"""
        user = current_app.container.bus().handle(commands.RegisterUser(
            email=body["email"], password=body["password"], display_name=body.get("display_name", ""),
            timezone=body.get("timezone", "UTC"),
        ))
        return {"user": user, **auth.issue_tokens(user.id)}


@blp.route("/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, AuthResultSchema)
    def post(self, body):
        """Sign in with email and password"""
        user = current_app.container.bus().handle(commands.Authenticate(email=body["email"], password=body["password"]))
        return {"user": user, **auth.issue_tokens(user.id)}


@blp.route("/refresh")
class Refresh(MethodView):
    @jwt_required(refresh=True)
    @blp.response(200, TokensSchema)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self):
        """Exchange a refresh token for a new pair (the old one is used up)"""
        return auth.rotate_tokens()


@blp.route("/logout")
class Logout(MethodView):
    @jwt_required()
    @blp.response(204)
    @blp.doc(security=[{"bearerAuth": []}])
    def post(self):
        """Sign out: revoke this session's access and refresh tokens"""
        auth.revoke_current_family()
