"""The OpenAPI document tells the truth about errors: every 4xx an operation can answer, as
``application/problem+json`` (RFC 9457), derived once here instead of repeated on every view.

Which problems an operation may answer follows from what it is:
- every operation: 429 (rate limits), and the ``default`` (500/503) problem;
- signed-in operations (all but those documented with ``security: []``): 401;
- a path with an id: 404 (another user's id is a 404 too);
- POST/PUT/PATCH: 400 (malformed or too deeply nested JSON, a bad Idempotency-Key), 413 (body
  over the limit), 415 (not JSON);
- parsed arguments or pagination: 422 (field errors; flask-smorest documents these itself);
- what a view documents itself with ``alt_response`` (409, 412, 403...), as a problem too;
- an operation that takes an ``Idempotency-Key`` header (``idempotency.idempotent``): 409 (the first
  request with that key still runs) and 422 (the key was used with another body), added to the
  descriptions of the operation's own 409 and 422, and the ``Idempotent-Replayed`` header of a replay.
"""
from __future__ import annotations

import http

from flask_smorest import Api
from flask_smorest.pagination import PaginationMetadataSchema

from entrypoints.http import middleware
from entrypoints.http.wording import TITLES
from entrypoints.http.schemas.common import ProblemSchema

PROBLEM = "application/problem+json"
BODY_METHODS = tuple(method.lower() for method in middleware.BODY_METHODS)
IDEMPOTENCY_PROBLEMS = {
    409: "a request with the same Idempotency-Key is still running (retry after Retry-After)",
    422: "the Idempotency-Key was already used with a different request body",
}


def _problem_response(status: int, description: str | None = None) -> dict:
    return {"description": description or TITLES.get(status) or http.HTTPStatus(status).phrase,
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


class PlanloomApi(Api):
    """flask-smorest's Api whose error responses are problem details, each one documented."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self):
        self.spec.components.schema("Problem", schema=ProblemSchema)
        self.spec.components.schema("PaginationMetadata", schema=PaginationMetadataSchema)  # X-Pagination's
        for status in http.HTTPStatus:
            if status >= 400:
                self.spec.components.response(status.name, _problem_response(status), lazy=True)
        self.spec.components.response("DEFAULT_ERROR", _problem_response(500, "Unexpected error"), lazy=True)

    def document_problems(self) -> None:
        """Once every blueprint is registered: the problems each operation can answer."""
        for path, operations in self.spec._paths.items():
            for method, operation in operations.items():
                if method in ("get", "put", "post", "patch", "delete"):
                    self._add_problems(operation, method, has_id="{" in path)

    def _add_problems(self, operation: dict, method: str, *, has_id: bool) -> None:
        responses = operation.setdefault("responses", {})
        for status, response in list(responses.items()):  # a view's own alt_response: a problem too
            if str(status).isdigit() and int(status) >= 400 and "$ref" not in response:
                responses[status] = _problem_response(int(status), response.get("description"))
        statuses = {429}
        if operation.get("security") != []:
            statuses.add(401)
        if has_id:
            statuses.add(404)
        if method in BODY_METHODS:
            statuses |= {400, 413, 415}
        for status in sorted(statuses):
            name = http.HTTPStatus(status).name
            responses.setdefault(str(status), self.spec.components.get_ref("response", name))
        if any(p.get("in") == "header" and p.get("name") == "Idempotency-Key" for p in operation.get("parameters", [])):
            self._add_idempotency(responses)

    def _add_idempotency(self, responses: dict) -> None:
        for status, reason in IDEMPOTENCY_PROBLEMS.items():
            own = responses.get(str(status))
            if own is None:
                described = reason[0].upper() + reason[1:]
            else:  # the view's own description, or the generic one's (invalid fields, for a 422)
                described = f"{own.get('description') or TITLES[status]}; or {reason}"
            responses[str(status)] = _problem_response(status, described)
        for status, response in responses.items():
            if str(status).startswith("2") and "$ref" not in response:
                response.setdefault("headers", {})["Idempotent-Replayed"] = {
                    "description": "`true` when this is the stored response of an earlier request with the same "
                                   "Idempotency-Key", "schema": {"type": "string", "enum": ["true"]}}
