"""A local server that speaks Google Cloud Vision's REST protocol (``POST /v1/images:annotate``), for
offline tests of the Cloud Vision adapter.

Each request's images are answered from the test's script: ``lines`` (text as a fullTextAnnotation tree
of pages, blocks, paragraphs, words and symbols with line breaks, plus textAnnotations; enums as numbers
when the client asks ``$alt=json;enum-encoding=int``, as Google's client does), ``labels``, or a
per-image ``error`` (a google.rpc.Status inside a 200, as Vision does). ``http_error`` answers the whole
call with an HTTP error body shaped like Google's. Every request is recorded (path, query, headers, JSON).
"""
from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


def _vertices(x: int, y: int, width: int, height: int) -> dict:
    return {"vertices": [{"x": x, "y": y}, {"x": x + width, "y": y}, {"x": x + width, "y": y + height},
                         {"x": x, "y": y + height}]}


BREAKS = {"SPACE": 1, "EOL_SURE_SPACE": 3}  # google.cloud.vision TextAnnotation.DetectedBreak.BreakType
FEATURES = {4: "LABEL_DETECTION", 11: "DOCUMENT_TEXT_DETECTION"}  # Feature.Type, as numbers


def _word(text: str, x: int, y: int, last: bool, ints: bool, confidences: list[float]) -> dict:
    symbols = [{"text": ch, "confidence": score} for ch, score in zip(text, confidences)]
    kind = "EOL_SURE_SPACE" if last else "SPACE"
    symbols[-1]["property"] = {"detectedBreak": {"type": BREAKS[kind] if ints else kind}}
    return {"boundingBox": _vertices(x, y, 14 * len(text), 30), "symbols": symbols,
            "confidence": min(confidences)}


def annotation(lines: list, ints: bool = False) -> dict:
    """One block, one paragraph, the words of ``lines`` laid out 50 px apart. A line is its text, or its text
    and the confidence of each of its characters (a space's is not sent); else each symbol's is 0.97."""
    words, texts = [], []
    for row, line in enumerate(lines):
        line, scores = (line, [0.97] * len(line)) if isinstance(line, str) else line
        texts.append(line)
        x, at, parts = 20, 0, line.split(" ")
        for index, part in enumerate(parts):
            words.append(_word(part, x, 20 + 50 * row, index == len(parts) - 1, ints, scores[at:at + len(part)]))
            x, at = x + 14 * len(part) + 10, at + len(part) + 1
    text = "\n".join(texts) + "\n"
    page = {"width": 800, "height": 60 + 50 * len(lines),
            "blocks": [{"blockType": "TEXT", "paragraphs": [{"words": words}]}]}
    return {"fullTextAnnotation": {"text": text, "pages": [page]},
            "textAnnotations": [{"description": text, "locale": "en"}]}


@dataclass
class FakeVision:
    answers: list[dict] = field(default_factory=list)       # one per image, in order (the last repeats)
    http_error: tuple[int, str] | None = None
    requests: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._server = make_server("127.0.0.1", 0, self._app, threaded=True, request_handler=_Quiet)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()

    def _app(self, environ, start_response):
        request = Request(environ)
        body = request.get_json(silent=True) or {}
        self.requests.append({"path": request.path, "query": dict(request.args), "headers": dict(request.headers),
                              "json": body})
        if request.method != "POST" or request.path != "/v1/images:annotate":
            return Response(json.dumps({"error": {"code": 404, "message": "not found", "status": "NOT_FOUND"}}),
                            404, content_type="application/json")(environ, start_response)
        if self.http_error is not None:
            status, state = self.http_error
            error = {"error": {"code": status, "message": f"fake {state}", "status": state}}
            return Response(json.dumps(error), status, content_type="application/json")(environ, start_response)
        responses = []
        for index, item in enumerate(body.get("requests", [])):
            base64.b64decode(item["image"]["content"], validate=True)  # the image travels as base64 content
            script = self.answers[min(index, len(self.answers) - 1)] if self.answers else {}
            if "error" in script:
                responses.append({"error": script["error"]})
                continue
            answer = annotation(script.get("lines", []), ints="enum-encoding=int" in request.args.get("$alt", ""))
            if script.get("labels"):
                answer["labelAnnotations"] = [{"description": name, "score": 0.9, "mid": f"/m/{i}"}
                                              for i, name in enumerate(script["labels"])]
            responses.append(answer)
        return Response(json.dumps({"responses": responses}), 200,
                        content_type="application/json")(environ, start_response)
