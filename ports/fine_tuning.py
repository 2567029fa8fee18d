"""Fine-tuning a language model on a user's own corrections."""
from __future__ import annotations

import abc
from dataclasses import dataclass


@dataclass(frozen=True)
class FineTuneJob:
    id: str
    status: str                       # validating_files, queued, running, succeeded, failed, cancelled
    base_model: str
    fine_tuned_model: str | None = None
    error: str | None = None


class FineTuner(abc.ABC):
    @abc.abstractmethod
    def start(self, training_jsonl: bytes, base_model: str, suffix: str) -> FineTuneJob:
        """Upload the training file and start a job."""

    @abc.abstractmethod
    def status(self, job_id: str) -> FineTuneJob: ...
