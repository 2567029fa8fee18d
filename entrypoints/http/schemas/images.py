"""Images: the upload (multipart), an image's record with the text read and the task drafts found."""
from __future__ import annotations

from marshmallow import fields, validate

from domain.categorization.features import CATEGORIES
from domain.categorization.images import DEFAULT_REVIEW_THRESHOLD
from domain.model.category import MAX_CATEGORY_NAME
from domain.model.image import (CATEGORY_SOURCES, FORMATS, MAX_CAPTION, MAX_DRAFTS, MAX_IMAGE_BYTES, MAX_IMAGES, MAX_LINES, MAX_PIXELS,
                                MAX_TEXT, STATUSES)
from entrypoints.http.schemas.common import FlatList, StrictInt, StrictSchema, aware_datetime, not_blank, tag_name, text
from entrypoints.http.schemas.tasks import TaskDumpSchema

CAPS = (f"The file is at most {MAX_IMAGE_BYTES:,} bytes (else 413) and {MAX_PIXELS:,} pixels, read from its header "
        "before any decoding (else 413: decompression bombs are refused undecoded); its format is read from its "
        "content, never its name or declared type: PNG, JPEG, WebP, HEIC/HEIF (iPhone photos) or AVIF (else 415, an "
        "animated AVIF too; an AVIF's every coded image is held to its header's size, else 422); a damaged image is a "
        "422. It is stored re-encoded, upright (EXIF orientation, or HEIF's and AVIF's own rotation, applied) "
        "and without metadata (no EXIF, GPS, XMP or text): PNG, JPEG and WebP in their own format, HEIC/HEIF and AVIF "
        "as JPEG (WebP when transparent; ``format`` says which); of a HEIF file holding several images, the primary "
        "one. "
        f"At most {MAX_IMAGES} images per account (else 409). Of what is read, {MAX_LINES} lines, {MAX_TEXT:,} "
        f"characters and {MAX_DRAFTS} drafts are kept.")


class UploadSchema(StrictSchema):
    """A multipart/form-data body."""

    file = fields.Raw(required=True, metadata={"type": "string", "format": "binary",
                                               "description": "the image: PNG, JPEG, WebP, HEIC/HEIF or AVIF. " + CAPS})
    caption = text(MAX_CAPTION, load_default="", metadata={
        "description": "optional; ``#word`` names the image's category (``#receipts``)"})


class TextLineSchema(StrictSchema):
    text = fields.String()
    confidence = fields.Float()
    box = fields.List(fields.List(fields.Float()), metadata={
        "description": "four [x, y] corners clockwise from the top left, in pixels of the stored image"})
    struck = fields.Boolean(metadata={
        "description": "a stroke runs through the line (an item crossed out: its draft is ``checked``), judged "
                       "from the line's ink"})


class ImageSchema(StrictSchema):
    id = fields.UUID()
    status = fields.String(validate=validate.OneOf(STATUSES), metadata={
        "description": "``pending`` until the text is read (in the background), then ``done`` or ``failed``"})
    error = fields.String()
    format = fields.String(validate=validate.OneOf(tuple(FORMATS)))
    media_type = fields.String()
    width = fields.Integer()
    height = fields.Integer()
    size_bytes = fields.Integer()
    caption = fields.String()
    category = fields.String(allow_none=True, metadata={
        "description": "a caption's ``#word`` (any word), else one of " + ", ".join(CATEGORIES) + " as annotated "
                       "or guessed; null until guessed (the guess comes with the text)"})
    category_confidence = fields.Float(metadata={"description": "0-1; 1 for a caption's or a person's category"})
    category_source = fields.String(allow_none=True, validate=validate.OneOf(CATEGORY_SOURCES), metadata={
        "description": "``caption`` (its ``#word``), ``user`` (an annotation), ``model`` (the categoriser "
                       "learned from your annotations), ``prior`` (the built-in rules, before any annotation)"})
    category_needs_review = fields.Boolean(metadata={
        "description": "the guess is less confident than the server's threshold (PLANLOOM_IMAGE_REVIEW_THRESHOLD, "
                       f"{DEFAULT_REVIEW_THRESHOLD} by default): ask the person, then annotate"})
    engine = fields.String(metadata={"description": "what read the text: rapidocr, google_vision"})
    text = fields.String()
    lines = fields.List(fields.Nested(TextLineSchema), validate=validate.Length(max=MAX_LINES),
                        metadata={"description": "in reading order"})
    labels = fields.List(fields.String())
    drafts = fields.List(fields.Dict(), validate=validate.Length(max=MAX_DRAFTS), metadata={
        "description": "task drafts, as ``POST /ai/parse`` gives them: title, due, start, duration_minutes, "
                       "priority, tags, category, recurrence, spans"})
    checked = fields.List(fields.Boolean(), validate=validate.Length(max=MAX_DRAFTS), metadata={
        "description": "per draft: ticked or crossed out on the image (not accepted by default)"})
    line_indexes = fields.List(
        fields.List(fields.Integer(validate=validate.Range(min=0, max=MAX_LINES - 1)),
                    validate=validate.Length(max=MAX_LINES)),
        allow_none=True, validate=validate.Length(max=MAX_DRAFTS), metadata={
            "description": "per draft, the indexes in ``lines`` of the lines it was read from, in reading order "
                           "(several when the item wraps; none when its lines were past the kept ones); null when "
                           "the link is not known: the image is not read yet, or was read before drafts kept it"})
    task_ids = fields.List(fields.UUID(), metadata={"description": "tasks accepted from the drafts"})
    created_at = fields.AwareDateTime()
    processed_at = fields.AwareDateTime(allow_none=True)


class ImageListArgs(StrictSchema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=MAX_IMAGES))  # a query string: not strict


class AnnotationSchema(StrictSchema):
    category = fields.String(required=True, validate=validate.OneOf(CATEGORIES), metadata={
        "description": "what the image is; the same category again changes nothing"})


class DraftEditSchema(StrictSchema):
    """What the person changed of one draft before accepting it: the task create schema's fields and rules."""
    index = StrictInt(required=True, validate=validate.Range(min=0, max=MAX_DRAFTS - 1), metadata={
        "description": "the draft edited; it must be one of those accepted"})
    title = not_blank(500)
    due = aware_datetime(allow_none=True)
    duration_minutes = StrictInt(validate=validate.Range(1, 10080))
    priority = StrictInt(validate=validate.Range(1, 4))
    tags = FlatList(tag_name(), validate=validate.Length(max=20))
    category = not_blank(MAX_CATEGORY_NAME, allow_none=True, metadata={"description": "a category by name (made if new); null: none"})


class AcceptTasksSchema(StrictSchema):
    indexes = fields.List(StrictInt(validate=validate.Range(min=0, max=MAX_DRAFTS - 1)),
                          validate=validate.Length(min=1, max=MAX_DRAFTS), metadata={
                              "description": "which drafts to make tasks of (absent: every draft not checked)"})
    edits = fields.List(fields.Nested(DraftEditSchema), validate=validate.Length(max=MAX_DRAFTS), metadata={
        "description": "changes to accepted drafts before their tasks are made, at most one per draft: the fields "
                       "given replace the draft's (same rules as creating a task). An edit of a draft not accepted "
                       "is a 422. An edited draft counts as a corrected quick-add reading (insights, learning)."})


class AcceptedTasksSchema(StrictSchema):
    image = fields.Nested(ImageSchema)
    tasks = fields.List(fields.Nested(TaskDumpSchema))
