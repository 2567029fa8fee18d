from __future__ import annotations

from uuid import UUID

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.users import PreferencesSchema, ProfilePatchSchema, RolePatchSchema, UserSchema

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Accounts and preferences")


@blp.route("/me")
class Me(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, UserSchema)
    def get(self):
        """The signed-in user"""
        return queries.current_user(current_app.container.reader(), current_user_id())

    @blp.arguments(ProfilePatchSchema)
    @blp.response(200, UserSchema)
    def patch(self, body):
        """Change display name or timezone"""
        return current_app.container.bus().handle(commands.UpdateProfile(actor_id=current_user_id(), **body))


@blp.route("/me/preferences")
class MyPreferences(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, PreferencesSchema)
    def get(self):
        """Scheduling preferences (defaults until saved)"""
        container = current_app.container
        return queries.preferences_of(container.reader(), container.preferences(), current_user_id()).to_dict()

    @blp.arguments(PreferencesSchema)
    @blp.response(200, PreferencesSchema)
    def put(self, body):
        """Replace the scheduling preferences (absent fields take their defaults)"""
        prefs = current_app.container.bus().handle(commands.SavePreferences(actor_id=current_user_id(), values=body))
        return prefs.to_dict()


@blp.route("")
class Users(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, UserSchema(many=True))
    @blp.paginate()
    def get(self, pagination_parameters):
        """Every account (admin only)"""
        pp = pagination_parameters
        items, total = queries.list_users(current_app.container.reader(), current_user_id(),
                                          (pp.page - 1) * pp.page_size, pp.page_size)
        pp.item_count = total
        return items


@blp.route("/<uuid:user_id>")
class UserById(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(RolePatchSchema)
    @blp.response(200, UserSchema)
    def patch(self, body, user_id: UUID):
        """Change a user's role (admin only)"""
        return current_app.container.bus().handle(
            commands.ChangeRole(actor_id=current_user_id(), user_id=user_id, role=body["role"]))
