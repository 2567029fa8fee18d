"""Words the recogniser misread, put right from English word lists.

PP-OCR reads handwriting letter by letter with no notion of words: "lemous", "carrency", "Mleet". A word is
changed only when all of these hold: it is not in the word list (pyspellchecker's English frequencies, in
its wheel), nor a word the web uses (wordfreq's lists, in its wheel: at least ``SEEN`` on its Zipf
scale, which names, brands and compounds the spelling list lacks reach: "Siobhan", "Zyrtec", "roadmap");
it is letters only, three or more of them, not an acronym, and capitalised inside the line (a name: "Ping
Kasia" is not "Ping Asia") only when it becomes a day or a month ("Saturdlay"), on a line not written in
capitals; the edit that makes it a known word is one of
- a letter changed, added, dropped or two swapped, where the recogniser was unsure of the letter (a
  character score under ``UNSURE``: for a letter added, one of its two neighbours);
- whatever the scores (handwriting is misread surely), one letter changed for one a hand's strokes make
  look alike (``LOOK_ALIKE``: u and n, a and o, s and g, b and l, t and f ...: "lemous", "tonisht",
  "ludget"), or two letters that are one split ("cl" or "dl" for d: "upclate", ``SPLIT_LETTERS``), to a
  word at least ``LOOK_ALIKE_FREQUENCY`` frequent;
so a word read cleanly ("Zyrtec", "offsite") is left as read however rare, unless a look-alike makes it a
common word ("carrency"); and exactly one replacement stands out: the most frequent is taken only when it
is at least ``MARGIN`` times as frequent as the next. The case of the word as read is kept (Title, UPPER
or lower). A two-letter word in lower case that the spelling list lacks becomes the one small word a
look-alike letter away ("ly": by, "ou": on).

A nought read for the O a word starts with becomes an O ("0lu's", "0rder"; "0xff", "0.5l" stay).

Spaces misplaced: a lower-case letter alone after a word of three letters or more goes back on it when
the two make a word ("Schoo l", "boot s": the gaps in the ink put a space there); a number run into a
known word is parted from it ("chapter4"); and words the recogniser ran together ("thedentistfriday",
"Toolsare", "forMia": it drops spaces in handwriting) are parted before any edit, under the same rules,
when the word has five letters or more and is a run of known words, each used at least ``PIECE_SEEN`` on
the web and of three letters or more, with a landmark among them: a small word ("the", "are", "for"), a
day ("tomorrow", "friday"), or a two-letter one ("to") in a run of three words or more. Two small words
run together are parted though the web writes them so often that they count as seen ("andthe",
"forthe"). A word that no one on the web writes at all ("coffeebeans", "kitchentap") is parted without a
landmark when no edit puts it right and no word one edit away says it is a misspelling ("offsit":
offset; an edit with a mark in it, "ca'insurance", is none), so "Payrent" stays
(payment, parent). A line's first word that is a task verb run into its particle before a determiner is
the phrasal verb ("Backup the photos": "Back up the photos"; "Backup drive" stays). pyspellchecker's
English list spells "color" and "organize" only: the British spellings the web writes ("colour",
"summarise", "centre", "defence", "jewellery") are added to it (``british``), so a misread one is put right
as an American one is ("Sumnarise").

Which words go together is WordNet's (Debian's wordnet-base, ``WORDNET``): the compounds it names as one thing
("tea bag", "cat food", "olive oil", "smoke alarm"; ``paired``), for the evidence's weighing to prefer, of two
words the recogniser barely parts, the one that makes a compound with its neighbour ("tea bass": bags). Without
that directory there are none, and everything else is as before.
"""
from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

from domain.language.imperatives import TASK_VERBS
from domain.language.lists import marker_end

UNSURE = 0.9   # a letter scored under this by the recogniser may be wrong
MARGIN = 3.0   # the chosen word is at least this many times as frequent as the next candidate
MIN_LENGTH = 3
WORD = re.compile(r"(?<![\w'])[A-Za-z]+(?![\w'])")
LETTERS = re.compile(r"[A-Za-z]{3,}")   # a run of three letters or more: a word that may be unknown
RUN_INTO = re.compile(r"(?<![\w'])([A-Za-z]{4,})(\d{1,3})(?![\w'])")   # a word of four letters or more, a number
# a number, then a word run into it ("3of", "3quiz"), and what a number is written with that is no such word
NUMBER_INTO = re.compile(r"(?<![\d'])(\d{1,3})([A-Za-z]{2,})(?![\w'])")
UNITS = frozenset("""st nd rd th am pm h hr hrs m min mins s sec secs d wk wks mo yr yrs kg g mg lb lbs oz km m mm cm ft
    in ml l mb gb kb tb k x p pt pts mph kph kw kwh v w""".split())
UNIT_ENDINGS = tuple(unit for unit in sorted(UNITS) if len(unit) > 1)   # "1cam": a misread "10am", no word
A_WORD = re.compile(r"[A-Za-z]{2,}")
CIRCLED = re.compile(r"(?<=\S)(\s*)[\u2460-\u2473]")   # a circled figure inside a line ("episode③"): the figure
# a nought for the O a word starts with ("0lu's", "0rder"), not a nought with its unit ("0kg", "0min")
NOUGHT = re.compile(r"(?<![\w.])0(?=[a-wyz][a-z])(?!(?:am|pm|km|kg|mg|mm|cm|ml|min|hrs?|mph|kb|mb|gb)\b)")
CUT_OFF = re.compile(r"(?<![\w'])([A-Za-z]{3,}) ([b-z])(?![\w'])")   # a word, a space, a lower-case letter alone
SHORT_CUT = re.compile(r"(?<![\w'])([A-Za-z]{1,2}) ([b-z])(?![\w'])")   # ... after one or two: a small word ("th e")
APOSTROPHE = re.compile(r"(?<=[A-Za-z]) (?=['’][sS](?![\w']))")   # a space before an apostrophe's s: "Mehmet 's"
# capitals (an acronym), then a word in lower case run into them ("HMRCabout")
CAPITALS_INTO = re.compile(r"(?<=\w )([A-Z]{3,})([a-z]{3,})(?![\w'])")   # (not a line's first word: "SENd")
# a word, a space, an ending no one writes alone ("skirt ing", "pay ments")
ENDING = re.compile(r"(?<![\w'])([A-Za-z]{2,}) (ings?|tions?|sions?|ments?|ness)(?![\w'])")
# letters handwriting OCR takes one for the other ("lemous", "tonisht", "ludget", "triday"): a change between
# them is made whatever the recogniser's scores, to a word at least LOOK_ALIKE_FREQUENCY frequent
LOOK_ALIKE = frozenset(frozenset(pair) for pair in "nu nm nw nr ao au ae oe oc ce sg gq bl bh lt li tf fp fl".split())
LOOK_ALIKE_FREQUENCY = 500
SPLIT_LETTERS = (("cl", "d"), ("dl", "d"), ("rn", "m"), ("ii", "u"), ("vv", "w"))   # and letters read as two
SPLIT_LENGTH = 5          # a word run together is at least this long ...
PIECE_SEEN = 3.0          # ... and each piece used at least this often on the web (Zipf: once in a million words)
PIECE_COST = 2.0          # each piece costs as much as a word 100 times rarer: the fewest pieces first
# British spellings from American ones: (rule, replacement, how often the web must write the result, Zipf); -er
# to -re and -ense to -ence only for the stems British English spells so ("centre", "litre", "defence": not
# "alexandre", "votre", "sence")
BRITISH = ((re.compile(r"iz(e|es|ed|ing|ation|ations|er|ers)$"), r"is\1", 2.0),
           (re.compile(r"yz(e|es|ed|ing)$"), r"ys\1", 2.0),
           (re.compile(r"or(s|ed|ing|ite|ites|able|ful|less|ly)?$"), r"our\1", 2.0),
           (re.compile(r"(cent|theat|met|lit|fib|calib|spect|meag|somb|lust|sab|mit|scept)er(s|ed)?$"), r"\1re\2", 2.5),
           (re.compile(r"(def|off|pret)ense(s)?$"), r"\1ence\2", 2.0),
           (re.compile(r"og(s)?$"), r"ogue\1", 2.0),
           (re.compile(r"(el|ial)(ed|ing|er|ers)$"), r"\1l\2", 2.0))
BRITISH_ENDINGS = tuple({f"iz{e}" for e in "e es ed ing ation ations er ers".split()} |
                        {f"yz{e}" for e in "e es ed ing".split()} |
                        {f"or{e}" for e in ["", *"s ed ing ite ites able ful less ly".split()]} |
                        {"er", "ers", "ered", "ense", "enses", "og", "ogs"} |
                        {f"{a}{e}" for a in ("el", "ial") for e in "ed ing er ers".split()})
IRREGULAR = {"jewelry": "jewellery", "program": "programme", "aluminum": "aluminium", "pajamas": "pyjamas",
             "mold": "mould", "cozy": "cosy", "skeptical": "sceptical"}
# a verb run into its particle, then a determiner: "Backup the photos", "Pickup my parcel"
PHRASAL = re.compile(r"([A-Za-z]{2,}?)(up|out|off|in|on|down|over|away|back)(?= (?:the|a|an|my|your|our|their|his|"
                     r"her|all|some|this|that|these|those)\b)", re.IGNORECASE)
SMALL = frozenset("the and for are with from into onto our your their this that was were has have not but".split())
# a day is as good a landmark as a small word ("Buymilktomorrow"): a task names one often
DAYS = frozenset("today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday weekend".split())
CAPITALISED = DAYS - {"today", "tomorrow", "tonight", "weekend"} | frozenset(
    "january february march april may june july august september october november december".split())
SMALL_SHORT = frozenset("to at of on in by up my an or is it me we us do go be so no".split())
# a word the web uses this often (wordfreq's Zipf scale: 1.8 is about once in 60 million words) is a word,
# though the spelling list lacks it: a name, a brand, a compound ("Siobhan", "Zyrtec", "roadmap")
SEEN = 1.8
# a word as read that the web hardly uses, of so many letters or more, may be one two edits away that it uses
# this often (Zipf: once in 100 million words): "mewborship", "surrarise" (a hand's "m" read as "w" or "rr")
FAR_LENGTH = 6
FAR_SEEN = 2.0
CACHED = 20_000   # words whose frequency (and, apart, whose neighbours) a lexicon keeps at most
# WordNet's database (Debian's wordnet-base): the compounds it names ("tea bag", "cat food", "smoke alarm") are
# ``Lexicon.paired``'s; those of two or three words of three letters or more, none of them a small word an idiom is
# built with (``UNPAIRED``: "paint the town red" pairs nothing)
WORDNET = "/usr/share/wordnet"
UNPAIRED = SMALL | frozenset("you out off over under its his her one".split())
# a word's endings taken off (and what goes back) to find the stem WordNet lists it under: "bags", "boxes",
# "berries", "picked", "baking"
STEMS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


class Lexicon:
    """English words and their frequencies, loaded on first use (about a second, ~60 MB)."""

    def __init__(self, language: str = "en", wordnet: str | None = WORDNET) -> None:
        """``wordnet``: WordNet's database directory, whose compounds ``paired`` knows (English only; none when
        it is None or missing)."""
        self.language, self.wordnet = language, wordnet
        self._checker = None
        self._compounds: frozenset[str] | None = None   # ``paired``'s, read on first use
        self._far: tuple | None = None   # the words ``far`` looks among, their lengths and letters counted
        self._lock = threading.Lock()
        # both asked again and again for the same words (each page's, each word's neighbours): kept, bounded
        self.seen = functools.lru_cache(maxsize=CACHED)(self._seen)
        self.neighbours = functools.lru_cache(maxsize=CACHED)(self._neighbours)
        self.near = functools.lru_cache(maxsize=CACHED)(self._near)
        self.far = functools.lru_cache(maxsize=CACHED)(self._far_from)

    def _seen(self, word: str) -> float:
        """How often the web uses ``word`` (wordfreq's Zipf scale, 0 for never; its lists ship in its wheel)."""
        from wordfreq import zipf_frequency

        return zipf_frequency(word, self.language)

    def _spell(self):
        with self._lock:
            if self._checker is None:
                from spellchecker import SpellChecker

                checker = SpellChecker(language=self.language, distance=1)
                if self.language == "en":   # its list spells "color" and "organize" only
                    from wordfreq import get_frequency_dict

                    checker.word_frequency.load_json(british(checker.word_frequency.dictionary,
                                                             get_frequency_dict(self.language)))
                self._checker = checker
            return self._checker

    def _neighbours(self, word: str) -> tuple[str, ...]:
        """The words of the spelling list one edit from ``word`` (lower case): a letter changed, added,
        dropped, or two swapped."""
        spell = self._spell()
        return tuple(sorted(candidate for candidate in spell.edit_distance_1(word)
                            if candidate in spell and candidate != word))

    def _near(self, word: str) -> tuple[str, ...]:
        """The words the web uses (at least ``SEEN``: names and compounds the spelling list lacks too,
        "roadmap", "quinoa") one edit from ``word`` (lower case)."""
        from wordfreq import get_frequency_dict

        frequency, least = get_frequency_dict(self.language), 10 ** (SEEN - 9)   # Zipf is log10 per 10^9 words
        return tuple(sorted(candidate for candidate in self._spell().edit_distance_1(word)
                            if candidate != word and frequency.get(candidate, 0.0) >= least))

    def _far_from(self, word: str) -> tuple[str, ...]:
        """The words the web uses (at least ``FAR_SEEN``) two edits from ``word`` (lower case, ``FAR_LENGTH``
        letters or more; none for a shorter one), none of them one edit from it: each is among the words of
        about its length whose letters, counted, differ from its in four or fewer (about 10 ms a word)."""
        import numpy as np

        if len(word) < FAR_LENGTH or not (word.isascii() and word.isalpha() and word.islower()):
            return ()
        words, lengths, counts = self._far_index()
        near = (np.abs(lengths - len(word)) <= 2) & (np.abs(counts - _letters(word)).sum(axis=1) <= 4)
        return tuple(candidate for candidate in words[near]
                     if candidate != word and close(word, candidate, 2) and not close(word, candidate, 1))

    def _far_index(self):
        """The words ``far`` looks among (lower-case letters, used at least ``FAR_SEEN``: ~90,000), their lengths
        and their letters counted (built on first use: about half a second, 5 MB)."""
        import numpy as np
        from wordfreq import get_frequency_dict

        with self._lock:
            if self._far is None:
                least = 10 ** (FAR_SEEN - 9)
                words = sorted(word for word, share in get_frequency_dict(self.language).items()
                               if share >= least and word.isascii() and word.isalpha() and word.islower())
                counts = np.asarray([_letters(word) for word in words], np.int16)
                self._far = (np.asarray(words, dtype=object), np.asarray([len(w) for w in words]), counts)
            return self._far

    def paired(self, first: str, second: str) -> bool:
        """``first second`` (lower case: "tea bags", "bed sheets") is a compound WordNet names as one thing, each
        word as written or taken back to its stem (``STEMS``); never without WordNet."""
        compounds = self._compounds_read()
        return bool(compounds) and any(f"{a} {b}" in compounds for a in stems(first) for b in stems(second))

    def _compounds_read(self) -> frozenset[str]:
        """The pairs of words next to each other in WordNet's compounds of two or three words ("tea bag", "hot
        water", "water bottle"), read from its index of each part of speech on first use (~55,000: 0.1 s, 5 MB)."""
        if self._compounds is not None:   # asked for each candidate word: no lock once read
            return self._compounds
        with self._lock:
            if self._compounds is None:
                found: set[str] = set()
                for part in ("noun", "verb", "adj", "adv"):
                    path = Path(self.wordnet or "", f"index.{part}")
                    if self.language != "en" or not self.wordnet or not path.is_file():
                        continue
                    with path.open(encoding="latin-1") as index:
                        for line in index:
                            words = line.split(" ", 1)[0].split("_")   # the licence's lines start with spaces
                            if 2 <= len(words) <= 3 and all(len(w) >= MIN_LENGTH and w.isalpha() and w.isascii()
                                                            and w not in UNPAIRED for w in words):
                                found.update(f"{a} {b}" for a, b in zip(words, words[1:]))
                self._compounds = frozenset(found)
            return self._compounds

    def unknown(self, text: str) -> int:
        """How many words of three letters or more in ``text`` are neither in the word list nor used on the web
        (a name the web does not know counts too: it is the same in every reading of a line)."""
        spell = self._spell()
        return sum(1 for word in LETTERS.findall(text)
                   if word.lower() not in spell and self.seen(word.lower()) < SEEN)

    def corrected(self, text: str, scores: list[float]) -> str:
        """``text`` with its unsure unknown words replaced; ``scores`` has one score per character of
        ``text`` (1.0 for a character the recogniser did not give, such as a space put back)."""
        if len(scores) != len(text):
            return text
        text, scores = phrasal(text, scores)
        text, scores = self._rejoined(text, scores)
        spell = None
        pieces, last = [], 0
        for number, match in enumerate(m for m in WORD.finditer(text) if len(m.group()) > 1):
            word = match.group()
            if len(word) < MIN_LENGTH:
                small = self._small(word)
                if small is not None:   # "ly Jan 5", "Dana ou the contract"
                    pieces += [text[last:match.start()], small]
                    last = match.end()
                continue
            if not text.isupper() and word.isupper():
                continue  # an acronym
            named = not text.isupper() and number and word.istitle()   # a capital inside the line: a name ...
            spell = spell or self._spell()
            lower = word.lower()
            if lower in spell:
                continue
            replacement = self._mended(word, scores[match.start():match.end()], spell)
            if replacement is None or named and replacement.lower() not in CAPITALISED:
                continue  # ... left as read, unless it is a day or a month misread ("Saturdlay")
            pieces += [text[last:match.start()], replacement]
            last = match.end()
        return "".join(pieces) + text[last:] if pieces else text

    def _small(self, word: str) -> str | None:
        """A two-letter word in lower case that no list knows, one look-alike letter from the one small
        word (``SMALL_SHORT``) it can be ("ly": by, "ou": on), which it becomes."""
        if not word.islower():
            return None
        if word in self._spell():   # (the web uses every pair of letters: its lists tell nothing here)
            return None
        found = [small for small in SMALL_SHORT if look_alike(word, small)]
        return found[0] if len(found) == 1 else None

    def _rejoined(self, text: str, scores: list[float]) -> tuple[str, list[float]]:
        """``text`` (and its scores) with a nought read for the O a word starts with made an O ("0lu's"), no
        space before an apostrophe's s ("Mehmet 's"); a lower-case letter that a space cut off the word before
        it put back ("Schoo l", "boot s", "offsit e"; after one or two letters only to make a small word: "th
        e"), and so is an ending no one writes alone ("skirt ing", "pay ments"), when the two make a known
        word or one the web uses; and a space between a known word of four letters or more (or known words
        run together) and a number run into it ("chapter4", "Watchlecture5"), between a number and a small or
        known word run into it after it ("3of", "3quiz"; not a unit or an ordinal, ``UNITS``: "4pm", "3rd"), and
        between capitals and a known word in lower case run into them ("HMRCabout"); a circled figure inside the
        line is the figure ("episode③of": episode 3 of; at its start it numbers an item)."""
        if text.isupper():
            return text, scores
        text = NOUGHT.sub("O", text)   # one letter for one: the scores still fit ("Mehmet 's": one space less)
        for found in reversed(list(APOSTROPHE.finditer(text))):
            text, scores = text[:found.start()] + text[found.end():], scores[:found.start()] + scores[found.end():]
        spell = None
        for pattern in (CUT_OFF, ENDING, SHORT_CUT):
            for found in reversed(list(pattern.finditer(text))):
                joined = (found.group(1) + found.group(2)).lower()
                if (joined in SMALL or joined in SMALL_SHORT) if pattern is SHORT_CUT else self.known(joined):
                    space = found.start(2) - 1
                    text, scores = text[:space] + text[space + 1:], scores[:space] + scores[space + 1:]
        for found in reversed(list(CAPITALS_INTO.finditer(text))):   # "HMRCabout": an acronym, then a word
            spell = spell or self._spell()
            if found.group(2) in spell and not self.known(found.group().lower()):
                at = found.end(1)
                text, scores = text[:at] + " " + text[at:], scores[:at] + [1.0] + scores[at:]
        for found in reversed(list(CIRCLED.finditer(text))):   # (at a line's start it numbers an item: "③ Pay")
            at = found.end() - 1
            figure = f"{'' if found.group(1) else ' '}{ord(text[at]) - 0x2460 + 1}"   # (a word after: below)
            text, scores = text[:at] + figure + text[at + 1:], scores[:at] + [scores[at]] * len(figure) + \
                scores[at + 1:]
        for found in reversed(list(NUMBER_INTO.finditer(text))):   # "3of", "3quiz": a number, then a word
            spell = spell or self._spell()
            letters = found.group(2)
            lower = letters.lower()
            if lower in UNITS or not letters.islower() or lower.endswith(UNIT_ENDINGS):
                continue   # "4pm", "3rd", "2FA", "1cam" (10am misread: the last token is weighed again)
            if not A_WORD.search(text, 0, found.start()):
                continue   # "81Buy", "[x1Book", "Q1goals": a box read as figures, a code
            if lower in SMALL or lower in SMALL_SHORT or len(lower) >= MIN_LENGTH and lower in spell or \
                    small_words(lower):
                at = found.end(1)
                text, scores = text[:at] + " " + text[at:], scores[:at] + [1.0] + scores[at:]
        for found in reversed(list(RUN_INTO.finditer(text))):   # "chapter4": a known word, then a number
            spell = spell or self._spell()
            letters = found.group(1)
            pieces = [(0, len(letters))] if letters.lower() in spell else parted(letters.lower(), spell, self.seen,
                                                                                  landmark=False)
            for start, end in reversed(pieces or []):   # "Watchlecture5": known words run together, then it
                at = found.start(1) + end
                text, scores = text[:at] + " " + text[at:], scores[:at] + [1.0] + scores[at:]
        return text, scores

    def _mended(self, word: str, scores: list[float], spell) -> str | None:
        """The unknown ``word`` put right (its case kept), or None: parted around a landmark, else changed
        by one edit that stands out, else, when no one writes it at all, parted into common words."""
        lower = word.lower()
        small = small_words(lower)
        if small:   # "andthe", "forthe": typos the web writes often enough to be "seen"
            return " ".join(word[a:b] for a, b in small)
        seen = self.seen(lower)
        if seen >= SEEN:
            return None
        long = len(word) >= SPLIT_LENGTH
        found = parted(lower, spell, self.seen) if long else None
        if found:
            return self._ended(" ".join(word[a:b] for a, b in found))
        edits = spell.edit_distance_1(lower)
        ranked = sorted({(spell[c], c) for c in edits
                         if c in spell and (min(scores[i] for i in edited(lower, c)) < UNSURE or
                                            look_alike(lower, c) and spell[c] >= LOOK_ALIKE_FREQUENCY)} |
                        {(spell[c], c) for c in one_for_two(lower) if spell[c] >= LOOK_ALIKE_FREQUENCY},
                        reverse=True)
        if ranked and (len(ranked) == 1 or ranked[0][0] >= MARGIN * ranked[1][0]):
            return cased(ranked[0][1], word)
        # (an edit with a mark in it, "ca'insurance", is no word: the web's lists read it as two)
        if not long or seen > 0 or any(c.isalpha() and (c in spell or self.seen(c) >= SEEN) for c in edits):
            return None  # a misspelling of a word one edit away ("offsit"), though none stood out
        found = parted(lower, spell, self.seen, landmark=False)
        return self._ended(" ".join(word[a:b] for a, b in found)) if found else None

    def _ended(self, text: str) -> str:
        """``text`` with an ending no one writes alone joined to the word before it when the two make a word
        ("the skirt ing": "skirting" is rarer than a run's pieces must be, "ing" is not)."""
        for found in reversed(list(ENDING.finditer(text))):
            if self.known((found.group(1) + found.group(2)).lower()):
                text = text[:found.start(2) - 1] + text[found.start(2):]
        return text

    def known(self, word: str) -> bool:
        """``word`` (lower case) is in the spelling list or one the web uses (``SEEN``)."""
        return word in self._spell() or self.seen(word) >= SEEN


def stems(word: str) -> set[str]:
    """``word`` (lower case) and the stems its endings may be taken back to (``STEMS``: "bags" -> bag), each of
    three letters or more."""
    return {word} | {word[:-len(ending)] + back for ending, back in STEMS
                     if word.endswith(ending) and len(word) - len(ending) + len(back) >= MIN_LENGTH}


def british(american: dict[str, int], frequency: dict[str, float]) -> dict[str, int]:
    """British spellings of ``american``'s words (word -> count) made by ``BRITISH``'s rules and ``IRREGULAR``,
    each kept where the web writes it (``frequency``: word -> share of words, wordfreq's) at least as often as
    its rule asks, with its American word's count scaled by how often the web writes each."""
    pairs = [(word, rule.sub(replacement, word), zipf) for word in american
             if len(word) >= 5 and word.endswith(BRITISH_ENDINGS) for rule, replacement, zipf in BRITISH]
    pairs += [(word, spelt, 2.0) for word, spelt in IRREGULAR.items() if word in american]
    found: dict[str, int] = {}
    for word, spelt, zipf in pairs:
        used = frequency.get(spelt, 0.0)
        if spelt != word and spelt not in american and used >= 10 ** (zipf - 9):
            count = max(1, round(american[word] * used / max(frequency.get(word, 0.0), used)))
            found[spelt] = max(count, found.get(spelt, 0))
    return found


def phrasal(text: str, scores: list[float]) -> tuple[str, list[float]]:
    """``text`` (and its scores) with its first word parted when it is a task verb run into its particle
    before a determiner ("Backup the photos": "Back up"; "Setup the printer"): the recogniser drops the
    space, and before "the", "a" or "my" the word is the verb, not the noun ("a backup", "Setup guide")."""
    at = marker_end(text)
    found = PHRASAL.match(text, at)
    if found is None or found.group(1).lower() not in TASK_VERBS:
        return text, scores
    space = found.end(1)
    return text[:space] + " " + text[space:], scores[:space] + [1.0] + scores[space:]


def parted(word: str, spell, seen, landmark: bool = True) -> list[tuple[int, int]] | None:
    """The pieces (start, end) of ``word`` (lower case) as a run of known words, each used at least
    ``PIECE_SEEN`` on the web (``seen``) and of three letters or more, around a landmark when ``landmark``
    (a small word or a day; a two-letter small word in a run of three, among pieces of four letters or
    more): the fewest and most used pieces first. None when it is no such run."""
    best: list[tuple[float, list[tuple[int, int]]] | None] = [(0.0, [])] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 20), end - 1):
            piece = word[start:end]
            if best[start] is None or len(piece) < 3 and (piece not in SMALL_SHORT or not landmark):
                continue
            used = seen(piece) if piece in spell else 0.0
            if used < PIECE_SEEN:
                continue
            cost = best[start][0] + (8.0 - used) + PIECE_COST
            if best[end] is None or cost < best[end][0]:
                best[end] = (cost, [*best[start][1], (start, end)])
    found = best[len(word)]
    if found is None or len(found[1]) < 2:
        return None
    words = [word[a:b] for a, b in found[1]]
    if landmark and not any(w in SMALL or w in DAYS for w in words) and not (len(words) > 2 and any(
            w in SMALL_SHORT for w in words) and all(len(w) >= 4 for w in words if w not in SMALL_SHORT)):
        return None
    return found[1]


def small_words(word: str) -> list[tuple[int, int]] | None:
    """The pieces (start, end) of ``word`` (lower case, five letters or more) as two small words run together
    ("andthe", "forthe", "tothe"), or None."""
    if len(word) < SPLIT_LENGTH:
        return None
    small = SMALL | SMALL_SHORT
    return next(([(0, at), (at, len(word))] for at in range(2, len(word) - 1)
                 if word[:at] in small and word[at:] in small), None)


def look_alike(read: str, word: str) -> bool:
    """``word`` is ``read`` with one letter changed for one a hand's strokes make look alike."""
    if len(read) != len(word):
        return False
    changed = [(a, b) for a, b in zip(read, word) if a != b]
    return len(changed) == 1 and frozenset(changed[0]) in LOOK_ALIKE


def one_for_two(read: str) -> list[str]:
    """``read`` with one letter a hand's strokes split in two put back ("upclate", "thursdlay": d)."""
    return [read[:i] + letter + read[i + 2:] for i in range(len(read) - 1) for pair, letter in SPLIT_LETTERS
            if read[i:i + 2] == pair]


def edited(read: str, word: str) -> list[int]:
    """The letters of ``read`` that one edit turns into ``word``: the one changed, dropped or moved, or the
    two beside a letter added."""
    at = next((i for i, (a, b) in enumerate(zip(read, word)) if a != b), min(len(read), len(word)))
    if len(word) > len(read):
        return [i for i in (at - 1, at) if 0 <= i < len(read)]
    if len(read) == len(word) and read[at + 1:at + 2] == word[at:at + 1] and read[at:at + 1] == word[at + 1:at + 2]:
        return [at, at + 1]
    return [min(at, len(read) - 1)]


def cased(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word[0].upper() + word[1:] if like[0].isupper() else word


def character_scores(text: str, chars) -> list[float]:
    """One score per character of ``text`` from the recogniser's characters (each ``(char, score, box)``),
    matched in order; characters it did not give (spaces put back) score 1.0. Empty when they disagree."""
    given = [(str(char), float(score)) for char, score, *_ in chars]
    scores, at = [], 0
    for char in text:
        if at < len(given) and given[at][0] == char:
            scores.append(given[at][1])
            at += 1
        elif char.isspace():
            scores.append(1.0)
        else:
            return []
    return scores if at == len(given) else []


def _letters(word: str):
    """How many of each letter a to z ``word`` (lower-case ASCII letters) has."""
    import numpy as np

    return np.bincount(np.frombuffer(word.encode(), np.uint8) - ord("a"), minlength=26)


def close(read: str, word: str, most: int = 2) -> bool:
    """``word`` is at most ``most`` edits from ``read`` (letters changed, added, dropped or two swapped)."""
    if abs(len(read) - len(word)) > most:
        return False
    previous, row = None, list(range(len(word) + 1))
    for i, a in enumerate(read, 1):
        current = [i] + [0] * len(word)
        for j, b in enumerate(word, 1):
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (a != b))
            if previous is not None and i > 1 and j > 1 and a == word[j - 2] and read[i - 2] == b:
                current[j] = min(current[j], previous[j - 2] + 1)
        previous, row = row, current
        if min(row) > most:
            return False
    return row[-1] <= most
