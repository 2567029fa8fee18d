"""Categories and tags."""
from __future__ import annotations

from uuid import UUID

from flask import current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.idempotency import idempotent
from entrypoints.http.schemas.catalog import CategorySchema, TagSchema

categories = Blueprint("categories", __name__, url_prefix="/api/v1/categories", description="Categories")
tags = Blueprint("tags", __name__, url_prefix="/api/v1/tags", description="Tags")


def _bus():
    return current_app.container.bus()


@categories.route("")
class Categories(MethodView):
    decorators = [jwt_required()]

    @categories.response(200, CategorySchema(many=True))
    def get(self):
        """The user's categories, by name"""
        return queries.list_categories(current_app.container.reader(), current_user_id())

    @idempotent
    @categories.arguments(CategorySchema)
    @categories.response(201, CategorySchema)
    def post(self, body):
        """Create a category (honours Idempotency-Key)"""
        return _bus().handle(commands.CreateCategory(actor_id=current_user_id(), **body))


@categories.route("/<uuid:category_id>")
class CategoryById(MethodView):
    decorators = [jwt_required()]

    @categories.response(200, CategorySchema)
    def get(self, category_id: UUID):
        """One category"""
        return queries.get_category(current_app.container.reader(), current_user_id(), category_id)

    @categories.arguments(CategorySchema(partial=True))
    @categories.response(200, CategorySchema)
    def patch(self, body, category_id: UUID):
        """Rename or recolour"""
        return _bus().handle(commands.UpdateCategory(actor_id=current_user_id(), category_id=category_id, changes=body))

    @categories.response(204)
    def delete(self, category_id: UUID):
        """Delete a category; its tasks stay, uncategorised"""
        _bus().handle(commands.DeleteCategory(actor_id=current_user_id(), category_id=category_id))


@tags.route("")
class Tags(MethodView):
    decorators = [jwt_required()]

    @tags.response(200, TagSchema(many=True))
    def get(self):
        """The user's tags, by name"""
        return queries.list_tags(current_app.container.reader(), current_user_id())

    @idempotent
    @tags.arguments(TagSchema)
    @tags.response(201, TagSchema)
    def post(self, body):
        """Create a tag (honours Idempotency-Key)"""
        return _bus().handle(commands.CreateTag(actor_id=current_user_id(), name=body["name"]))


@tags.route("/<uuid:tag_id>")
class TagById(MethodView):
    decorators = [jwt_required()]

    @tags.response(200, TagSchema)
    def get(self, tag_id: UUID):
        """One tag"""
        return queries.get_tag(current_app.container.reader(), current_user_id(), tag_id)

    @tags.arguments(TagSchema)
    @tags.response(200, TagSchema)
    def patch(self, body, tag_id: UUID):
        """Rename a tag (every task carrying it follows)"""
        return _bus().handle(commands.RenameTag(actor_id=current_user_id(), tag_id=tag_id, name=body["name"]))

    @tags.response(204)
    def delete(self, tag_id: UUID):
        """Delete a tag and take it off every task"""
        _bus().handle(commands.DeleteTag(actor_id=current_user_id(), tag_id=tag_id))
