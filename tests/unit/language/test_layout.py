"""Reading order of OCR lines: a tilted page set upright, columns read one after the other, and the layouts
that are rows (a receipt's prices, a list's due days beside its items) kept as rows."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, strategies as st

from domain.language.layout import reading_order, tilt, upright
from domain.model.image import TextLine, TextReading
from domain.services.handlers.images import ordered_lines

H = 30  # line height in pixels


def _quad(left: float, top: float, width: float, height: float = H, angle: float = 0.0):
    """A line's corners clockwise from the top left, the whole page turned by ``angle`` degrees about (0, 0)."""
    corners = [(left, top), (left + width, top), (left + width, top + height), (left, top + height)]
    a = math.radians(angle)
    return tuple((x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)) for x, y in corners)


def _read(lines: list[tuple[str, float, float, float]], angle: float = 0.0, shuffle: bool = True) -> list[str]:
    """(text, left, top, width) lines through ``ordered_lines``, given in the order RapidOCR gives them:
    sorted by their top (which interleaves columns)."""
    text_lines = [TextLine(text, 0.95, _quad(left, top, width, angle=angle)) for text, left, top, width in lines]
    if shuffle:
        text_lines.sort(key=lambda line: line.top)
    return [line.text for line in ordered_lines(TextReading(engine="memory", lines=text_lines))]


def test_two_columns_of_a_board_are_read_one_after_the_other():
    board = [("To do:", 40, 20, 120), ("- buy milk", 40, 80, 200), ("- call the bank", 40, 140, 240),
             ("- renew passport", 40, 200, 260),
             ("Done:", 520, 20, 100), ("- pay rent", 520, 95, 180), ("- book flights", 520, 170, 220)]
    assert _read(board) == ["To do:", "- buy milk", "- call the bank", "- renew passport",
                            "Done:", "- pay rent", "- book flights"]


def test_a_title_over_two_columns_comes_first_and_a_heading_across_them_splits_them():
    page = [("Week of Dec 7 plans for home and work", 40, 10, 700),
            ("- buy milk", 40, 70, 200), ("- water plants", 40, 130, 220),
            ("- send invoice", 460, 70, 220), ("- review PRs", 460, 130, 200),
            ("Next week, after the trip to Lisbon", 40, 200, 650),
            ("- renew passport", 40, 260, 240), ("- book hotel", 460, 260, 200), ("- call Anna", 40, 320, 180)]
    assert _read(page) == ["Week of Dec 7 plans for home and work", "- buy milk", "- water plants",
                           "- send invoice", "- review PRs", "Next week, after the trip to Lisbon",
                           "- renew passport", "- call Anna", "- book hotel"]


def test_a_two_column_list_in_rows_with_markers_on_both_sides_is_read_by_column():
    rows = [(f"[ ] left item {n}", 40, 30 + 60 * n, 240) for n in range(4)] + \
           [(f"[ ] right thing {n}", 480, 30 + 60 * n, 240) for n in range(4)]
    assert _read(rows) == [f"[ ] left item {n}" for n in range(4)] + [f"[ ] right thing {n}" for n in range(4)]


def test_columns_in_rows_under_headings_of_short_words_are_read_by_column():
    """Board 29 of bench/layout.py, seed 5 (the lines the detector joined parted again): "To do:" beside
    "Home:" is a heading of its own, not a day or an amount beside it."""
    board = [("Home:", 79, 33, 113), ("To do:", 400, 32, 107), ("- Order printer ink", 81, 113, 285),
             ("- Review pull requests", 412, 113, 346), ("- Water the plants", 82, 197, 280),
             ("- Walk the dog", 411, 198, 231), ("- Clean garage", 84, 287, 239)]
    assert _read(board) == ["Home:", "- Order printer ink", "- Water the plants", "- Clean garage", "To do:",
                            "- Review pull requests", "- Walk the dog"]


def test_three_columns_are_read_left_to_right():
    board = [(f"- {name} {n}", left, 40 + 70 * n, 160) for left, name in ((20, "alpha"), (320, "bravo"),
                                                                          (620, "charlie")) for n in range(3)]
    assert _read(board) == [f"- {name} {n}" for name in ("alpha", "bravo", "charlie") for n in range(3)]


def test_a_receipts_prices_stay_on_their_items_rows():
    receipt = [("CORNER SHOP", 150, 10, 200), ("Oat milk", 40, 70, 160), ("2.49", 520, 72, 70),
               ("Sourdough bread", 40, 120, 250), ("4.10", 520, 118, 70), ("Coffee beans", 40, 170, 220),
               ("12.99", 510, 171, 80), ("TOTAL", 40, 230, 100), ("19.58", 510, 231, 80)]
    assert _read(receipt) == ["CORNER SHOP", "Oat milk", "2.49", "Sourdough bread", "4.10", "Coffee beans",
                              "12.99", "TOTAL", "19.58"]


def test_due_days_beside_a_list_stay_with_their_items():
    page = [("- buy milk", 40, 40, 200), ("tomorrow", 520, 40, 140), ("- call the bank", 40, 100, 240),
            ("Fri", 520, 100, 60), ("- book flights", 40, 160, 220), ("Dec 20", 520, 160, 100)]
    assert _read(page) == ["- buy milk", "tomorrow", "- call the bank", "Fri", "- book flights", "Dec 20"]


def test_a_tilted_receipt_keeps_each_price_on_its_row():
    """6 degrees: the price at the far right sits ~50 px lower than its item's start, on the next row's level."""
    receipt = [("Oat milk", 40, 70, 160), ("2.49", 560, 70, 70), ("Sourdough bread", 40, 115, 250),
               ("4.10", 560, 115, 70), ("Coffee beans", 40, 160, 220), ("12.99", 550, 160, 80)]
    assert _read(receipt, angle=6) == ["Oat milk", "2.49", "Sourdough bread", "4.10", "Coffee beans", "12.99"]
    assert _read(receipt, angle=-6) == ["Oat milk", "2.49", "Sourdough bread", "4.10", "Coffee beans", "12.99"]


def test_a_tilted_two_column_board_is_still_read_by_column():
    board = [("- buy milk", 40, 80, 200), ("- call the bank", 40, 140, 240), ("- renew passport", 40, 200, 260),
             ("- pay rent", 520, 95, 180), ("- book flights", 520, 170, 220)]
    assert _read(board, angle=5) == ["- buy milk", "- call the bank", "- renew passport", "- pay rent",
                                     "- book flights"]


def test_the_tilt_comes_from_the_long_lines_and_a_straight_page_is_left_alone():
    quads = [_quad(40, 40 + 60 * n, 300, angle=4) for n in range(5)] + [_quad(400, 60, 20, 40, angle=80)]
    assert math.degrees(tilt(quads)) == pytest.approx(4, abs=0.01)
    assert tilt([_quad(40, 40 * n, 300) for n in range(5)]) == 0.0
    assert tilt([_quad(40, 40 * n, 300, angle=0.2) for n in range(5)]) == 0.0  # a hand's unsteadiness
    left, top, right, bottom = upright([_quad(100, 200, 300, angle=4)])[0]
    assert (round(left), round(top), round(right), round(bottom)) == (100, 200, 400, 230)


def test_a_list_with_indented_continuations_is_one_column():
    page = [("- call the dentist about", 40, 40, 300), ("the crown on friday", 90, 90, 260),
            ("- buy milk", 40, 140, 200), ("- pay rent", 40, 200, 180)]
    assert _read(page) == ["- call the dentist about", "the crown on friday", "- buy milk", "- pay rent"]


@given(st.lists(st.tuples(st.sampled_from(["- a task", "12.50", "Fri", "note", "[ ] box"]), st.integers(0, 1000),
                          st.integers(0, 2000), st.integers(10, 400)), max_size=40),
       st.floats(-20, 20))
def test_reading_order_is_a_permutation_whatever_the_layout(specs, angle):
    quads = [_quad(x, y, w, angle=angle) for _, x, y, w in specs]
    boxes = upright(quads)
    order = reading_order(boxes, [text for text, *_ in specs])
    assert sorted(order) == list(range(len(specs)))


def test_columns_a_third_of_a_line_apart_are_still_columns():
    """The detector's boxes reach past the ink, so two close columns of a board leave a narrow gutter."""
    board = [("- buy milk", 40, 40, 200), ("- call the bank", 40, 100, 240), ("- renew passport", 40, 160, 260),
             ("- pay rent", 310, 55, 180), ("- book flights", 310, 120, 220), ("- fix the bike", 310, 185, 200)]
    assert _read(board) == ["- buy milk", "- call the bank", "- renew passport", "- pay rent", "- book flights",
                            "- fix the bike"]


def test_a_line_the_engine_cut_in_two_stays_in_its_row():
    page = [("- call mum", 40, 40, 170), ("about dinner on sunday", 220, 40, 300), ("- buy milk", 40, 100, 200),
            ("- pay the electricity bill", 40, 160, 420), ("- water plants", 40, 220, 220)]
    assert _read(page) == ["- call mum", "about dinner on sunday", "- buy milk", "- pay the electricity bill",
                           "- water plants"]
