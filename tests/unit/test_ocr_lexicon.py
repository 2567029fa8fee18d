"""The OCR lexicon changes only unknown words the recogniser was unsure of, to the one word that stands out."""
from __future__ import annotations

import pytest

from adapters.rapidocr.evidence import close
from adapters.rapidocr.lexicon import FAR_SEEN, SEEN, Lexicon, character_scores


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


def scored(text: str, unsure: str = "") -> list[float]:
    """Scores for ``text``: 0.5 for the characters at the positions marked ``^`` in ``unsure``, else 0.99."""
    return [0.5 if unsure[i:i + 1] == "^" else 0.99 for i in range(len(text))]


@pytest.mark.parametrize("text, unsure, expected", [
    ("lemous", "    ^", "lemons"),
    ("Exchange carrency 45m", "          ^", "Exchange currency 45m"),
    ("Mleet study group", " ^", "Meet study group"),
    ("EXCHANGE CARRENCY", "          ^", "EXCHANGE CURRENCY"),
    ("order priuter ink p3", "         ^", "order printer ink p3"),
])
def test_an_unsure_misspelt_word_is_put_right_with_its_case(lexicon, text, unsure, expected):
    assert lexicon.corrected(text, scored(text, unsure)) == expected


@pytest.mark.parametrize("text, unsure", [
    ("Ask Siobhan about it", ""),              # a name read cleanly: not one letter unsure
    ("Ask Siobhan about it", "    ^"),         # unsure, but no known word one edit away stands out
    ("Ping Kasia re the upgrade", "     ^"),   # "asia" stands out, but a capital inside the line is a name
    ("Buy milk", " ^"),                        # a known word stays, however unsure
    ("Fix the TPS report", "        ^"),       # an acronym on a mixed-case line
    ("p12h zh", " ^   ^"),                     # digits and words under three letters
    ("dish scap", "      ^"),                  # soap, slap, snap, swap ...: none stands out
])
def test_words_are_left_as_read_when_the_rules_say_so(lexicon, text, unsure):
    assert lexicon.corrected(text, scored(text, unsure)) == text


def test_scores_that_do_not_fit_the_text_change_nothing(lexicon):
    assert lexicon.corrected("lemous", [0.5, 0.5]) == "lemous"


def test_character_scores_follow_the_recognisers_characters_and_spaces_put_back():
    chars = [(c, s, None) for c, s in zip("oatmilk", [0.9, 0.9, 0.9, 0.5, 0.9, 0.9, 0.9])]
    assert character_scores("oat milk", chars) == [0.9, 0.9, 0.9, 1.0, 0.5, 0.9, 0.9, 0.9]
    assert character_scores("oat mik", chars) == []     # a letter missing: they disagree
    assert character_scores("oat milks", chars) == []   # one too many


def test_only_a_letter_the_recogniser_was_unsure_of_is_changed(lexicon):
    """"lemoks" is in no word list and "lemons" is one edit away (k and n do not look alike): changed only
    when the "k" itself was the doubtful letter."""
    assert lexicon.corrected("Buy lemoks", scored("Buy lemoks", "    ^")) == "Buy lemoks"
    assert lexicon.corrected("Buy lemoks", scored("Buy lemoks", "        ^")) == "Buy lemons"


def test_a_word_the_web_uses_is_left_however_unsure_the_recogniser_was(lexicon):
    """"offsite" and "Zyrtec" are not in the spelling list but wordfreq's lists know them: a compound, a
    brand, a name are words, not misreadings ("offside" is one edit away)."""
    for text in ("Plan the offsite", "order zyrtec", "ping kasia", "Repot the monstera"):
        assert lexicon.corrected(text, scored(text, "^" * len(text))) == text


@pytest.mark.parametrize("read, word, letters", [
    ("lemous", "lemons", [4]),    # changed
    ("Mleet", "meet", [1]),      # dropped (case aside: the first difference)
    ("mlake", "make", [1]),
    ("ludget", "budget", [0]),
    ("tahinii", "tahini", [6]),  # dropped at the end
    ("bugdet", "budget", [2, 3]),  # two swapped
    ("slids", "slides", [3, 4]),  # added between its neighbours
    ("slide", "slides", [4]),     # added at the end: the last letter
])
def test_the_letters_an_edit_touches(read, word, letters):
    from adapters.rapidocr.lexicon import edited

    assert edited(read.lower(), word) == letters


@pytest.mark.parametrize("text, expected", [
    ("Call thedentistfriday 30m", "Call the dentist friday 30m"),
    ("- Trimthehedge 2h", "- Trim the hedge 2h"),
    ("Tools arein theshed", "Tools are in the shed"),
    ("Mowthe lawn", "Mow the lawn"),
    ("and thehiring plan", "and the hiring plan"),
    ("birthday card forMia", "birthday card for Mia"),
    ("Fixthefencegate", "Fix the fence gate"),
    ("- Buymilktomorrow", "- Buy milk tomorrow"),   # a day is as good a landmark as a small word
    ("4.Sendinvoiceto ACME", "4.Send invoice to ACME"),  # a two-letter one, in a run of three words or more
    ("coffeebeans", "coffee beans"),           # no landmark, but no one writes "coffeebeans"
    ("Fix the kitchentap", "Fix the kitchen tap"),
    ("Renew carinsurance", "Renew car insurance"),   # "ca'insurance" one edit away is no word anyone writes
    ("Email Sarah andthe team", "Email Sarah and the team"),   # two small words: the web's typo is no word
    ("Book a table forthe 4th", "Book a table for the 4th"),
])
def test_words_run_together_around_a_small_word_are_parted(lexicon, text, expected):
    """The recogniser drops spaces in handwriting; an unknown run that is known words around a small word
    ("the", "are", "for") is parted, each piece keeping the case it was read in."""
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Sign Leo's Schoo l trip form", "Sign Leo's School trip form"),
    ("Buy footbal l boot s size 4", "Buy football boots size 4"),
    ("Plan team offsit e 3h", "Plan team offsite 3h"),
    ("Read chapter4", "Read chapter 4"),        # and a number run into the word before it is parted
    ("Paint the skirt ing boards", "Paint the skirting boards"),   # an ending no one writes alone
    ("Paint theskirting boards", "Paint the skirting boards"),     # ... also where a run is parted
    ("Book a meet ing room", "Book a meeting room"),
    ("Send the invita tion", "Send the invitation"),
    ("Cancel the pay ments", "Cancel the payments"),
    ("Call HMRCabout the refund", "Call HMRC about the refund"),   # capitals, then a known word
    ("Ask the NHSabout the letter", "Ask the NHS about the letter"),
    ("Fill i n th e visa form", "Fill in the visa form"),   # letters of a short word spaced apart
    ("Brunch at Mehmet 's", "Brunch at Mehmet's"),          # a space before an apostrophe's s
    ("Watchlecture5", "Watch lecture 5"),       # words run together, then a number
    ("Read chaptertwo4", "Read chapter two 4"),
])
def test_a_letter_cut_off_its_word_by_a_space_goes_back(lexicon, text, expected):
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Watch episode 3of the lecture", "Watch episode 3 of the lecture"),   # a number run into the small word after it
    ("Finish unit 3quiz", "Finish unit 3 quiz"),                           # ... or into a known word
    ("Watch episode③of the lecture", "Watch episode 3 of the lecture"),   # a circled figure read for a figure
    ("Book 2rooms for Friday", "Book 2 rooms for Friday"),
    ("Collect Omar from the station ⑥pm", "Collect Omar from the station 6pm"),
])
def test_a_number_run_into_the_word_after_it_is_parted(lexicon, text, expected):
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text", [
    "Call at 4pm", "Meet on the 3rd", "Run 5km", "Buy 2kg rice", "Stretch 10min", "Plan 2h", "Set up 2FA",
    "Buy 3x batteries", "Book the 1st slot", "③ Pay rent",
    "81Buy candles", "Q1goals",   # a box read as figures before the first word, a code
    "Next sync: Friday 1cam",     # a time misread ("10am"): its last token is weighed again on the evidence
])
def test_a_number_with_its_unit_or_ordinal_stays(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text", [
    "Ask Jo about ing",          # nothing before the ending makes a word with it
    "Pay the ing invoice",
    "Email Ing about the lease",     # a name
    "Check the ment",
    "Ring Bo2",                  # a run no word
    "Print the PDFs", "Check the URLs", "Email MIT admissions", "Fix NASAs",   # capitals, then no known word
    "DRAfted report", "SENDing invites",   # a line's first word in mixed capitals
    "Plan B c", "Buy 2 x 4 planks", "Read the ' s section",   # a letter alone that makes no word with another
    "Buy 4x4 tyres", "Book flight BA2490",
])
def test_endings_and_numbers_that_make_no_word_stay(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text, expected", [
    ("Review 0lu's design doc", "Review Olu's design doc"),
    ("0rder boxes", "Order boxes"),
])
def test_a_nought_read_for_the_o_a_word_starts_with_is_an_o(lexicon, text, expected):
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text", ["Set the mask to 0xff", "Call 020 7946 0018", "Buy 0.5l of milk", "Lift 10lbs",
                                  "Ping the k8s team", "Day 0 of the plan",
                                  "Reset the scale to 0kg", "Set the timer to 0min"])
def test_noughts_in_numbers_stay(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text", ["Email the PI", "Ask Al", "Pay via ACH", "Call me", "Buy a pen", "Plan A or B",
                                  "Call mum x", "Vitamin D", "Plumber comes at g", "Ping the k8s team",
                                  "Buy an mp3 player", "Draft Q3 report", "Ship v2", "Wash covid19 masks"])
def test_a_letter_alone_that_makes_no_word_with_the_one_before_stays(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text", [
    "Plan team offsite",        # a compound the spelling list lacks, but the web uses
    "Update the roadmap",
    "Repot the monstera",       # never a piece of one letter ("monster a")
    "Repat the monstera",       # rep + at: a two-letter word alone does not part
    "Mow the lawon",            # law + on: neither
    "Buy quinoa and tahini",
    "Drive to Andover",         # a capital inside the line: a name
    "Fly to Lisbou",            # a name misread, maybe, but not a day or a month
    "Watch the YouTube talk",
    "PLAN THE OFFSITE",
    "Plan team offsit",         # off + sit: a word one edit away ("offset") says misspelt, not run together
    "Buy teabags",              # a compound the web writes: not parted though "tea" and "bags" are words
    "Fix the doorbell",
])
def test_unknown_words_that_are_no_run_of_known_ones_are_left(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text, expected", [
    ("lemous", "lemons"),                           # n read as u
    ("Make flashcards tonisht", "Make flashcards tonight"),
    ("Email Sarah about the ludget", "Email Sarah about the budget"),
    ("Call the dentist triday", "Call the dentist friday"),
    ("Solve prablem set 7", "Solve problem set 7"),
    ("Plant bulbs betore Nov", "Plant bulbs before Nov"),   # not "be tore": a two-letter word parts only three
    ("Upclate the roadmap", "Update the roadmap"),     # d read as two letters, "cl" or "dl"
    ("Book Pilates Saturdlay", "Book Pilates Saturday"),   # a capital inside the line: only a day or a month
    ("Return library books ly Jan 5", "Return library books by Jan 5"),   # a small word of two letters
    ("Follow up with Dana ou the contract", "Follow up with Dana on the contract"),
    ("Print boardling passes thursdlay", "Print boarding passes thursday"),
])
def test_a_letter_read_as_one_that_looks_like_it_is_put_right_however_sure(lexicon, text, expected):
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text", [
    "Buy quinoa and tahini",   # quinol: a and l do not look alike, and it is rare
    "Plan the offsite",        # offside: t and d do not
    "Update figma mocks",      # sigma: f and s do not
    "Ping kasia re the upgrade",   # asia drops a letter: only when the recogniser was unsure of it
])
def test_a_sure_reading_changes_only_for_a_look_alike_letter(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


@pytest.mark.parametrize("text, expected", [
    ("Backup the photos", "Back up the photos"),
    ("- Setup the new printer", "- Set up the new printer"),
    ("[ ] Pickup my parcel", "[ ] Pick up my parcel"),
    ("Checkout a library book", "Check out a library book"),
    ("TAKEOUT THE BINS", "TAKE OUT THE BINS"),
    ("Login the user", "Log in the user"),   # "log" is a task verb ("Log my hours")
])
def test_a_verb_run_into_its_particle_before_what_it_acts_on_is_parted(lexicon, text, expected):
    """The recogniser drops the space of a to-do item's phrasal verb ("Back up the photos"); before "the",
    "a" or "my" the word is the verb, not the noun ("a backup", "the setup")."""
    assert lexicon.corrected(text, scored(text)) == expected


@pytest.mark.parametrize("text", [
    "Backup drive for the laptop",     # the noun: no determiner after it
    "Setup guide",
    "Buy a backup the size of mine",   # not the line's first word
    "Popup the menu",                  # "pop" is no task verb
    "Within the hour",
])
def test_a_compound_that_is_no_verb_and_particle_before_an_object_stays(lexicon, text):
    assert lexicon.corrected(text, scored(text)) == text


def test_british_spellings_are_words_and_misreads_of_them_are_put_right(lexicon):
    """pyspellchecker's English list spells "color" and "organize"; the British spellings the web writes
    are known too, as frequent as their American words."""
    spell = lexicon._spell()
    for word in ("colour", "favourite", "organise", "summarise", "prioritise", "centre", "defence", "analyse",
                 "travelled", "jewellery", "programme", "color", "organize"):
        assert word in spell, word
    assert 0 < spell["colour"] <= spell["color"]   # as much rarer as the web writes it
    for noise in ("votre", "alexandre", "sence", "pre"):   # no rule makes a word of a name or French
        assert noise not in spell, noise
    assert "summarise" in lexicon.neighbours("sumnarise")
    text = "- Sumnarise chapter 9 1h"
    assert lexicon.corrected(text, scored(text, "     ^")) == "- Summarise chapter 9 1h"


def test_the_words_the_web_uses_one_edit_from_a_word(lexicon):
    """``near``: the words the web uses (``SEEN`` or more: names and compounds the spelling list lacks too)
    one edit from a word, never the word itself."""
    assert "roadmap" in lexicon.near("readmap") and "roadmap" not in lexicon.neighbours("readmap")
    assert {"quinoa", "ibuprofen", "offsite"} <= set(lexicon.near("quinca")) | set(lexicon.near("ibuproten")) | set(
        lexicon.near("ofsite"))
    for word in ("readmap", "monstera", "zzqx"):
        found = lexicon.near(word)
        assert word not in found
        assert all(lexicon.seen(candidate) >= SEEN and close(word, candidate, 1) for candidate in found)
    assert lexicon.near("zzqxv") == ()


def test_the_words_the_web_uses_two_edits_from_a_long_word(lexicon):
    """``far``: the words the web uses (``FAR_SEEN`` or more) two edits from a word of ``FAR_LENGTH`` letters or
    more, none one edit from it (``near`` has those) and never the word itself."""
    assert "membership" in lexicon.far("mewborship") and "summarise" in lexicon.far("surrarise")
    assert "sourdough" in lexicon.far("scurdoush") and "napkins" in lexicon.far("nopkiens")
    for word in ("mewborship", "mehmet", "roadinap", "zzqxvw"):
        found = lexicon.far(word)
        assert word not in found
        assert all(lexicon.seen(c) >= FAR_SEEN and close(word, c, 2) and not close(word, c, 1) for c in found)
    assert "membership" not in lexicon.far("nembership")   # one edit: not far (``near`` has it)
    assert lexicon.far("esss") == () and lexicon.far("Crème") == () and lexicon.far("zzqxvw") == ()


# a WordNet index as Debian's wordnet-base writes it: a licence of lines that start with spaces, then a lemma a line
INDEX = """  1 This software and database is being provided to you, the LICENSEE, by
  2 Princeton University under the following license.
tea_bag n 2 1 @ 2 0 07953504 04406732
smoke_alarm n 1 1 @ 1 0 03350831
hot_water_bottle n 1 1 @ 1 0 03543735
paint_the_town_red v 1 1 @ 1 0 02400000
out_of_the_way a 1 1 & 1 0 00500000
bring_to_a_halt v 1 1 @ 1 0 02400001
a_cappella r 1 1 \\ 1 0 00100000
ox_cart n 1 1 @ 1 0 02858304
coq_au_vin n 1 1 @ 1 0 07863229
bag n 4 3 @ ~ + 4 3 02773037
"""


@pytest.fixture
def wordnet(tmp_path):
    (tmp_path / "index.noun").write_text(INDEX, encoding="latin-1")
    (tmp_path / "index.verb").write_text("pick_up v 16 2 @ ~ 16 12 01216670\n", encoding="latin-1")
    return tmp_path


@pytest.mark.parametrize("first, second", [
    ("tea", "bag"), ("tea", "bags"), ("smoke", "alarms"), ("hot", "water"), ("water", "bottles"),
    ("picked", "up"),   # a pair of two letters: no ("up" is too short to be one)
])
def test_a_compound_wordnet_names_is_a_pair_whatever_its_ending(wordnet, first, second):
    assert Lexicon(wordnet=str(wordnet)).paired(first, second) == (second != "up")


@pytest.mark.parametrize("first, second", [
    ("bags", "tea"),       # the other way round
    ("tea", "bass"),       # one edit from a pair is no pair
    ("the", "town"),       # an idiom's small words ("paint the town red") pair nothing
    ("bring", "halt"),
    ("out", "way"),
    ("coq", "vin"),        # not next to each other
    ("tea", "bagged"),     # a verb's ending on a noun: no stem makes it
])
def test_words_wordnet_does_not_name_together_are_no_pair(wordnet, first, second):
    assert not Lexicon(wordnet=str(wordnet)).paired(first, second)


def test_without_wordnet_no_words_are_a_pair(tmp_path):
    assert not Lexicon(wordnet=str(tmp_path / "missing")).paired("tea", "bags")
    assert not Lexicon(wordnet=None).paired("tea", "bags")


def test_debians_wordnet_names_the_compounds_of_a_shopping_list(lexicon):
    """The default directory is Debian's wordnet-base (``make test`` installs it when missing)."""
    assert all(lexicon.paired(*pair.split()) for pair in
               ("tea bags", "cat food", "olive oil", "bed sheets", "sparkling water", "smoke alarm", "dog food"))
    assert not any(lexicon.paired(*pair.split()) for pair in ("tea bass", "coat food", "the lawn", "buy milk"))
