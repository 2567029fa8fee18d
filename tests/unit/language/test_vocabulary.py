"""The words a user writes that word lists lack, from their own task titles."""
from __future__ import annotations

from domain.language.vocabulary import OWN_PHRASES, OWN_WORDS, own_phrases, own_words


def test_capitalised_words_inside_titles_are_the_users_words():
    titles = ["Order the cake from Gail's", "walk Biscuit at 6pm", "Email Professor Okafor", "Call Olu",
              "Book flights to Lisbon by Dec 20"]
    assert own_words(titles) == {"Gail", "Biscuit", "Professor", "Okafor", "Olu", "Lisbon", "Dec"}


def test_a_titles_first_word_short_words_and_titles_in_capitals_give_none():
    assert own_words(["Call mum", "Buy milk", "Meet Jo at 5", "Review PR 12", "BUY MILK FOR GAIL", "3 Pay rent"]) == set()
    assert own_words(["buy Zyrtec"]) == {"Zyrtec"}   # a title in lower case: its capitalised word is a name


def test_at_most_so_many_words():
    titles = [f"Call Name{chr(65 + i // 26)}{chr(97 + i % 26)}" for i in range(2 * OWN_WORDS)]
    found = own_words(titles)
    assert len(found) == OWN_WORDS and "NameAa" in found


def test_the_users_titles_are_their_phrases_most_recent_first_once_each():
    titles = ["Buy oat milk", "Mow the lawn", "buy  oat milk", "Pay", "x" * 200, "  Trim the hedge ", "BUY EGGS",
              "12 34", ""]
    assert own_phrases(titles) == ("Buy oat milk", "Mow the lawn", "Trim the hedge", "BUY EGGS")


def test_at_most_so_many_phrases():
    found = own_phrases(f"Call number {i}" for i in range(2 * OWN_PHRASES))
    assert len(found) == OWN_PHRASES and found[0] == "Call number 0"
