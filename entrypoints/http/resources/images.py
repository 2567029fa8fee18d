"""Images: upload a photo of a list or a whiteboard, read its text in the background, accept the task
drafts found in it."""
from __future__ import annotations

from uuid import UUID

from flask import Response, current_app
from flask.views import MethodView
from flask_jwt_extended import jwt_required

from domain import commands
from domain.errors import TooLarge
from domain.model.image import MAX_IMAGE_BYTES
from domain.services import queries
from entrypoints.http.auth import current_user_id
from entrypoints.http.blueprint import Blueprint
from entrypoints.http.schemas.images import (CAPS, AcceptedTasksSchema, AcceptTasksSchema, AnnotationSchema,
                                             ImageListArgs, ImageSchema, UploadSchema)

blp = Blueprint("images", __name__, url_prefix="/api/v1/images", description="Images to tasks")


def _store():
    return current_app.container.images()


def _bytes_of(upload) -> bytes:
    """At most one byte past the cap is read: the handler names the cap."""
    data = upload.stream.read(MAX_IMAGE_BYTES + 1)
    if len(data) > MAX_IMAGE_BYTES:
        raise TooLarge(f"images are limited to {MAX_IMAGE_BYTES} bytes", {"file": [f"at most {MAX_IMAGE_BYTES} bytes"]})
    return data


@blp.route("")
class Images(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(ImageListArgs, location="query")
    @blp.response(200, ImageSchema(many=True))
    def get(self, args):
        """Your images, newest first"""
        return queries.images(_store(), current_user_id(), args["limit"])

    @blp.arguments(UploadSchema, location="files")
    @blp.response(202, ImageSchema)
    @blp.alt_response(409, description="The account has the most images it may have")
    @blp.alt_response(413, description="More bytes or pixels than the caps")
    @blp.alt_response(422, description="A damaged image, or a caption or file the schema refuses")
    @blp.alt_response(415, description="Not a PNG, JPEG, WebP, HEIC/HEIF or still AVIF image")
    @blp.doc(description="Stores the image and answers at once; its text and task drafts follow (poll the "
                         "image until ``status`` is not ``pending``). " + CAPS)
    def post(self, upload):
        """Upload an image of a list, a whiteboard or a note"""
        return current_app.container.bus().handle(commands.UploadImage(
            actor_id=current_user_id(), data=_bytes_of(upload["file"]), caption=upload["caption"]))


@blp.route("/<uuid:image_id>")
class Image(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, ImageSchema)
    def get(self, image_id: UUID):
        """One image: its status, the text read (a box per line) and the task drafts"""
        return queries.image(_store(), current_user_id(), image_id)

    @blp.response(204)
    def delete(self, image_id: UUID):
        """Delete the image and its bytes (tasks accepted from it stay)"""
        current_app.container.bus().handle(commands.DeleteImage(actor_id=current_user_id(), image_id=image_id))


@blp.route("/<uuid:image_id>/tasks")
class ImageTasks(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(AcceptTasksSchema)
    @blp.response(201, AcceptedTasksSchema)
    @blp.alt_response(409, description="The image is not read yet (or failed), or the open-task cap is reached")
    def post(self, body, image_id: UUID):
        """Make tasks of the image's drafts (all or none)"""
        indexes = body.get("indexes")
        return current_app.container.bus().handle(commands.AcceptImageTasks(
            actor_id=current_user_id(), image_id=image_id, indexes=tuple(indexes) if indexes is not None else None,
            edits=tuple(body.get("edits") or ())))


@blp.route("/<uuid:image_id>/annotations")
class ImageAnnotations(MethodView):
    decorators = [jwt_required()]

    @blp.arguments(AnnotationSchema)
    @blp.response(200, ImageSchema)
    @blp.alt_response(404, description="No such image (or another person's)")
    @blp.alt_response(409, description="The image is still pending: its text is not read yet")
    @blp.doc(description="Sets the image's category (``category_source`` becomes ``user``) and teaches your own "
                         "categoriser (nobody else's) what such images look like. Idempotent for the same category; "
                         "a different one replaces the earlier annotation in the model.")
    def post(self, body, image_id: UUID):
        """Say which category the image is"""
        return current_app.container.bus().handle(commands.AnnotateImage(
            actor_id=current_user_id(), image_id=image_id, category=body["category"]))


@blp.route("/<uuid:image_id>/content")
class ImageContent(MethodView):
    decorators = [jwt_required()]

    @blp.response(200, description="The stored image (re-encoded, without metadata)",
                  content_type="application/octet-stream")
    def get(self, image_id: UUID):
        """The image's bytes, to its owner only"""
        data, media_type = queries.image_content(_store(), current_app.container.blobs(), current_user_id(), image_id)
        return Response(data, mimetype=media_type, headers={
            "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
            "Content-Disposition": "inline", "Content-Security-Policy": "default-src 'none'; sandbox"})
