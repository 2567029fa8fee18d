"""The global cold-start prior: hand-written weights, one table per category, before any annotation.

A category's prior score is the sum of ``weight * min(count, cap)`` over the features it lists (a
``*`` suffix matches a prefix: ``l:*`` is any vision label). The reasons, in short:

- receipt: prices, currency signs and the words of a till slip (total, tax, cash); receipts are tall.
- todo_list: checkboxes and bullets, the verbs of errands, a few short lines.
- whiteboard: a light, slightly coloured background (marker colours), wide, few words per line;
  Vision's ``whiteboard`` label.
- handwritten_note: text that OCR reads with low confidence on paper-like light backgrounds;
  Vision's ``handwriting`` label.
- screenshot: a screen's aspect, dense edges (UI chrome), interface words (settings, search, cancel).
- document: long lines of prose, many lines, white and grey, portrait.
- photo: no text at all, colour and texture.
"""
from __future__ import annotations

from collections import Counter

from domain.categorization.features import CATEGORIES

# feature -> (weight, cap on the count that weighs)
PRIOR: dict[str, dict[str, tuple[float, int]]] = {
    "receipt": {"k:price": (0.7, 6), "k:currency": (0.8, 3), "w:total": (1.5, 1), "w:subtotal": (1.0, 1),
                "w:tax": (0.8, 1), "w:vat": (0.8, 1), "w:cash": (0.8, 1), "w:change": (0.5, 1),
                "w:receipt": (1.5, 1), "w:qty": (0.8, 1), "s:aspect:tall": (0.8, 1), "l:receipt": (3.0, 1)},
    "todo_list": {"k:checkbox": (1.0, 5), "k:bullet": (0.5, 5), "w:todo": (1.5, 1), "w:buy": (0.5, 1),
                  "w:call": (0.5, 1), "w:list": (0.5, 1), "s:lines:some": (0.3, 1), "s:wpl:medium": (0.3, 1)},
    "whiteboard": {"l:whiteboard": (3.0, 1), "s:bright:light": (0.8, 1), "s:colour:muted": (0.8, 1),
                   "s:colour:colour": (0.5, 1), "s:aspect:wide": (0.8, 1), "s:wpl:short": (0.5, 1),
                   "s:edges:sparse": (0.3, 1)},
    "handwritten_note": {"l:handwriting": (3.0, 1), "s:ocr:low": (1.5, 1), "s:ocr:mid": (0.5, 1),
                         "s:bright:light": (0.3, 1), "s:bright:mid": (0.3, 1)},
    "screenshot": {"s:aspect:screen": (0.8, 1), "s:aspect:tall": (0.2, 1), "s:edges:dense": (0.6, 1),
                   "w:settings": (1.0, 1), "w:search": (0.8, 1), "w:cancel": (0.8, 1), "w:menu": (0.8, 1),
                   "w:home": (0.5, 1), "w:login": (0.8, 1), "w:inbox": (0.8, 1), "l:screenshot": (3.0, 1)},
    "document": {"s:wpl:long": (2.0, 1), "s:lines:many": (0.8, 1), "s:lines:lots": (1.2, 1),
                 "s:bright:white": (0.5, 1), "s:colour:grey": (0.4, 1), "w:the": (0.2, 3), "w:and": (0.2, 3),
                 "w:of": (0.2, 3), "l:document": (2.0, 1)},
    "photo": {"s:lines:none": (2.5, 1), "s:colour:vivid": (1.0, 1), "s:colour:colour": (0.4, 1),
              "s:edges:busy": (0.5, 1), "l:*": (0.3, 3)},
}
assert set(PRIOR) == set(CATEGORIES)


def prior_scores(found: Counter[str]) -> dict[str, float]:
    """Each category's prior score for these features (higher is likelier; a log-odds scale)."""
    scores = {}
    for category in CATEGORIES:
        total = 0.0
        for feature, (weight, cap) in PRIOR[category].items():
            if feature.endswith("*"):
                count = sum(n for name, n in found.items() if name.startswith(feature[:-1]))
            else:
                count = found.get(feature, 0)
            total += weight * min(count, cap)
        scores[category] = total
    return scores
