"""A line read by an engine that gives only its confidence in each character (Google Cloud Vision), put as
the owner's own title or name where it differs from one in doubted characters only."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.language.lists import marker_end
from domain.language.owned import DOUBT, Letters, owned


def read(text: str, doubted: str = "") -> tuple[str, list[float]]:
    """``text`` and a confidence for each character: under ``DOUBT`` where ``doubted`` has a "^"."""
    marks = doubted.ljust(len(text))
    return text, [DOUBT / 2 if mark == "^" else 0.97 for mark in marks]


TITLES = ("Buy oat milk", "Mow the lawn", "Order Zyrtec refill", "Read chapter 4", "Book the DJ")
NAMES = frozenset({"Gail", "Olu", "Luna"})


@pytest.mark.parametrize("text, doubted, expected", [
    # a letter the engine doubted, a title one letter away: the title, as the user wrote it
    ("Buy cat milk", "    ^", "Buy oat milk"),
    ("[ ] Buy cat milk 2h", "        ^", "[ ] Buy oat milk 2h"),   # the box and the duration after the item stay
    ("- Mow the loan", "           ^^", "- Mow the lawn"),   # two letters in twelve
    ("BUY CAT MILK", "    ^", "BUY OAT MILK"),   # a line in capitals stays in capitals
    ("orderzyrtec refill", "    ^^", "Order Zyrtec refill"),   # a space lost between doubted letters
    ("Buy oat mlk", "        ^^", "Buy oat milk"),   # a letter lost next to a doubted one
    # names the owner writes, one doubted letter away
    ("Order the cake from Cail's", "                    ^", "Order the cake from Gail's"),
    ("Review Olv's design doc", "         ^", "Review Olu's design doc"),
    ("Book Lana's jab", "      ^", "Book Luna's jab"),
])
def test_a_doubted_reading_one_letter_from_the_owners_becomes_it(text, doubted, expected):
    assert owned(*read(text, doubted), NAMES, TITLES) == expected


@pytest.mark.parametrize("text, doubted", [
    ("Buy cat milk", ""),                      # the engine was sure of every letter: a cat's milk it is
    ("Buy cat milk", "         ^"),            # it doubted a letter, not the one that differs
    ("Buy cat food", "    ^   ^^^^"),          # too far from any title (one letter in five at most)
    ("Read chapter 5", "             ^"),      # a figure is never changed: chapter 5 is another task
    ("Read chapter", "           ^"),          # ... nor is one added
    ("Buy oat milk", "^^^^^^^^^^^^"),          # a title already
    ("Book the DJ tomorrow", ""),              # a title already, then more words
    ("Order the cake from Cail's", ""),        # a name read surely: another name
    ("Call Tam", "     ^^"),                   # near two titles alike: neither
    ("Defrag the old laptop", "             ^"),   # a word in lower case is no name ("Olu")
    ("", ""),
])
def test_a_reading_the_engine_was_sure_of_or_near_nothing_stays(text, doubted):
    titles = TITLES + ("Call Tom", "Call Pam")
    assert owned(*read(text, doubted), NAMES, titles) == text


def test_confidences_that_do_not_fit_the_text_change_nothing():
    assert owned("Buy cat milk", [0.1] * 3, NAMES, TITLES) == "Buy cat milk"


def test_nothing_to_prefer_changes_nothing():
    assert owned(*read("Buy cat milk", "^^^^^^^^^^^^")) == "Buy cat milk"


def test_an_image_compares_at_most_its_budget_of_letters():
    budget = Letters(cells=10)   # fewer than one item against one title
    assert owned(*read("Buy cat milk", "    ^"), frozenset(), TITLES, budget) == "Buy cat milk"
    assert budget.cells <= 10
    budget = Letters()
    assert owned(*read("Buy cat milk", "    ^"), frozenset(), TITLES, budget) == "Buy oat milk"
    assert budget.cells < Letters().cells   # each comparison is paid for


KNOWN = frozenset("buy cat milk mow the lawn call tim tom order cake from read chapter ask about clean".split())


@pytest.mark.parametrize("text, expected", [
    ("Mow the kown", "Mow the lawn"),     # a word no list knows: its letters may differ, however sure the engine
    ("AAbatteries", "AA batteries"),      # ... and a space may be put in beside them
    ("Ask Siobhan about the ffsite", "Ask Siobhan about the offsite"),
    ("Buy cat milk", "Buy cat milk"),     # words a list knows, read surely: as read
    ("Call Tim", "Call Tim"),
    ("Clean the windkws", "Clean the windkws"),   # a letter is put in next to a doubted letter, not a space
    ("Order the cake from Cail's", "Order the cake from Gail's"),   # a name no list knows, one letter off
])
def test_the_letters_of_a_word_no_list_knows_are_doubted_too(text, expected):
    titles = ("Buy oat milk", "Mow the lawn", "Call Tom", "AA batteries", "Ask Siobhan about the offsite",
              "Clean thee windows")
    known = lambda word: word in KNOWN   # noqa: E731
    assert owned(*read(text), NAMES, titles, known=known) == expected


_PIECES = ["[ ]", "-", "Buy", "cat", "oat", "milk", "Mow", "the", "lawn", "kown", "2h", "p1", "3pm", "4", "5",
           "chapter", "Read", "Cail's", "Gail", "AAbatteries", "tomorrow", "x", "Call", "Tim", "Tom"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8), st.data())
def test_whatever_is_read_the_marker_the_figures_and_the_tails_stay(pieces, data):
    """Any line, any confidences, any titles: no error, the box or bullet stays, and so do the figures, and
    a duration, priority or time after the item."""
    text = " ".join(pieces)
    confidences = data.draw(st.lists(st.floats(0, 1), min_size=len(text), max_size=len(text)))
    titles = tuple(data.draw(st.lists(st.sampled_from(TITLES + ("Call Tom", "Buy oat milk 2h", "Read chapter")),
                                      max_size=4)))
    known = data.draw(st.sampled_from([None, lambda word: word in KNOWN]))
    result = owned(text, confidences, NAMES, titles, known=known)
    figures = [char for char in text if char.isdigit()]
    assert [char for char in result if char.isdigit()] == figures
    assert result.startswith(text[:marker_end(text)])
    tails = [word for word in text.split() if word in ("2h", "p1", "3pm")]
    assert [word for word in result.split() if word in ("2h", "p1", "3pm")] == tails
