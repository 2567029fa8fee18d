"""flask-smorest's Blueprint, minus the per-request schema objects pagination builds.

Stock pagination instantiates its parameters schema on every request (webargs builds a schema
from a schema class each time) and dumps the pagination header through a new
``PaginationMetadataSchema``: a page of tasks paid about 7% of its CPU for that. Both are done
once here; the header, the parsing, its errors and the OpenAPI document stay as they were.
"""
from __future__ import annotations

import functools

import flask_smorest
import flask_smorest.pagination
import marshmallow as ma
from flask import request
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.datastructures import CombinedMultiDict

from domain.errors import ValidationError
from entrypoints.http import body

MAX_PAGE = 10_000  # with pages of at most 100, an offset stays far inside every database's integer
_stock_pagination_schema = flask_smorest.pagination._pagination_parameters_schema_factory


def _capped_pagination_schema(page: int, page_size: int, max_page_size: int) -> type[ma.Schema]:
    """flask-smorest's pagination parameters with ``page`` capped too (documented as its maximum):
    ``page=10**20`` overflowed the database's offset, a 500."""
    stock = _stock_pagination_schema(page, page_size, max_page_size)
    return type("PaginationParametersSchema", (stock,), {
        "page": ma.fields.Integer(load_default=page, validate=ma.validate.Range(min=1, max=MAX_PAGE)),
    })


flask_smorest.pagination._pagination_parameters_schema_factory = _capped_pagination_schema


class _ReusingParser(FlaskParser):
    """A schema class becomes one shared instance (marshmallow schemas keep no per-load state);
    JSON bodies are read by orjson (see ``entrypoints.http.body``)."""

    def _raw_load_json(self, req):
        if not is_json_request(req):
            return ma.missing
        return body.load_json(req.get_data(cache=True))

    def load_files(self, req, schema):
        """A multipart body whole: its files and its plain fields (an upload's caption), so one schema
        documents and validates the one request body OpenAPI allows."""
        return self._makeproxy(CombinedMultiDict([req.files, req.form]), schema)

    def _get_schema(self, argmap, req) -> ma.Schema:
        if isinstance(argmap, type) and issubclass(argmap, ma.Schema):
            return _instance(argmap)
        return super()._get_schema(argmap, req)


@functools.lru_cache(maxsize=None)
def _instance(schema_class: type[ma.Schema]) -> ma.Schema:
    return schema_class()


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = _ReusingParser()
    PAGINATION_ARGUMENTS_PARSER = ARGUMENTS_PARSER

    def arguments(self, schema, *, location="json", required=True, **kwargs):
        """flask-smorest's, plus: a body documented as required is required (webargs reads a missing
        body as ``{}``, so an empty ``PATCH /users/me`` was a 200)."""
        decorate = super().arguments(schema, location=location, required=required, **kwargs)
        if location != "json" or not required:
            return decorate

        def decorator(func):
            parsed = decorate(func)

            @functools.wraps(parsed)
            def wrapper(*args, **kw):
                if not request.get_data(cache=True):
                    raise ValidationError.for_field("body", "a JSON body is required")
                return parsed(*args, **kw)

            return wrapper

        return decorator

    def _document_pagination_metadata(self, spec, resp_doc):
        """The header carries a JSON text: a string whose content is the metadata object (OpenAPI
        3.1's ``contentSchema``), not the object itself as stock flask-smorest documents it."""
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": "Pagination metadata, as JSON",
            "schema": {"type": "string", "contentMediaType": "application/json",
                       "contentSchema": spec.components.get_ref("schema", "PaginationMetadata")},
        }

    @staticmethod
    def _make_pagination_metadata(page: int, page_size: int, item_count: int) -> dict:
        """What ``PaginationMetadataSchema().dump`` gives for these integers, in its field order."""
        meta = {"total": item_count}
        if item_count == 0:
            meta["total_pages"] = 0
            return meta
        last_page = (item_count - 1) // page_size + 1
        meta.update(total_pages=last_page, first_page=1, last_page=last_page)
        if page <= last_page:
            meta["page"] = page
            if page > 1:
                meta["previous_page"] = page - 1
            if page < last_page:
                meta["next_page"] = page + 1
        return meta
