"""A person's image categoriser: the global prior plus a multinomial naive Bayes learned from that
person's own annotations, serialisable as JSON (kept per user through the AI-models store).

Score of a category = the prior's score + ``LIKELIHOOD_SCALE`` x the mean log-likelihood per feature
token under the person's model (Laplace smoothing over the vocabulary the person's model has seen).
A category the person never annotated gets the likelihood of all the person's annotations pooled
(the background): features every category shares are neutral, so annotating only receipts does not
turn every white image into a receipt; features more frequent under one annotated category than in
the pool pull towards it; between categories never annotated the prior decides. (With a single
category annotated, it equals the pool: the model learns once two categories are annotated.)
Confidence is the softmax of the scores.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from domain.categorization.features import CATEGORIES
from domain.categorization.prior import prior_scores

LIKELIHOOD_SCALE = 15.0  # how far annotations outweigh the prior (per mean token); tuned on bench seeds 16050-16052
MAX_VOCABULARY = 4000    # distinct features kept per category (the rarest are dropped past it)
MAX_REMEMBERED = 1000    # annotated images remembered, to take one back (twice the 500 an account holds; oldest go first)
VERSION = 1


@dataclass(frozen=True)
class Prediction:
    category: str
    confidence: float
    source: str  # "prior" (no annotation yet) or "model"


@dataclass
class CategoriserModel:
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # category -> feature token counts
    documents: dict[str, int] = field(default_factory=dict)        # category -> annotations learned
    annotated: dict[str, str] = field(default_factory=dict)        # image id -> the category it is counted as

    @property
    def annotations(self) -> int:
        return sum(self.documents.values())

    def learn(self, found: Counter[str], category: str, weight: int = 1) -> None:
        """Count one annotated image (``weight=-1`` takes one back, when a person changes their mind)."""
        if category not in CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        counts = self.counts.setdefault(category, Counter())
        for token, count in found.items():
            counts[token] += weight * count
        self.counts[category] = counts = +counts
        if len(counts) > MAX_VOCABULARY:
            self.counts[category] = Counter(dict(counts.most_common(MAX_VOCABULARY)))
        self.documents[category] = max(0, self.documents.get(category, 0) + weight)
        if not self.documents[category]:
            self.documents.pop(category)
            self.counts.pop(category, None)

    def annotate(self, image: str, found: Counter[str], category: str, earlier: str | None = None) -> bool:
        """Count ``image`` (its features ``found``) as ``category``, once: the same annotation again changes
        nothing, a changed mind takes the one counted before back out. ``earlier``: the category the image
        says it was annotated as, for an image annotated before the model remembered it. Whether it changed."""
        counted = self.annotated.get(image, earlier)
        if counted == category:
            self.annotated.setdefault(image, category)
            return False
        if counted in CATEGORIES and self.documents.get(counted):
            self.learn(found, counted, weight=-1)
        self.learn(found, category)
        self.annotated.pop(image, None)
        self.annotated[image] = category  # newest last: the oldest are forgotten first
        while len(self.annotated) > MAX_REMEMBERED:
            self.annotated.pop(next(iter(self.annotated)))
        return True

    def _log_likelihoods(self, found: Counter[str]) -> dict[str, float]:
        vocabulary = len(set().union(*self.counts.values())) + 1
        tokens = sum(found.values()) or 1
        pooled: Counter[str] = sum(self.counts.values(), Counter())

        def mean_log_likelihood(counts: Counter[str]) -> float:
            total = sum(counts.values()) + vocabulary
            return sum(n * math.log((counts.get(token, 0) + 1) / total) for token, n in found.items()) / tokens

        background = mean_log_likelihood(pooled)  # for the categories never annotated
        return {c: mean_log_likelihood(self.counts[c]) if c in self.counts else background for c in CATEGORIES}

    def predict(self, found: Counter[str]) -> Prediction:
        scores = prior_scores(found)
        source = "prior"
        if self.annotations:
            source = "model"
            likelihoods = self._log_likelihoods(found)
            scores = {c: scores[c] + LIKELIHOOD_SCALE * likelihoods[c] for c in CATEGORIES}
        top = max(scores.values())
        weights = {c: math.exp(s - top) for c, s in scores.items()}
        best = max(CATEGORIES, key=lambda c: (scores[c], -CATEGORIES.index(c)))
        return Prediction(best, weights[best] / sum(weights.values()), source)

    def to_dict(self) -> dict[str, Any]:
        return {"version": VERSION, "documents": dict(self.documents),
                "counts": {c: dict(counts) for c, counts in self.counts.items()}, "annotated": dict(self.annotated)}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> "CategoriserModel":
        if not data or data.get("version") != VERSION:
            return cls()
        return cls(counts={c: Counter({t: int(n) for t, n in counts.items()})
                           for c, counts in data.get("counts", {}).items() if c in CATEGORIES},
                   documents={c: int(n) for c, n in data.get("documents", {}).items() if c in CATEGORIES},
                   annotated={str(i): c for i, c in data.get("annotated", {}).items() if c in CATEGORIES})
