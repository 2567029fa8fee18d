"""Each draft read from an image knows the lines it came from: indexes into the image's lines (reading order),
several for an item that wraps, never shifted by lines that give no draft."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timezone

from adapters.rules.interpreter import RulesInterpreter
from domain.language.model import InterpretContext
from domain.model.image import MAX_DRAFTS, MAX_LINES, ImageRecord, TextLine, TextReading
from domain.services.handlers.images import extract_drafts, ordered_lines
from domain.services.interpretation import FallbackInterpreter

MONDAY = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
CONTEXT = InterpretContext(now=MONDAY, timezone="UTC")
INTERPRETER = FallbackInterpreter(RulesInterpreter())


def _line(text: str, top: float, left: float = 20) -> TextLine:
    return TextLine(text, 0.98, ((left, top), (left + 300, top), (left + 300, top + 30), (left, top + 30)))


def test_a_wrapped_item_links_both_lines_and_headings_and_commands_shift_nothing():
    lines = ordered_lines(TextReading(engine="memory", lines=[  # given out of order, as OCR may
        _line("[x] Pay rent", 310), _line("Errands:", 10), _line("- Buy milk tomorrow", 70),
        _line("- /done the old thing", 130), _line("- Call the dentist about", 190),
        _line("the crown friday 30m", 250, left=60)]))
    assert [line.text for line in lines] == ["Errands:", "- Buy milk tomorrow", "- /done the old thing",
                                             "- Call the dentist about", "the crown friday 30m", "[x] Pay rent"]
    drafts, checked, line_indexes = extract_drafts(lines, INTERPRETER, CONTEXT)
    assert [d["title"] for d in drafts] == ["Buy milk", "Call the dentist about the crown", "Pay rent"]
    assert (drafts[1]["duration_minutes"], checked) == (30, [False, False, True])
    assert line_indexes == [[1], [3, 4], [5]]  # no heading (0), no slash command (2)


def test_an_item_that_is_no_draft_keeps_the_next_ones_indexes():
    lines = [_line("- /help", 10), _line("- ", 70), _line("- 12", 130), _line("- Feed the cat", 190)]
    drafts, checked, line_indexes = extract_drafts(lines, INTERPRETER, CONTEXT)
    assert ([d["title"] for d in drafts], checked, line_indexes) == (["Feed the cat"], [False], [[3]])


def test_more_items_than_drafts_are_kept_link_only_the_kept_ones():
    lines = [_line("Chores", 0)] + [_line(f"- water the plants {'again ' * (i % 3)}", 40 * (i + 1))
                                    for i in range(MAX_DRAFTS + 5)]
    drafts, checked, line_indexes = extract_drafts(lines, INTERPRETER, CONTEXT)
    assert len(drafts) == len(checked) == len(line_indexes) == MAX_DRAFTS
    assert line_indexes == [[i + 1] for i in range(MAX_DRAFTS)]


def _record() -> ImageRecord:
    return ImageRecord(id=uuid.uuid4(), user_id=uuid.uuid4(), created_at=MONDAY, blob_name="a.png", format="png",
                       width=800, height=600, size_bytes=100)


def test_the_record_keeps_the_link_and_drops_lines_past_the_kept_ones():
    record = _record()
    assert record.line_indexes is None  # not read: no link known
    reading = TextReading(engine="memory", lines=[_line(f"- line {i}", 40 * i) for i in range(MAX_LINES + 2)])
    draft = {"title": "x"}
    record.read(reading, [draft] * 3, [False] * 3, [[0], [MAX_LINES - 1, MAX_LINES], [MAX_LINES + 1]], MONDAY)
    assert len(record.lines) == MAX_LINES
    assert record.line_indexes == [[0], [MAX_LINES - 1], []]


def test_a_record_stored_before_the_link_reads_as_unlinked_and_a_new_one_round_trips():
    record = _record()
    record.read(TextReading(engine="memory", lines=[_line("- a b", 0), _line("cd", 40, left=60)]),
                [{"title": "a b cd"}], [False], [[0, 1]], MONDAY)
    data = record.to_dict()
    assert data["line_indexes"] == [[0, 1]]
    again = ImageRecord.from_dict(data, id=record.id, user_id=record.user_id, created_at=record.created_at)
    assert again == record
    old = {key: value for key, value in data.items() if key != "line_indexes"}
    before = ImageRecord.from_dict(old, id=record.id, user_id=record.user_id, created_at=record.created_at)
    assert before.line_indexes is None and before.drafts == record.drafts


def test_a_line_read_before_strokes_were_looked_for_reads_as_not_struck_and_a_struck_one_round_trips():
    struck = TextLine("- pay rent", 0.9, ((0.0, 0.0), (90.0, 0.0), (90.0, 30.0), (0.0, 30.0)), struck=True)
    assert TextLine.from_dict(struck.to_dict()) == struck and struck.to_dict()["struck"] is True
    old = {key: value for key, value in struck.to_dict().items() if key != "struck"}
    assert TextLine.from_dict(old) == replace(struck, struck=False)
