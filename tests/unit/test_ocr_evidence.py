"""Words weighed again on the recogniser's evidence (adapters/rapidocr/evidence.py): the CTC likelihood
against a brute-force sum over alignments, and which misread words change (and which must not)."""
import itertools
import math

import numpy as np
import pytest

from adapters.rapidocr import evidence as evidence_module
from adapters.rapidocr.evidence import (VERB_BONUS_LEAST, VERB_BONUS_MOST, Alphabet, Budget, Evidence, OwnPhrases,
                                        OwnWords, bracketed, close, numbered, owned, page_verb_bonus, phrased,
                                        rejoined, reweighed, rounded, seconded, tailed)
from adapters.rapidocr.lexicon import Lexicon
from domain.language.imperatives import TASK_VERBS

CHARACTERS = ["blank"] + [chr(c) for c in range(33, 127)] + [" "]
ALPHABET = Alphabet(CHARACTERS)


def columns(text: str, doubts: dict[int, tuple[str, float]] | None = None, sure: float = 0.9,
            characters: list[str] = CHARACTERS) -> np.ndarray:
    """A recogniser's output for ``text`` over its classes ``characters``: two columns a character and a blank
    between; ``doubts`` gives a character (by index) a rival and the rival's share of the column."""
    doubts = doubts or {}
    rows = []
    for index, char in enumerate(text):
        if char == " ":
            rows.append({" ": sure})
            continue
        rival = doubts.get(index)
        row = {char: sure} if rival is None else {char: sure - rival[1], rival[0]: rival[1]}
        rows += [row, row, {"blank": sure}]
    matrix = np.full((len(rows), len(characters)), 0.0)
    for t, row in enumerate(rows):
        rest = (1 - sum(row.values())) / (len(characters) - len(row))
        matrix[t] = rest
        for char, p in row.items():
            matrix[t, characters.index(char)] = p
    return matrix


def test_the_likelihood_sums_every_alignment():
    rng = np.random.default_rng(3)
    characters = ["blank", "a", "b"]
    probabilities = rng.dirichlet(np.ones(3), size=5)
    evidence = Evidence(probabilities, Alphabet(characters))
    for text in ("ab", "aa", "ba", "a", "abb"):
        total = 0.0
        for path in itertools.product(range(3), repeat=5):
            collapsed = [c for i, c in enumerate(path) if c and (i == 0 or path[i - 1] != c)]
            if "".join(characters[c] for c in collapsed) == text:
                total += math.prod(probabilities[t, c] for t, c in enumerate(path))
        assert evidence.likelihood(text) == pytest.approx(math.log(total), rel=1e-9), text


def test_case_and_spaces_are_left_out_and_an_unknown_character_is_none():
    evidence = Evidence(columns("Buy milk"), ALPHABET)
    assert evidence.likelihood("Buymilk") == pytest.approx(evidence.likelihood("Buy milk"))
    assert evidence.likelihood("buy MILK") == pytest.approx(evidence.likelihood("Buy milk"))
    assert evidence.likelihood("Bay milk") < evidence.likelihood("Buy milk") - 5
    assert evidence.likelihood("Buy milk ☕") is None
    assert evidence.likelihood("x" * 100) == -math.inf   # more letters than columns


# a recogniser that knows more than printable ASCII, as PP-OCR's does: bullets, curly quotes, accents, a class of
# two characters
WIDE = CHARACTERS + ["•", "–", "’", "é", "ab"]


def test_a_mark_of_no_printable_ascii_is_weighed_as_any_such_mark():
    evidence = Evidence(columns("• Buy milk", characters=WIDE), Alphabet(WIDE))
    assert evidence.likelihood("• Buy milk") > -3
    assert evidence.likelihood("’ Buy milk") == pytest.approx(evidence.likelihood("• Buy milk"))
    assert evidence.likelihood("☕ Buy milk") == pytest.approx(evidence.likelihood("• Buy milk"))   # none it knows
    assert evidence.likelihood("x Buy milk") < evidence.likelihood("• Buy milk") - 5   # a letter is no such mark
    assert evidence.likelihood("Buy milk") < evidence.likelihood("• Buy milk") - 5   # the mark's columns count
    assert evidence.best_path() == "buymilk"   # the strip's own reading: the mark is no letter


@pytest.fixture(scope="module")
def lexicon():
    return Lexicon()


def weighed(text: str, doubts: dict[int, tuple[str, float]], lexicon: Lexicon) -> str:
    return reweighed(text, Evidence(columns(text, doubts), ALPHABET), lexicon.neighbours, lexicon.seen)


@pytest.mark.parametrize("read, rival, meant", [
    ("Glean the hamster cage", (0, ("C", 0.4)), "Clean the hamster cage"),
    ("Cancel the sym membership", (11, ("g", 0.4)), "Cancel the gym membership"),
    ("- Print bearding passes", (9, ("o", 0.4)), "- Print boarding passes"),
    ("- Buy salron and dill", (9, ("m", 0.4)), "- Buy salmon and dill"),
])
def test_a_word_the_recogniser_doubted_becomes_the_common_word(lexicon, read, rival, meant):
    assert weighed(read, dict([rival]), lexicon) == meant


@pytest.mark.parametrize("read, rival, meant", [
    ("• Glean the hamster cage", (2, ("C", 0.4)), "• Clean the hamster cage"),
    ("– Collect Omar trom the station", (15, ("f", 0.4)), "– Collect Omar from the station"),
    ("Order the cake from Gail’s", (6, ("c", 0.4)), "Order the cake from Gail’s"),   # no word closer: as read
    ("Glean the café", (0, ("C", 0.4)), "Clean the café"),   # an accent inside a word: that word stays
])
def test_a_line_with_a_mark_of_no_printable_ascii_is_weighed_too(lexicon, read, rival, meant):
    evidence = Evidence(columns(read, dict([rival]), characters=WIDE), Alphabet(WIDE))
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen) == meant


@pytest.mark.parametrize("read, rival", [
    ("Glean the hamster cage", (0, ("C", 0.02))),       # the recogniser was sure of its G
    ("Mow the lawn", (0, ("N", 0.25))),                 # "now" is common, but only capped commoner
    ("Email Dane about it", (7, ("o", 0.4))),           # a name inside the line ("Done")
    ("Email Jan about it", (6, ("C", 0.4))),            # capitals inside the line: "Jan", not "Can"
    ("@Glean the cage", (1, ("C", 0.4))),               # a mark glued to the word: maybe a letter of it
    ("[ I Fix Glean", (9, ("C", 0.4))),                 # a capital inside the line, after the box: a name
    ("Review PR Ih", (11, ("n", 0.4))),                 # two letters: a duration the list reader knows
    ("GLEAN THE CAGE", (0, ("C", 0.4))),                # capitals
])
def test_words_left_as_read(lexicon, read, rival):
    assert weighed(read, dict([rival]), lexicon) == read


@pytest.mark.parametrize("read, at", [
    ("[Glean the cage", 1),            # a box missing a side, the word glued to it
    ("[ I Glean the flat", 4),         # a box whose side was read as an "I": no word before "Glean"
    ("xI Glean the hamster cage", 3),  # a ticked box as read
])
def test_a_word_after_a_box_as_ocr_misreads_it_is_weighed_as_the_lines_first(lexicon, read, at):
    meant = read[:at] + "C" + read[at + 1:]
    evidence = Evidence(columns(read, {at: ("C", 0.4)}), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS) == meant


@pytest.mark.parametrize("read, rivals, meant", [
    ("xFreexe the release branch", {5: ("z", 0.3)}, "xFreeze the release branch"),   # a ticked box read as "x"
    ("xmas cards", {}, "xmas cards"),                # a word that starts with an x
    ("Xylophone lessons", {}, "Xylophone lessons"),
])
def test_a_box_read_as_a_letter_glued_to_the_first_word_is_no_part_of_it(lexicon, read, rivals, meant):
    """The box stays what it is (the list reader takes it), and the word after it is weighed as the first."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS) == meant


def test_a_rarer_word_is_never_chosen_however_the_evidence_leans():
    frequency = {"hall": 4.5, "hal": 2.0}

    def weigh(text: str, drawn: str) -> str:
        return reweighed(text, Evidence(columns(drawn), ALPHABET), lambda w: [c for c in frequency if c != w],
                         lambda w: frequency.get(w, 0.0))

    assert weigh("Hang the mirror in the hal", "Hang the mirror in the hall") == "Hang the mirror in the hall"
    # the columns say "hal" plainly, but "hal" is rarer than "hall": the reading stands
    assert weigh("Hang the mirror in the hall", "Hang the mirror in the hal") == "Hang the mirror in the hall"


def weighed_with_rare(text: str, doubts: dict[int, tuple[str, float]], lexicon: Lexicon) -> str:
    return reweighed(text, Evidence(columns(text, doubts), ALPHABET), lexicon.neighbours, lexicon.seen,
                     near=lexicon.near)


@pytest.mark.parametrize("read, rival, meant", [
    ("- Readmap sync with Priya", (3, ("o", 0.4)), "- Roadmap sync with Priya"),   # no spelling list has it
    ("[ ] Buy quinca and tahini", (12, ("o", 0.4)), "[ ] Buy quinoa and tahini"),
    ("ibuproten", (6, ("f", 0.4)), "ibuprofen"),
    ("- MOT due Harch 3", (10, ("m", 0.4)), "- MOT due March 3"),   # capitalised inside, but no one's name
    ("- Top up the washer Pluid", (20, ("f", 0.4)), "- Top up the washer Fluid"),
])
def test_a_word_no_list_knows_becomes_a_rarer_word_the_web_uses(lexicon, read, rival, meant):
    """A word as read that no list knows is likelier misread than a name: it weighs ``UNKNOWN`` less, and
    may become a word one edit away that the web uses rarely ("roadmap", "quinoa": under ``COMMON``)."""
    assert weighed_with_rare(read, dict([rival]), lexicon) == meant


@pytest.mark.parametrize("read, rival", [
    ("Repot the monstera", (17, ("s", 0.02))),           # a rare word read surely ("monsters" one edit away)
    ("Ask about the offsite", (19, ("d", 0.4))),         # the web knows "offsite": no weight taken off it
    ("Ping Kasia re the upgrade", (8, ("h", 0.4))),      # a name inside the line ("Kasha")
    ("- Fix the Grafana dashboard", (10, ("g", 0.4))),   # a rare name with no word near it
    ("- Call Gail about the cake", (7, ("f", 0.4))),      # a name the web uses ("Fail")
    ("Buy quinca and tahini", (8, ("o", 0.01))),         # a "c" the recogniser was sure of
])
def test_a_word_no_list_knows_read_surely_or_a_name_stays(lexicon, read, rival):
    assert weighed_with_rare(read, dict([rival]), lexicon) == read


def test_a_small_word_lines_are_built_with_weighs_all_its_frequency(lexicon):
    """"for" is used a thousand times as often as "tor", and is as common in a to-do list: its prior is not
    capped like a content word's, so a doubt the size of two columns' rival (0.15 against 0.75) tips it."""
    read = "Book the meeting room tor Thursday"
    at = read.index("tor")
    assert weighed(read, {at: ("f", 0.15)}, lexicon) == "Book the meeting room for Thursday"
    assert weighed(read, {at: ("f", 0.01)}, lexicon) == read   # a "t" the recogniser was sure of stays
    assert weighed("Climb the tor", {10: ("f", 0.01)}, lexicon) == "Climb the tor"


def test_each_word_of_a_line_is_weighed_in_turn(lexicon):
    read = "Glean the sym bag"
    assert weighed(read, {0: ("C", 0.4), 10: ("g", 0.4)}, lexicon) == "Clean the gym bag"


@pytest.mark.parametrize("read, rivals, meant", [
    ("[ ] Bay quinoa and tahini", {5: ("u", 0.4)}, "[ ] Buy quinoa and tahini"),   # buy: not ten times commoner
    ("- Beak the meeting room", {3: ("o", 0.4), 4: ("o", 0.4)}, "- Book the meeting room"),   # two edits
    ("Wish the car", {1: ("a", 0.4)}, "Wash the car"),   # wish is the commoner word
    ("- Shill the white wine", {2: ("c", 0.2)}, "- Chill the white wine"),   # verbs of the kitchen, the garden, ...
    ("Rahe the leaves", {2: ("k", 0.2)}, "Rake the leaves"),
    ("Witch energy supplier", {0: ("s", 0.4)}, "Switch energy supplier"),
])
def test_the_first_word_may_become_a_task_verb(lexicon, read, rivals, meant):
    text, evidence = read, Evidence(columns(read, rivals), ALPHABET)
    assert reweighed(text, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS) == meant
    assert reweighed(text, evidence, lexicon.neighbours, lexicon.seen) != meant   # the verb prior did it


@pytest.mark.parametrize("read, rival", [
    ("Cat food", (1, ("u", 0.05))),        # a letter the recogniser was sure of: no verb ("Cut")
    ("Dentist for Ava", (1, ("a", 0.3))),  # no verb near
    ("Buy bay leaves", (5, ("u", 0.4))),   # only the first word: "bay" inside the line stays
])
def test_a_line_that_starts_with_no_verb_keeps_its_words(lexicon, read, rival):
    evidence = Evidence(columns(read, dict([rival])), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS) == read


def test_a_page_of_things_to_do_weighs_a_first_verb_more_than_a_page_of_things():
    todo = ["Saturday", "- Buy milk", "[ ] Book flights", "x] Call Gran", "- Lake flashcards"]
    shopping = ["Groceries:", "eggs", "oat milk", "- bread", "Buy milk"]
    assert page_verb_bonus(todo, TASK_VERBS) == pytest.approx(VERB_BONUS_LEAST + 0.6 * (VERB_BONUS_MOST -
                                                                                         VERB_BONUS_LEAST))
    assert page_verb_bonus(shopping, TASK_VERBS) == pytest.approx(VERB_BONUS_LEAST + 0.2 * (VERB_BONUS_MOST -
                                                                                             VERB_BONUS_LEAST))
    assert page_verb_bonus(["- Buy milk", "Call Gran"], TASK_VERBS) == VERB_BONUS_MOST
    # lines with no word, or a first word of no letter, are not counted; no such line at all: the least
    assert page_verb_bonus(["- 12:30", "", "[ ]", "Call Gran"], TASK_VERBS) == VERB_BONUS_MOST
    assert page_verb_bonus(["", "- 4"], TASK_VERBS) == VERB_BONUS_LEAST


@pytest.mark.parametrize("read, rivals, meant", [
    ("Lake flashcards", {0: ("M", 0.15)}, "Make flashcards"),
    ("Ran the load test", {1: ("u", 0.15)}, "Run the load test"),
    ("Cat milk", {1: ("u", 0.15)}, "Cut milk"),   # in a to-do list; in a shopping list it stays
])
def test_a_first_word_in_some_doubt_becomes_a_verb_on_a_page_of_things_to_do_only(lexicon, read, rivals, meant):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS,
                     verb_bonus=VERB_BONUS_MOST) == meant
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS,
                     verb_bonus=VERB_BONUS_LEAST) == read


def test_back_is_a_verb_at_a_line_start_only_before_up(lexicon, monkeypatch):
    def weighed_back(read: str) -> str:
        evidence = Evidence(columns(read, {1: ("o", 0.25), 2: ("o", 0.25)}), ALPHABET)
        return reweighed(read, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS, verb_bonus=VERB_BONUS_MOST)

    assert weighed_back("Back the meeting room") == "Book the meeting room"
    assert weighed_back("Back up the photos") == "Back up the photos"
    monkeypatch.setattr(evidence_module, "WITH_PARTICLE", {})   # "back" a verb anywhere: both weigh the bonus
    assert weighed_back("Back the meeting room") == "Back the meeting room"


def test_the_weighing_stops_where_its_budget_does(lexicon):
    read = "Glean the sym bag"
    evidence = Evidence(columns(read, {0: ("C", 0.4), 10: ("g", 0.4)}), ALPHABET)
    walked = evidence.log.shape[0]
    everything = Budget()
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, budget=everything) == "Clean the gym bag"
    spent = Budget().left - everything.left
    assert spent > 3 * walked   # the line as read, then each candidate weighed, each walking every column
    for short in (0, walked - 1):   # not even the line as read: nothing weighed
        assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, budget=Budget(short)) == read
    partly = reweighed(read, evidence, lexicon.neighbours, lexicon.seen, budget=Budget(spent - walked))
    assert partly != "Clean the gym bag"   # stopped before the end: what was left stays as read
    looked = Budget(words=1)   # one word looked up: the first, and no other
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, budget=looked) == "Clean the sym bag"


@pytest.mark.parametrize("read, rivals, meant", [
    ("- Trim the hedge zh", {17: ("2", 0.3)}, "- Trim the hedge 2h"),
    ("- Lunch with Grace Ipm", {19: ("1", 0.3)}, "- Lunch with Grace 1pm"),
    ("- Descale the kettle lom", {21: ("1", 0.3), 22: ("0", 0.3)}, "- Descale the kettle 10m"),
    ("[ ] Draft Q3 report p12h", {}, "[ ] Draft Q3 report p1 2h"),   # a space the hand left out
    ("- Submit expenses pe", {19: ("2", 0.3)}, "- Submit expenses p2"),   # two letters, no small word
    ("- Update the roadmap pl", {22: ("1", 0.3)}, "- Update the roadmap p1"),
])
def test_a_last_token_misread_from_a_duration_priority_or_time_is_read_as_one(lexicon, read, rivals, meant):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert tailed(read, evidence, lexicon.seen) == meant


@pytest.mark.parametrize("read, rivals", [
    ("[x] Book the DJ", {13: ("2", 0.05)}),   # capitals: an acronym
    ("- Dentist for Ava", {}),                   # a word (a name the web uses)
    ("- Review Olu's doc", {}),                  # a word
    ("- Send invoice p2", {}),                   # a priority as written
    ("- Check tyre pressure 15M", {}),           # a duration as written (a capital unit)
    ("- Feed the cat zq", {}),                   # no tail near what the recogniser saw
    ("- Ask Ben to call me", {18: ("1", 0.3)}),  # a small word
    ("- Meet Sam at 3", {}),                     # a number as written
])
def test_a_last_token_that_is_a_word_or_already_a_tail_or_far_from_one_stays(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert tailed(read, evidence, lexicon.seen) == read


@pytest.mark.parametrize("read, rivals, meant", [
    ("Call the plumber gam", {17: ("9", 0.05)}, "Call the plumber 9am"),   # a "9" read surely as "g"
    ("Call the plumber Gam", {17: ("9", 0.05)}, "Call the plumber 9am"),
    ("- Stretch lom", {10: ("1", 0.2), 11: ("0", 0.2)}, "- Stretch 10m"),
    ("CALL THE PLUMBER GAM", {17: ("9", 0.05)}, "CALL THE PLUMBER 9AM"),   # a line in capitals: no acronym
])
def test_a_last_token_whose_figures_were_read_as_letters_like_them_is_read_as_the_tail(lexicon, read, rivals, meant):
    """A figure read as the letter it looks like ("9am" as "gam": ``LOOK_ALIKE_FIGURES``) is read surely: such a
    token is read as the tail within ``FIGURE_MARGIN``, more than any other tail's ``TAIL_MARGIN``."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert tailed(read, evidence, lexicon.seen) == meant


@pytest.mark.parametrize("read, rivals", [
    ("Call the plumber kam", {17: ("9", 0.05)}),    # "k" is no figure's look-alike: as far, it stays
    ("[x] Book the DJ", {13: ("2", 0.05)}),         # capitals in a line of lower case: an acronym
    ("CALL THE PLUMBER GAM", {}),                   # the recogniser sure of its letters
])
def test_a_last_token_a_figure_does_not_look_like_stays(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert tailed(read, evidence, lexicon.seen) == read


@pytest.mark.parametrize("drawn, read, rivals, meant", [
    ("- Read chapter 4", "- Read chapter", {15: ("blank", 0.6)}, "- Read chapter 4"),   # a faint 4: a blank won
    ("Watch lecture 5", "Watch lecture", {14: ("blank", 0.7)}, "Watch lecture 5"),
    ("[ ] Solve problem set 7", "[ ] Solve problem set", {22: ("blank", 0.6)}, "[ ] Solve problem set 7"),
])
def test_a_number_the_recogniser_barely_saw_after_a_counted_word_is_read(drawn, read, rivals, meant):
    """A line that ends on a word a number follows ("chapter", "lecture", "set": ``COUNTED``) is read with the
    figure its last columns come within ``TAIL_MARGIN`` of: a faint or small figure the recogniser read as a blank."""
    evidence = Evidence(columns(drawn, rivals), ALPHABET)
    assert numbered(read, evidence) == meant


@pytest.mark.parametrize("read, meant", [
    ("solve problem set 71h", "solve problem set 7 1h"),
    ("- Read chapter 121h", "- Read chapter 12 1h"),
    ("- Read chapter 12h", "- Read chapter 12h"),   # 12 hours: a duration, as written
    ("- Drive 30h", "- Drive 30h"),                 # no word a number follows
    ("- Read chapter 4 1h", "- Read chapter 4 1h"),
])
def test_a_number_run_into_a_duration_after_a_counted_word_is_parted_when_they_make_more_than_a_day(read, meant):
    """The space between "set 7" and "1h" lost: no task takes 71 hours."""
    evidence = Evidence(columns(read), ALPHABET)
    assert numbered(read, evidence) == meant


@pytest.mark.parametrize("drawn, read, rivals", [
    ("- Read chapter", "- Read chapter", {}),                        # no figure drawn
    ("- Read chapter 4", "- Read chapter", {15: ("blank", 0.89)}),   # a figure it gave one chance in ninety
    ("- Buy milk 4", "- Buy milk", {11: ("blank", 0.6)}),            # no word a number follows
    ("- Read chapter 4", "- Read chapter 4", {}),                    # its number read
    ("- Read chapter 4", "- Read chapter 4", {15: ("blank", 0.6)}),
])
def test_a_line_that_ends_on_no_counted_word_or_shows_no_figure_stays(drawn, read, rivals):
    evidence = Evidence(columns(drawn, rivals), ALPHABET)
    assert numbered(read, evidence) == read


@pytest.mark.parametrize("read, rivals, meant", [
    ("Call HMRC about the ref and", {24: ("u", 0.2)}, "Call HMRC about the refund"),
    ("[ ] Claim the travel ref and", {25: ("u", 0.3)}, "[ ] Claim the travel refund"),
    ("- Sort the ward robe", {}, "- Sort the wardrobe"),     # a word read apart, but the line needs no more
])
def test_a_line_ending_on_a_word_that_needs_another_is_read_as_one_word_with_the_word_before(lexicon, read,
                                                                                              rivals, meant):
    """No to-do item ends with "and", "the" or "for": the last two words read as one common word one edit
    from them put together ("ref and": refund), when the recogniser's columns come near enough."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert rejoined(read, evidence, lexicon.neighbours, lexicon.seen) == (
        meant if read.endswith(" and") else read)


@pytest.mark.parametrize("read, rivals", [
    ("Buy salt and", {}), ("Pick up the", {}), ("Ask Jo for", {}), ("Call Dana and", {}),
    ("Email the team and", {}),                     # the item goes on on the next line: nothing near
    ("Call HMRC about the ref and", {24: ("u", 0.01)}),   # the recogniser sure of its "a"
])
def test_a_line_ending_on_such_a_word_with_nothing_near_keeps_its_words(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert rejoined(read, evidence, lexicon.neighbours, lexicon.seen) == read


def test_the_strips_own_reading_of_a_word_is_found_where_the_line_was_read_otherwise():
    evidence = Evidence(columns("Defrag the old laptop"), ALPHABET)
    assert evidence.best_path() == "defragtheoldlaptop"
    assert seconded("Defrag the dd laptop", evidence) == {11: {"old"}}
    assert seconded("Defrag the old laptop", evidence) == {}
    assert seconded("Defrag theold laptop", evidence) == {}   # the same letters: spaces are no evidence


@pytest.mark.parametrize("read, seen_as, meant", [
    ("Defrag the dd laptop", "Defrag the old laptop", "Defrag the old laptop"),   # two letters no small word
    ("- Ship te billing page", "- Ship the billing page", "- Ship the billing page"),
    ("- Recycle the od phones", "- Recycle the old phones", "- Recycle the old phones"),
])
def test_a_word_the_strip_reads_otherwise_may_become_that_reading(lexicon, read, seen_as, meant):
    """The page's crop read the line one way, its own strip another: the strip's word is a candidate."""
    evidence = Evidence(columns(seen_as), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen) == meant


@pytest.mark.parametrize("read, seen_as", [
    ("- Ask Jo to call", "- Ask Jo ta call"),            # a small word stays whatever the strip says
    ("- Email Al re: the dd form", "- Email Al re: the dd form"),   # the strip reads it so too
    ("- Book the hx room", "- Book the hxq room"),        # the strip's reading is no word
    ("- Feed the cat", "- Feed the cattle"),             # nor one edit or two away
])
def test_a_word_the_strip_reads_as_no_word_nearby_or_the_same_stays(lexicon, read, seen_as):
    evidence = Evidence(columns(seen_as), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen) == read


@pytest.mark.parametrize("read, rivals, meant", [
    ("[x] Book the D]", {14: ("j", 0.2)}, "[x] Book the DJ"),
    ("- Pay the gas bil] p1", {17: ("l", 0.3)}, "- Pay the gas bill p1"),
    ("Ca]l the plumber", {2: ("l", 0.3)}, "Call the plumber"),
    ("- Buy a ta|k for the kids", {10: ("l", 0.2)}, "- Buy a talk for the kids"),
    ("- Plant tulip bul6s", {17: ("b", 0.3)}, "- Plant tulip bulbs"),   # a figure between letters
])
def test_a_bracket_or_bar_read_inside_a_word_is_the_letter_it_looks_like(lexicon, read, rivals, meant):
    """A hand's j and l read as "]" or "|": a word with one of them in it becomes the word its columns come
    nearest, when that is a word the web uses and it comes within ``TAIL_MARGIN`` of the line as read."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert bracketed(read, evidence, lexicon.seen) == meant


@pytest.mark.parametrize("read, rivals", [
    ("[x] Book the D]", {}),                       # the recogniser sure of its bracket
    ("[ ] Buy milk", {0: ("l", 0.3)}),              # a box is no word
    ("[] Buy milk", {1: ("j", 0.3)}),
    ("- Read notes [draft]", {19: ("l", 0.3)}),     # a word in brackets
    ("- Check ch. [3]", {}),
    ("- Update wiki|docs", {13: ("l", 0.3)}),       # no word with the letter either
    ("- Email Jo re: Q3]", {17: ("l", 0.3)}),       # figures in it
    ("- Ping the k8s team", {}),                    # a figure the recogniser was sure of
    ("- Upgrade to k8s", {14: ("a", 0.3)}),         # no word the web uses however it leans ("kas")
    ("- Buy mp3 player", {9: ("s", 0.3)}),           # a figure at a word's end
])
def test_a_bracket_that_is_a_box_or_a_bracket_or_makes_no_word_stays(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert bracketed(read, evidence, lexicon.seen) == read


@pytest.mark.parametrize("read, rivals, meant, without", [
    ("Buy tea bass", {10: ("g", 0.4)}, "Buy tea bags", "Buy tea bass"),   # "tea bag": WordNet's
    ("- Coat food", {3: ("blank", 0.45)}, "- Cat food", "- Coat food"),
    ("- Olive cil", {8: ("o", 0.2)}, "- Olive oil", "- Olive coil"),      # of the words near, the one that pairs
])
def test_a_word_that_makes_a_compound_with_its_neighbour_weighs_more(lexicon, read, rivals, meant, without):
    """A word one edit away that makes with the word before or after it a compound WordNet names ("tea bag")
    weighs ``PAIRED`` more: the columns barely part "bass" and "bags", the compound does."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, near=lexicon.near,
                     paired=lexicon.paired) == meant
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, near=lexicon.near) == without


@pytest.mark.parametrize("read, rivals", [
    ("Pay the water bill", {15: ("p", 0.3)}),   # "water pill" is WordNet's, but the "b" was read surely enough
    ("Buy tea bags", {10: ("s", 0.4)}),          # the word as read makes the compound: it stays
    ("Mow the lawn", {8: ("t", 0.4)}),           # "the" makes no compound ("on the town")
])
def test_a_compound_does_not_outweigh_what_the_recogniser_saw(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen, near=lexicon.near,
                     paired=lexicon.paired) == read


@pytest.mark.parametrize("read, rivals, meant", [
    ("@very the phone contract", {0: ("Q", 0.3), 1: ("u", 0.4)}, "Query the phone contract"),
    ("- @uarterly review", {2: ("q", 0.3)}, "- Quarterly review"),
    ("B. @uarterly Review on Mar 28", {3: ("Q", 0.2)}, "B. Quarterly Review on Mar 28"),
    ("Pack the @ven dish", {9: ("o", 0.3)}, "Pack the oven dish"),    # inside the line: lower case
    ("- @RDER PIZZA", {2: ("O", 0.3)}, "- ORDER PIZZA"),
])
def test_a_round_letter_read_as_an_at_sign_is_the_letter_that_makes_a_word(lexicon, read, rivals, meant):
    """A hand's Q, O or a read as "@" at a word's start: the word the web uses that one of them makes there (or
    one an edit further, the letter still first: "qvery" is no word, "query" is), when its columns come within
    ``ROUND_MARGIN`` of the line as read; else the "@" is a label the user wrote and stays."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert rounded(read, evidence, lexicon.neighbours, lexicon.seen) == meant


@pytest.mark.parametrize("read, rivals", [
    ("Pack for @home", {}),                        # a label: no round letter makes a word of it
    ("Ask @tom about the rota", {}),               # "atom" is a word, but the recogniser was sure of its "@"
    ("Email Professor @kafor", {16: ("O", 0.3)}),   # "Okafor": a name the web hardly uses
    ("Write to sam@acme.com", {12: ("a", 0.3)}),    # an address
    ("Call @ 3pm", {5: ("a", 0.3)}),               # an "@" alone
])
def test_an_at_sign_that_makes_no_word_or_that_the_recogniser_was_sure_of_stays(lexicon, read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert rounded(read, evidence, lexicon.neighbours, lexicon.seen) == read


def test_any_line_under_any_columns_comes_back_and_an_unknown_character_leaves_it_as_read(lexicon):
    rng = np.random.default_rng(7)
    pieces = ["Buy", "milk", "Glean", "the", "sym", "zh", "Ipm", "p12h", "-", "[ ]", "@pdate", "ACME", "Jan", "x",
              "3:30pm", "naïve", "☐", "Ava's", "", "  "]
    for _ in range(200):
        text = " ".join(rng.choice(pieces, size=rng.integers(0, 8)))
        probabilities = rng.dirichlet(np.full(len(CHARACTERS), 0.1), size=int(rng.integers(1, 60)))
        evidence = Evidence(probabilities, ALPHABET)
        weighed = tailed(reweighed(text, evidence, lexicon.neighbours, lexicon.seen, TASK_VERBS), evidence,
                         lexicon.seen)
        assert isinstance(weighed, str)
        if evidence.likelihood(text) is None:   # "naïve", "☐": not in the recogniser's alphabet here
            assert weighed == text


OWN = {"gail": "Gail", "luna": "Luna", "biscuit": "Biscuit", "olu": "Olu"}


@pytest.mark.parametrize("read, rival, meant", [
    ("Order the cake from Cail's", {20: ("G", 0.3)}, "Order the cake from Gail's"),   # a name's "'s" aside
    ("Book Lana's jab", {6: ("u", 0.4)}, "Book Luna's jab"),
    ("- Walk Biscait at 6pm", {11: ("u", 0.3)}, "- Walk Biscuit at 6pm"),
    ("REVIEW OUL'S DOC", {8: ("L", 0.3), 9: ("U", 0.3)}, "REVIEW OLU'S DOC"),   # two letters swapped; in capitals
])
def test_a_word_one_edit_from_a_name_the_user_writes_becomes_it(lexicon, read, rival, meant):
    evidence = Evidence(columns(read, rival), ALPHABET)
    assert owned(read, evidence, OwnWords(OWN), lexicon.seen) == meant
    assert owned(read, evidence, OwnWords({}), lexicon.seen) == read   # without the user's words, as read


@pytest.mark.parametrize("read, rival", [
    ("Order the cake from Cail's", (20, ("G", 0.001))),   # a letter the recogniser was sure of
    ("Buy a new bag", (10, ("o", 0.3))),                 # a common word read as written: "bag" is no "Bog"
    ("Book Luna's jab", (6, ("a", 0.4))),                # the user's word itself
    ("Ask Al about it", (4, ("O", 0.4))),                # two letters: no name is weighed
])
def test_a_word_the_user_does_not_write_or_the_recogniser_was_sure_of_stays(lexicon, read, rival):
    evidence = Evidence(columns(read, dict([rival])), ALPHABET)
    assert owned(read, evidence, OwnWords(OWN | {"bog": "Bog", "ola": "Ola"}), lexicon.seen) == read


def test_the_users_words_one_edit_away_are_found_by_index_as_by_comparing_each():
    """``OwnWords.near`` (what is left with a letter dropped, shared) finds what comparing the word with each of
    the user's words finds: changed, added, dropped and swapped letters."""
    import random

    rng = random.Random(5)
    words = {"".join(rng.choice("abcdeo") for _ in range(rng.randint(3, 7))) for _ in range(400)}
    own = OwnWords({word: word.title() for word in words})
    for _ in range(400):
        read = "".join(rng.choice("abcdeo") for _ in range(rng.randint(3, 7)))
        assert own.near(read) == sorted(w for w in words if w != read and close(read, w, 1)), read
    assert own.near("oul") == [] and OwnWords({"olu": "Olu"}).near("oul") == ["olu"]


PHRASES = OwnPhrases(("Buy oat milk", "Mow the lawn", "Call Tom", "Review pull requests", "Solve problem set 7",
                      "Summarise chapter 9"))


@pytest.mark.parametrize("read, rivals, meant", [
    ("- Buy cat milk", {6: ("o", 0.3)}, "- Buy oat milk"),
    ("[ ] Mow the loan 2h", {13: ("a", 0.3), 14: ("w", 0.3)}, "[ ] Mow the lawn 2h"),   # two letters, a tail kept
    ("- buy cat milk", {6: ("o", 0.3)}, "- Buy oat milk"),     # as the user writes it
    ("MOW THE LOAN", {9: ("A", 0.3), 10: ("W", 0.3)}, "MOW THE LAWN"),   # a list written in capitals
    ("Call Tim", {6: ("o", 0.3)}, "Call Tom"),
    ("1. Review pull reqvests1h", {18: ("u", 0.3)}, "1. Review pull requests 1h"),   # a tail run into the item
])
def test_a_line_near_one_of_the_users_own_titles_becomes_it(read, rivals, meant):
    """An item the owner has typed before ("Buy oat milk") is read as they wrote it when the recogniser's
    columns come within ``PHRASE_MARGIN`` of it: a real word read for another ("cat") no word list tells."""
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert phrased(read, evidence, PHRASES) == meant


@pytest.mark.parametrize("read, rivals", [
    ("- Buy cat milk", {6: ("o", 0.001)}),     # a "c" the recogniser was sure of
    ("- Buy cat food", {6: ("o", 0.3)}),       # far from every title of the user's
    ("- Buy oat milk", {}),                    # one of them already
    ("Call Tim about it", {6: ("o", 0.001)}),
    ("Buy oat", {6: ("o", 0.3)}),              # a title's words in part only
    ("Solve problem set 71h", {}),             # "71h" may be "7 1h": figures neither come nor go
    ("Summarise chapters 1h", {}),             # "1h" is no figure of the title's "chapter 9"
])
def test_a_line_the_evidence_or_the_users_titles_do_not_bring_near_stays(read, rivals):
    evidence = Evidence(columns(read, rivals), ALPHABET)
    assert phrased(read, evidence, PHRASES) == read
    assert phrased(read, evidence, OwnPhrases(())) == read


def test_the_users_titles_are_weighed_within_the_budget():
    read = "- Buy cat milk"
    evidence = Evidence(columns(read, {6: ("o", 0.3)}), ALPHABET)
    assert phrased(read, evidence, PHRASES, Budget(columns=evidence.log.shape[0])) == read   # one likelihood only
    assert phrased(read, evidence, PHRASES, Budget(cells=100)) == read   # "buy cat milk" against a title: 144 pairs
    assert phrased(read, evidence, PHRASES, Budget()) == "- Buy oat milk"


def test_a_line_of_known_words_needs_its_title_to_come_nearer():
    """"Buy flour" read with its "l" a little in doubt, and "Buy four" among the owner's titles: another task a
    letter away. Every word of the line is one a word list knows, so the title must come within
    ``PHRASE_KNOWN_MARGIN`` (it is ~5.7 nats off); a line with a word no list knows is taken as before."""
    twins = OwnPhrases(("Buy four", "Buy oat milk"))
    known = {"buy", "flour", "four", "cat", "oat", "milk"}.__contains__
    read = "- Buy flour"
    evidence = Evidence(columns(read, {7: ("blank", 0.05)}), ALPHABET)
    assert phrased(read, evidence, twins, known=known) == read
    assert phrased(read, evidence, twins) == "- Buy four"   # no word list: within ``PHRASE_MARGIN``
    assert phrased(read, evidence, twins, known=lambda word: word != "flour") == "- Buy four"
    # a real word read for another that the evidence doubts ("cat": its "o" 0.3) still becomes the title
    read = "- Buy cat milk"
    assert phrased(read, Evidence(columns(read, {6: ("o", 0.3)}), ALPHABET), twins, known=known) == "- Buy oat milk"


def weighed_with_far(text: str, doubts: dict[int, tuple[str, float]], lexicon: Lexicon, budget=None) -> str:
    return reweighed(text, Evidence(columns(text, doubts), ALPHABET), lexicon.neighbours, lexicon.seen,
                     budget=budget, near=lexicon.near, far=lexicon.far)


def _doubted(text: str, word: str, rivals: dict[int, str]) -> dict[int, tuple[str, float]]:
    """The recogniser's doubts over letters of ``word`` in ``text`` (offset in the word -> the letter meant)."""
    at = text.index(word)
    return {at + offset: (letter, 0.4) for offset, letter in rivals.items()}


@pytest.mark.parametrize("read, word, rivals, meant", [
    ("- Cancel the gym mewborship", "mewborship", {2: "m", 4: "e"}, "- Cancel the gym membership"),
    ("Surrarise chapter 9", "Surrarise", {2: "m", 3: "m"}, "Summarise chapter 9"),
    ("[ ] scurdoush loaf", "scurdoush", {1: "o", 7: "g"}, "[ ] sourdough loaf"),
])
def test_a_long_word_no_list_knows_may_become_a_word_two_edits_away(lexicon, read, word, rivals, meant):
    """A hand's "m" read as "w" or "rr", and a second letter wrong too: a word of ``FAR_LENGTH`` letters or more
    that no list knows may become one the web uses two edits from it (``Lexicon.far``), when the recogniser
    doubted both letters."""
    assert weighed_with_far(read, _doubted(read, word, rivals), lexicon) == meant


@pytest.mark.parametrize("read, word, rivals", [
    ("- Cancel the gym mewborship", "mewborship", {2: "m"}),   # only one of the two letters in doubt
    ("Surrarise chapter 9", "Surrarise", {}),                   # read surely
    ("Brunch at Mehmet's", "Mehmet", {}),                       # a name ("helmet" is two edits away)
    ("Repot the renstera", "renstera", {0: "m"}),               # the word meant is too rare ("monstera")
])
def test_a_word_two_edits_from_another_stays_unless_the_recogniser_doubted_both(lexicon, read, word, rivals):
    assert weighed_with_far(read, _doubted(read, word, rivals), lexicon) == read


def test_words_two_edits_away_are_looked_up_for_so_many_words_an_image():
    lexicon, asked = Lexicon(), []

    def far(word: str) -> tuple[str, ...]:
        asked.append(word)
        return lexicon.far(word)

    budget = Budget(distant=1)
    text = "Surrarise the mewborship"
    doubts = {**_doubted(text, "Surrarise", {2: "m", 3: "m"}), **_doubted(text, "mewborship", {2: "m", 4: "e"})}
    found = reweighed(text, Evidence(columns(text, doubts), ALPHABET), lexicon.neighbours, lexicon.seen,
                      budget=budget, near=lexicon.near, far=far)
    assert found == "Summarise the mewborship" and asked == ["surrarise"]


@pytest.mark.parametrize("read, seen_as, doubts, meant", [
    # the strip reads "parge", no word: "page" is one edit from it, two from "purge", and its columns like it best
    ("- Ship the billing purge", "- Ship the billing parge", {"r": ("blank", 0.45)}, "- Ship the billing page"),
    # "lawn" is rarer than "loan", but the strip's "lown" is one edit from it and its columns say "lawn" plainly
    ("- Mow the loan", "- Mow the lown", {"o": ("a", 0.45)}, "- Mow the lawn"),
])
def test_a_word_one_edit_from_the_strips_own_reading_may_take_the_place_of_the_word_as_read(
        lexicon, read, seen_as, doubts, meant):
    at = {seen_as.rindex(letter): rival for letter, rival in doubts.items()}
    evidence = Evidence(columns(seen_as, at), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen) == meant


@pytest.mark.parametrize("read, seen_as", [
    ("Hang the mirror in the hall", "Hang the mirror in the hal"),   # "has", "hat": the columns say "l"
    ("- Mow the loan", "- Mow the loan"),                              # the strip reads it so too
])
def test_a_word_near_the_strips_reading_the_columns_do_not_like_better_stays_out(lexicon, read, seen_as):
    evidence = Evidence(columns(seen_as), ALPHABET)
    assert reweighed(read, evidence, lexicon.neighbours, lexicon.seen) == read


def test_the_strips_readings_looked_up_count_against_the_images_words(lexicon):
    """Each reading of the strip whose neighbours are looked up is a word looked up (``Budget.words``)."""
    evidence = Evidence(columns("- parge", {4: ("blank", 0.4)}), ALPHABET)   # its "r" may be nothing
    assert reweighed("- purge", evidence, lexicon.neighbours, lexicon.seen) == "- page"
    budget = Budget(words=1)   # the word as read, and no more: its strip's reading is not looked up
    assert reweighed("- purge", evidence, lexicon.neighbours, lexicon.seen, budget=budget) == "- purge"
