"""Fine-tuning through the OpenAI API (or a compatible server): upload the training JSONL with
``purpose="fine-tune"``, start a job on it, and read the job's status back."""
from __future__ import annotations

import json
import logging
from typing import Any

import openai

from adapters.openai.client import LazyClient

from domain.errors import ValidationError
from ports.fine_tuning import FineTuneJob, FineTuner

log = logging.getLogger(__name__)

MAX_TRAINING_BYTES = 50 * 1024 * 1024
ROLES = {"system", "user", "assistant", "tool", "developer"}


class FineTuningFailed(Exception):
    """The fine-tuning service refused or could not be reached (the message says which)."""

    def __init__(self, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


def check_training_jsonl(data: bytes) -> int:
    """Raise ``ValidationError`` unless ``data`` is chat fine-tuning JSONL; return the example count.

    Each non-blank line is ``{"messages": [{"role": ..., "content": ...}, ...]}`` with at least one
    assistant message (OpenAI's chat format; extra keys such as ``tools`` are left to the server).
    """
    if not isinstance(data, (bytes, bytearray)) or not data.strip():
        raise ValidationError.for_field("file", "the training file is empty")
    if len(data) > MAX_TRAINING_BYTES:
        raise ValidationError.for_field("file", f"the training file is larger than {MAX_TRAINING_BYTES} bytes")
    try:
        lines = bytes(data).decode("utf-8").splitlines()
    except UnicodeDecodeError:
        raise ValidationError.for_field("file", "the training file is not UTF-8") from None
    count = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            example = json.loads(line)
        except ValueError:
            raise ValidationError.for_field("file", f"line {number} is not JSON") from None
        messages = example.get("messages") if isinstance(example, dict) else None
        if not isinstance(messages, list) or not messages or not all(
                isinstance(m, dict) and m.get("role") in ROLES for m in messages):
            raise ValidationError.for_field("file", f"line {number} needs a list of chat messages with roles")
        if not any(m.get("role") == "assistant" for m in messages):
            raise ValidationError.for_field("file", f"line {number} has no assistant message")
        count += 1
    return count


def _job(job: Any) -> FineTuneJob:
    error = getattr(job, "error", None)
    message = getattr(error, "message", None) if error is not None else None
    return FineTuneJob(id=job.id, status=job.status, base_model=job.model,
                       fine_tuned_model=job.fine_tuned_model or None, error=message or None)


def _failed(action: str, exc: openai.APIError) -> FineTuningFailed:
    status = getattr(exc, "status_code", None)
    detail = getattr(exc, "message", None) or type(exc).__name__
    log.warning("OpenAI fine-tuning: %s failed: %s (HTTP %s)", action, type(exc).__name__, status)
    return FineTuningFailed(f"{action} failed: {detail}", status_code=status)


class OpenAIFineTuner(FineTuner):
    def __init__(self, api_key: str, base_url: str | None = None, timeout: float = 60.0,
                 max_retries: int = 2) -> None:
        if not api_key and not base_url:
            raise ValueError("OPENAI_API_KEY is required unless PLANLOOM_OPENAI_BASE_URL names another server")
        self._openai = LazyClient(api_key or "unused", base_url or None, timeout, max_retries)

    def start(self, training_jsonl: bytes, base_model: str, suffix: str) -> FineTuneJob:
        check_training_jsonl(training_jsonl)
        client = self._openai()
        try:
            uploaded = client.files.create(file=("training.jsonl", bytes(training_jsonl), "application/jsonl"),
                                           purpose="fine-tune")
        except openai.APIError as exc:
            raise _failed("uploading the training file", exc) from exc
        try:
            job = client.fine_tuning.jobs.create(training_file=uploaded.id, model=base_model,
                                                 suffix=suffix or openai.omit)
        except openai.APIError as exc:
            raise _failed("starting the fine-tuning job", exc) from exc
        return _job(job)

    def status(self, job_id: str) -> FineTuneJob:
        try:
            job = self._openai().fine_tuning.jobs.retrieve(job_id)
        except openai.APIError as exc:
            raise _failed("reading the fine-tuning job", exc) from exc
        return _job(job)
