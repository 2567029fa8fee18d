"""Spaces put back into RapidOCR's lines from the gaps in their ink (no OCR here: strips drawn as arrays)."""
from __future__ import annotations

import numpy as np

from adapters.rapidocr.spaces import along, blank_runs, ink, respaced


def _strip(words: list[int], letter_gap: int = 2, word_gap: int = 12, height: int = 30) -> np.ndarray:
    """A boolean ink mask: ``words`` letters of 8 columns each, letters ``letter_gap`` apart, words
    ``word_gap`` apart, ink 20 rows high."""
    columns: list[bool] = [False] * 5
    for n, letters in enumerate(words):
        for k in range(letters):
            columns += [True] * 8 + ([False] * letter_gap if k < letters - 1 else [])
        columns += [False] * (word_gap if n < len(words) - 1 else 5)
    mask = np.zeros((height, len(columns)), bool)
    mask[5:25, np.array(columns)] = True
    return mask


def _centres(words: list[int], letter_gap: int = 2, word_gap: int = 12) -> list[float]:
    centres, x = [], 5.0
    for n, letters in enumerate(words):
        for k in range(letters):
            centres.append(x + 4)
            x += 8 + (letter_gap if k < letters - 1 else 0)
        x += word_gap
    return centres


def test_blank_runs_are_the_gaps_between_the_first_and_last_ink_and_the_height_is_the_inks():
    runs, height = blank_runs(_strip([3, 2]))
    assert runs == [(13, 15), (23, 25), (33, 45), (53, 55)]
    assert height == 20


def test_a_word_gap_puts_a_dropped_space_back_where_the_text_has_none():
    runs, height = blank_runs(_strip([3, 4]))
    assert respaced("Payrent", _centres([3, 4]), runs, height) == "Pay rent"


def test_gaps_between_letters_and_existing_spaces_change_nothing():
    runs, height = blank_runs(_strip([3, 4, 2]))
    centres = _centres([3, 4, 2])
    assert respaced("Pay rent by", centres, runs, height) == "Pay rent by"
    assert respaced("Pay rentby", centres, runs, height) == "Pay rent by"


def test_a_single_word_with_wide_letter_gaps_is_not_split():
    """Monospaced or hand-drawn letters far apart, and no word gap wider than them: nothing to split."""
    runs, height = blank_runs(_strip([6], letter_gap=5))
    assert respaced("lemons", _centres([6], letter_gap=5), runs, height) == "lemons"


def test_a_gap_narrower_than_the_lines_known_word_gaps_is_no_space():
    """The line's spaces show how wide a word gap is here: a gap well under that is between letters."""
    mask = _strip([3, 3, 3], word_gap=30)
    mask[:, 5 + 8 * 2 + 2 * 2 + 30 + 8 + 2:5 + 8 * 2 + 2 * 2 + 30 + 8 + 2 + 8] = False  # a 10-column gap in word 2
    runs, height = blank_runs(mask)
    centres = _centres([3, 3, 3], word_gap=30)
    assert respaced("abc def ghi", centres, runs, height) == "abc def ghi"


def test_characters_that_do_not_match_the_text_leave_it_as_it_is():
    runs, height = blank_runs(_strip([3, 4]))
    assert respaced("Payrent", _centres([3, 4])[:-1], runs, height) == "Payrent"


def test_ink_is_the_dark_part_or_the_light_part_on_a_dark_ground():
    strip = np.full((10, 20), 220, np.uint8)
    strip[3:7, 5:9] = 30
    assert ink(strip).sum() == 16 and ink(strip)[4, 6]
    assert ink(255 - strip).sum() == 16 and ink(255 - strip)[4, 6]


def test_along_measures_along_a_tilted_lines_top_edge():
    quad = np.array([[10, 10], [10 + 80, 10 + 60], [10 + 74, 10 + 68], [4, 18]], float)  # 100 px long, tilted
    assert round(along(quad, np.array([10 + 40, 10 + 30])), 6) == 50.0
    assert round(along(quad, np.array([10, 10])), 6) == 0.0
