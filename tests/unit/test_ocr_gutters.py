"""Lines RapidOCR's detector read across two columns, parted at the gutter in their ink (no OCR here: the
ink is drawn as arrays, as in test_ocr_spaces.py)."""
from __future__ import annotations

import numpy as np
import pytest

from adapters.rapidocr.gutters import parts, sub_quad
from adapters.rapidocr.spaces import blank_runs


def _line(words: list[str], gaps: list[int]) -> tuple[str, list[float], list[tuple[int, int]], float, int]:
    """``words`` drawn as ink 20 rows high, each character 8 columns wide and 2 from the next, ``gaps[i]``
    blank columns after word i: the text (words joined by a space), each character's middle, the blank runs,
    the ink's height and the strip's width."""
    columns, centres = [False] * 5, []
    for n, word in enumerate(words):
        for k in range(len(word)):
            centres.append(len(columns) + 4)
            columns += [True] * 8 + ([False] * 2 if k < len(word) - 1 else [])
        columns += [False] * (gaps[n] if n < len(words) - 1 else 5)
    mask = np.zeros((30, len(columns)), bool)
    mask[5:25, np.array(columns)] = True
    runs, height = blank_runs(mask)
    return " ".join(words), centres, runs, height, len(columns)


def test_a_line_read_across_two_columns_is_cut_at_the_gutter():
    """Word gaps of 12 columns (0.6 ink heights), a gutter of 40 (2 heights): two parts, each box ending
    at its ink."""
    text, centres, runs, height, width = _line(["-", "Buy", "milk", "-", "Call", "the", "bank"],
                                               [12, 12, 40, 12, 12, 12])
    (left, l0, l1), (right, r0, r1) = parts(text, centres, runs, height, width)
    assert (left, right) == ("- Buy milk", "- Call the bank")
    gutter = next((start, end) for start, end in runs if end - start == 40)
    assert (l0, l1, r0, r1) == (0, gutter[0], gutter[1], width)


def test_three_columns_in_one_line_make_three_parts():
    text, centres, runs, height, width = _line(["Pay", "rent", "Email", "Anna", "Fix", "the", "bike"],
                                               [12, 30, 12, 30, 12, 12])
    assert [part for part, _, _ in parts(text, centres, runs, height, width)] == ["Pay rent", "Email Anna",
                                                                                   "Fix the bike"]


@pytest.mark.parametrize("words, gaps", [
    (["Oat", "milk", "3.49"], [12, 300]),                     # a receipt's price at the right edge
    (["-", "Buy", "milk", "tomorrow"], [12, 12, 60]),         # a due day set apart with a tab
    (["-", "Call", "the", "dentist", "friday", "30m"], [12, 12, 12, 60, 12]),
    (["[]", "Buy", "milk"], [40, 12]),                        # a box alone ("[ ]" as read) is no item
])
def test_a_price_a_due_day_or_a_bare_box_stays_on_its_line(words, gaps):
    text, centres, runs, height, width = _line(words, gaps)
    assert parts(text, centres, runs, height, width) == [(text, 0.0, width)]


@pytest.mark.parametrize("gaps", [
    [24, 24, 24, 24],     # justified: every word gap wide (1.2 ink heights)
    [20, 26, 22, 30],     # justified unevenly: the widest not far beyond the others
    [4, 4, 14, 4],        # a gap 3.5 times the others but under a letter height: a word gap on a tight line
])
def test_wide_or_uneven_spacing_is_no_gutter(gaps):
    text, centres, runs, height, width = _line(["Call", "the", "bank", "about", "rent"], gaps)
    assert len(parts(text, centres, runs, height, width)) == 1


@pytest.mark.parametrize("words, gaps", [
    (["Train", "gets", "in", "5:40"], [18, 18, 4]),         # a hand's wide word gaps, 0.9 ink heights
    (["Next", "sync", ":Friday", "10am"], [4, 19, 4]),      # a colon read apart from its word, 0.95 heights
])
def test_a_gap_under_a_letter_height_is_a_word_gap_in_a_line_of_few_words(words, gaps):
    """Over a line of few words the median word gap says little: a gutter is wider than the ink is high (the
    boards' gutters were 1.08 ink heights wide or more)."""
    text, centres, runs, height, width = _line(words, gaps)
    assert len(parts(text, centres, runs, height, width)) == 1
    wider = _line(words, [22 if gap > 10 else gap for gap in gaps])
    assert len(parts(*wider)) > 1   # the same line with a gutter 1.1 heights wide is cut


def test_a_wide_gap_in_a_line_of_two_words_is_not_cut():
    """With no other word gap to measure it by, a gap is a word gap however wide."""
    text, centres, runs, height, width = _line(["Sourdough", "bread"], [40])
    assert len(parts(text, centres, runs, height, width)) == 1


def test_a_parts_box_is_the_stretch_of_the_tilted_quad_between_its_ends():
    quad = [(10.0, 20.0), (210.0, 40.0), (208.0, 70.0), (8.0, 50.0)]
    top_left, top_right, foot_right, foot_left = sub_quad(quad, 50, 150, 200)
    assert top_left == (60.0, 25.0) and top_right == (160.0, 35.0)
    assert foot_left == (58.0, 55.0) and foot_right == (158.0, 65.0)


def test_a_speck_in_a_word_gap_makes_no_second_gap():
    """A dim photo's speck splits the gap of "Exam revision" in two blank runs, 34 and 4 columns: still one
    gap between two words (its widest run), nothing to measure it by."""
    text, centres, runs, height, width = _line(["Exam", "revision"], [40])
    start, end = next((start, end) for start, end in runs if end - start == 40)
    specked = sorted([run for run in runs if run != (start, end)] + [(start, start + 34), (start + 36, end)])
    assert len(parts(text, centres, specked, height, width)) == 1


def test_a_run_inside_a_word_that_a_coarse_character_position_puts_at_a_gap_does_not_widen_it():
    """Read from a board of bench/layout.py (seed 7): the recogniser puts the "i" of "ink" at 226, so the
    blank before its stem (224-226) falls at the gap after "printer" (208-217); taken from the first run
    to the last, that gap would reach across the "i" and be cut."""
    centres = [9, 33, 52, 71, 84, 96, 127, 140, 150, 160, 177, 189, 202, 226, 239, 252]
    runs = [(12, 24), (43, 45), (57, 58), (74, 75), (89, 91), (103, 113), (128, 130), (142, 143), (150, 151),
            (167, 169), (179, 180), (194, 196), (208, 217), (224, 226), (242, 243)]
    assert parts("- Order printer ink", centres, runs, 20.0, 263) == [("- Order printer ink", 0.0, 263.0)]
