"""Local OCR with RapidOCR 3.x (PP-OCR models on ONNX Runtime).

The models (PP-OCRv6 small detector and recogniser, the 0/180-degree line classifier) ship inside the
``rapidocr`` wheel, so nothing is downloaded at run time: the engine is built from them on the first
read (about a second), never at import or at start.
"""
from __future__ import annotations

import threading

from domain.model.image import TextLine, TextReading
from ports.images import VisionEngine, VisionUnavailable


class RapidOcrEngine(VisionEngine):
    engine = "rapidocr"

    def __init__(self, threads: int = 0, min_confidence: float = 0.5) -> None:
        """``threads``: ONNX Runtime threads per inference (0: one per core)."""
        self.threads, self.min_confidence = threads, min_confidence
        self._engine = None
        self._lock = threading.Lock()

    def _built(self):
        if self._engine is None:
            from rapidocr import RapidOCR  # heavy (onnxruntime, OpenCV): only when an image is read

            self._engine = RapidOCR(params={
                "Global.log_level": "warning", "Global.text_score": self.min_confidence,
                "EngineConfig.onnxruntime.intra_op_num_threads": self.threads or -1,
            })
        return self._engine

    def read(self, data: bytes) -> TextReading:
        with self._lock:  # one inference at a time: each already uses every core it is given
            try:
                result = self._built()(data)
            except Exception as exc:  # a bad image or a model error: the same bytes fail the same way
                raise VisionUnavailable(f"OCR failed: {exc}", permanent=True) from exc
        if result.boxes is None or result.txts is None:
            return TextReading(lines=[], engine=self.engine)
        lines = [TextLine(text=str(text), confidence=float(score), box=tuple((float(x), float(y)) for x, y in box))
                 for box, text, score in zip(result.boxes, result.txts, result.scores)]
        return TextReading(lines=lines, engine=self.engine)
