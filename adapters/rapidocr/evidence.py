"""Real words the recogniser misread as other real words, weighed again on its own evidence.

The lexicon (``lexicon.py``) mends words no list knows; a handwritten word misread as another word
("Glean the hamster cage", "Cancel the sym membership", "Print bearding passes") passes it. Here each
line's strip is read once more by the recogniser alone, keeping what it saw rather than its best guess:
the probability of every character in every column of the strip (a CTC output). The likelihood of any
text under those columns is the sum over all the ways of laying its letters along them (the CTC forward
pass), so a word one edit away can be weighed against the word as read: "Clean" against "Glean" costs
what the recogniser thought of a "C" where it saw a "G".

A word as read is replaced by one a single edit away (a letter changed, added, dropped, two swapped) when
the candidate is a common word (used at least ``COMMON`` on the web's Zipf scale: once in a million words)
at least ten times as common as the word as read (``GAIN``), and its likelihood plus ``WEIGHT`` times its
log frequency (capped at ``CAP``: the commonest words, "now", "out", are no likelier in a to-do list than
"mow" or "oat"; but not for the small words lines are built with, "for", "the", "with", as common there as
anywhere: "room tor Thursday") beats the same sum for the word as read. A word as read that no list knows
(used less than the lexicon's ``SEEN``: "Readmap", "quinca", "Detrag") is likelier misread than a name
written so: it weighs ``UNKNOWN`` less, and the words the web uses one edit from it are its candidates too,
however rare ("roadmap", "quinoa", "defrag": no spelling list has them), and, for one of ``FAR_LENGTH`` letters
or more, those it uses two edits from it ("mewborship": membership, "surrarise": summarise, a hand's "m" read as
"w" or "rr"; ``Lexicon.far``, for at most ``DISTANT`` words an image); so too when it is capitalised inside
the line ("washer Pluid", "due Harch 3": a name no one has is no name). A line's first word may also
become a verb of ``TASK_VERBS`` (``domain/language/imperatives.py``) up to two edits away ("Bay quinoa",
"Beak the meeting room"), and a verb there weighs ``VERB_BONUS`` more (a to-do item says what to do): the
bonus is worth about two columns of the recogniser preferring another letter five to one, so a letter it
was sure of stands ("Cat food" stays, unless its "a" was in doubt). On a page the bonus goes with how the page
is written (``page_verb_bonus``): more where its lines start with verbs as read ("Lake flashcards" among them is
"Make"), less where they name things ("Cat milk" in a shopping list stays). "Back" is such a verb only before
"up" (``imperatives.WITH_PARTICLE``): "Back the meeting room" may be "Book", "Back up the photos" stays.
Case and spaces are left out of the weighing: the recogniser drops spaces in handwriting and mixes cases (a
column's "C" and "c" count as one, and a space as nothing), and the characters of no printable ASCII ("•", "–",
"’", "é") count as one mark, any of them (before, a line with one was not weighed at all).
Words of one or two letters, words with two capitals or more ("MoT", "ACME"), capitalised words inside a line
that the web uses (names, "Jan", "Mon") and words glued to a mark ("@pdate": a bullet read into the word) are
left as read; a box or bullet as the list reader knows it (``lists.marker_end``: "[Glean", "[ I Glean", "xI
Glean") is no word before the line's first and no mark glued to it. A line's last token that is short and
neither a word nor a duration, priority or time as written ("zh", "Ipm", "lom", "p12h", "pe": one or two
letters are no word unless a small one; in a line written in capitals, "GAM" is no acronym) is read as the
duration, priority or time (``TAILS``) its columns come within ``TAIL_MARGIN`` of ("2h", "1pm", "10m", "p1 2h"),
or within ``FIGURE_MARGIN`` where the two differ only by figures read as letters like them ("gam": 9am): a to-do
item often ends with one, and a hand's 2, 1 and 0 read as z, I and o. A line that ends on a word a number follows
("Read chapter", "Watch lecture": ``COUNTED``) is read with the figure its last columns come within ``TAIL_MARGIN``
of (``numbered``): a faint or small figure the recogniser read as a blank; its number run into a duration of more
than a day is parted from it ("set 71h": set 7, 1h). An item ends with "and", "the" or "for"
(``DANGLING``) only where it goes on on the next line: a line that does has its last two words read as one common
word one edit from them put together when its columns come as near ("ref and": refund; the ink's gaps put a space
inside the handwritten word). A word one edit from a name or a brand its owner writes (``owned``: "Cail's" for
Gail's) becomes it when the evidence allows, the owner's word weighed as the commonest words are. A word with a
bracket or a bar in it ("Book the D]", "bil]": a hand's j and l), or a figure between letters ("bul6s"), becomes
the word the web uses that a letter there makes, when its columns come within ``TAIL_MARGIN`` (``bracketed``); so
does a word read with "@" for its first letter ("@uarterly", "@very": a hand's Q, O or a), within ``ROUND_MARGIN``,
else the "@" is a label and stays (``rounded``). The recogniser read the line from the page's own crop of it; its
columns here are from the strip, and where their likeliest reading (``Evidence.best_path``) has another word in a
word's place ("Defrag the dd laptop": "old"), that word is a candidate too, weighed as the others, even for two
letters no small word (``seconded``), and so are the words one edit from that reading ("Ship the billing purge",
the strip's "parge": page, two edits from "purge"); one of these no ten times commoner than the word as read is
taken only where the strip's columns alone like it ``TAIL_MARGIN`` better ("Mow the loan", the strip's "lown":
lawn). A word that makes with the word before or after it a compound WordNet names (``Lexicon.paired``: "tea bag",
"cat food") weighs ``PAIRED`` more, and is a candidate though no commoner than the word as read: the columns barely
part "tea bass" from "tea bags" (0.2 nats), and only the words around tell them apart. An image's weighing walks at
most ``BUDGET`` columns in all (``Budget``). Tuned on ``bench/images.py``'s seeds 5, 9, 11, 13, 23, 29, 31, 37, 41,
43 and 47 (readings cached by a local harness), measured on seeds 17 and 19 (and 7 before): see bench/README.md.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from difflib import SequenceMatcher

import numpy as np

from adapters.rapidocr.lexicon import FAR_LENGTH, SEEN, SMALL, SMALL_SHORT, cased, close
from domain.language.imperatives import DANGLING, WITH_PARTICLE
from domain.language.lists import marker_end
from domain.language.owned import PHRASE_LETTERS, TAIL_WORD

WEIGHT = 0.5   # nats of the frequency prior per nat of (capped) word frequency
CAP = 4.5      # a word used more than this on the web's Zipf scale counts as this common
COMMON = 3.0   # a candidate is used at least this often (Zipf: once in a million words)
GAIN = 1.0     # ... and at least ten times as often as the word as read
MIN_LENGTH = 3
# nats: a word as read that no list knows (used less than ``SEEN``) is likelier a misreading than a name
UNKNOWN = 3.0
# nats: a word weighs this more where it makes with the word before or after it a compound WordNet names ("tea
# bag", "cat food", "olive oil": ``Lexicon.paired``); the columns barely part "tea bass" from "tea bags" (0.2 nats)
PAIRED = 1.0
VERB_BONUS = 3.0   # nats: a line's first word is likelier a verb of ``TASK_VERBS`` (a to-do item says what to do)
# ... on a page, from this much where no line starts with such a verb (a shopping list: "Cat milk" stays) to this
# much where every line does (a to-do list: "Lake flashcards", "Bay candles", "Ran the load test": make, buy, run)
VERB_BONUS_LEAST, VERB_BONUS_MOST = 2.5, 5.0
FLOOR = 1e-12  # a column's probability of a character is at least this (its log is finite)
KNOWN = 1_000  # likelihoods a line's evidence keeps (the readings its steps weighed)
# columns an image's likelihoods may walk in all (about 10 us each): a bench page walks about 1,600, at most
# 9,100; a page of long lines full of words near others stops here, about half a second in
BUDGET = 50_000
# letter pairs an image's items may be compared over with its owner's titles in all (~0.07 us each: 0.15 s);
# a bench page with 200 titles, about 20,000
CELLS = 2_000_000
WORDS = 600   # words an image's weighing looks up in all (up to ~2 ms each the first time): a bench page, <= 25
DISTANT = 24   # ... of which so many two edits away (``Lexicon.far``, ~10 ms each): a bench page, at most 6
LAST = re.compile(r"\s(\S{1,5})$")   # a line's last token, when short
# a last token as written needs no reading: a priority, a duration, a time, a number
CANONICAL = re.compile(r"^(?:p[1-4]|\d{1,3}(?:h|m|min)|\d{1,2}(?::\d\d)?(?:am|pm)|\d+)$", re.IGNORECASE)
# what a to-do item ends with: a priority, a duration, both, a time
TAILS = ([f"p{p}" for p in range(1, 5)] + [f"{n}h" for n in range(1, 9)] +
         [f"{n}m" for n in (5, 10, 15, 20, 25, 30, 40, 45, 50, 60, 90)] +
         [f"p{p} {n}h" for p in range(1, 5) for n in range(1, 9)] +
         [f"{h}{m}" for h in range(1, 13) for m in ("am", "pm")])
SMALL_WORDS = SMALL_SHORT | frozenset("a i ok tv pc uk".split())   # small words a line may end with
PHRASE_MARGIN = 8.0   # nats: a title the user has typed is taken when it comes this close to the line as read
PHRASE_KNOWN_MARGIN = 4.0   # ... or this close, when every word of the line as read is a known word
# (a title is at most one letter in ``PHRASE_LETTERS`` away from its item as read, at least one; ``TAIL_WORD``
# is a duration, priority or time as a word of its own: as for an engine that gives text alone)
# a duration, priority or time run into the end of a word ("requests1h")
GLUED_TAIL = re.compile(r"(?<=[A-Za-z])(?:p[1-4]|\d{1,3}(?:h|m|min))$")
TAIL_MARGIN = 3.0   # nats: a tail is taken when it comes this close to the token as read, or closer
# the figures a hand's (or a font's) letters are read for: a tail that differs from the token as read only by these
# is taken within ``FIGURE_MARGIN`` ("gam": 9am, 4.9 nats from "gam" on bench/images.py's femkeklaver). The list
# reader's ``lists._DIGITS`` is its counterpart for text alone, one figure a letter and fewer letters ("gam" is a
# word there); here each is only a candidate the columns must bear out, so a letter may stand for two figures
LOOK_ALIKE_FIGURES = {"o": "0", "d": "0", "q": "09", "l": "1", "i": "1", "j": "1", "z": "2", "s": "5", "b": "68",
                      "g": "96", "t": "7"}
FIGURE_MARGIN = 6.0
# words a number follows ("Read chapter 4", "Watch lecture 5"): a line that ends on one may have lost its number,
# a faint or small figure the recogniser read as a blank (``numbered``)
COUNTED = frozenset("""
    chapter lecture lesson seminar tutorial page set unit week module section part episode season level step
    question exercise problem task item slide figure table appendix volume issue sprint phase round stage room
    gate platform floor row seat aisle bay door bus route grade class year size
""".split())
ENDS_COUNTED = re.compile(r"(?<![\w'])([A-Za-z]+)\s*$")
# ... and a line that ends on one, its number, then a duration in hours with no space between ("set 71h")
COUNT_INTO_HOURS = re.compile(r"(?<![\w'])([A-Za-z]+) (\d{1,2})(\d)h$")
DAY_HOURS = 24   # no task takes longer: "71h" is a number and an hour run together
WORD = re.compile(r"(?<![\w'])[A-Za-z]+(?![\w'])")
WORD_BEFORE = re.compile(r"(?<![\w'])([A-Za-z]+) $")   # the word a space before (searched up to a word)
WORD_AFTER = re.compile(r" ([A-Za-z]+)(?![\w'])")       # the word a space after (matched from a word's end)
LETTERS = re.compile(r"[A-Za-z]+")
# a word with a bracket or a bar read for one of its letters ("D]", "bil]", "ta|k")
# (or a figure between letters: "bul6s")
BRACKETED = re.compile(r"(?<!\S)(?:([A-Za-z]*)[\[\]|]([A-Za-z]*)|([A-Za-z]+)\d([A-Za-z]+))(?!\S)")
# a word read with "@" for its first letter, and the letters a hand's "@" is ("@uarterly": Q, "@kafor": O, "@pple": a)
ROUNDED = re.compile(r"(?<!\S)@([A-Za-z]{2,})(?!\S)")
ROUND = "qoa"
# nats: such a word is taken when its columns come this close to the "@" as read: a hand's Q read as "@" is read
# surely (on the bench's femkeklaver, "@very", "@uarterly": 5.4 nats surer than "Query"), a label a user wrote,
# "@tom", surer still
ROUND_MARGIN = 6.0
# a word that may be one the user writes: three letters or more, a name's "'s" aside ("Cail's")
OWNED = re.compile(r"(?<![\w'])([A-Za-z]{3,})(?=['’][sS]\b|(?![\w'’]))")
# a line's last two words
PAIR = re.compile(r"(?<![\w'])([A-Za-z]{2,}) ([A-Za-z]+)$")
# a word may follow a space or a dash or star bullet; after any other mark it is a bullet read into the word
BEFORE = frozenset(" \t-*")
# what made a word a candidate for another: one edit from it, a task verb two edits from a line's first word,
# or the strip's own reading of it or a word one edit from that
WORDS_NEAR, VERB, STRIP_NEAR = "near", "verb", "strip"


class Alphabet:
    """The recogniser's classes grouped for weighing: the blank with the space, and each character it knows
    of printable ASCII with its other case ("C" and "c" as one)."""

    def __init__(self, characters: list[str]) -> None:
        """``characters``: the class of each index of the recogniser's output (index 0 the CTC blank)."""
        columns: dict[str, list[int]] = {}
        blank, others = [0], []
        for index, char in enumerate(characters):
            if index == 0:
                continue
            if len(char) == 1 and char.isspace():
                blank.append(index)
            elif len(char) == 1 and 32 < ord(char) < 127:
                columns.setdefault(char.lower(), []).append(index)
            else:
                others.append(index)
        groups = [blank] + [columns[char] for char in sorted(columns)] + ([others] if others else [])
        self.symbols = {char: k + 1 for k, char in enumerate(sorted(columns))}
        # every other class as one symbol: a character of a line that is no printable ASCII ("•", "’", "é") is
        # weighed as "some other mark" (the recogniser's own, or one it does not know)
        self.other = len(columns) + 1 if others else None
        self.order = np.asarray([index for group in groups for index in group])   # each group's classes in turn
        self.starts = np.cumsum([0] + [len(group) for group in groups[:-1]])


class Evidence:
    """What the recogniser saw along one line: per column, the log probability of the blank (a space
    counted as a blank) and of each character of its alphabet."""

    def __init__(self, probabilities: np.ndarray, alphabet: Alphabet) -> None:
        """``probabilities``: columns x classes, the recogniser's softmax output for one strip."""
        merged = np.add.reduceat(probabilities[:, alphabet.order].astype(np.float64), alphabet.starts, axis=1)
        self.symbols, self.other = alphabet.symbols, alphabet.other
        self.log = np.log(np.maximum(merged, FLOOR))
        # readings already weighed (each step starts from the line as the step before left it), a few
        # hundred at most: each is paid for from an image's ``Budget``; kept to ``KNOWN`` for any other caller
        self._known: dict[tuple, float] = {}
        self._path: str | None = None   # ``best_path``

    def best_path(self) -> str:
        """What the recogniser alone reads in the strip: each column's likeliest character (repeats and
        blanks dropped), lower case, no spaces (worked out once)."""
        if self._path is None:
            letters = {index: char for char, index in self.symbols.items()}
            path, last = [], 0
            for index in self.log.argmax(axis=1):
                if index != last and index and index != self.other:
                    path.append(letters[int(index)])
                last = index
            self._path = "".join(path)
        return self._path

    def likelihood(self, text: str) -> float | None:
        """The log likelihood of ``text`` (spaces and case aside) under these columns, summed over every
        alignment of its characters to them (a character of no printable ASCII, "•", as any such mark:
        ``Alphabet.other``); None when it holds one and the recogniser knows no such mark."""
        labels = tuple(self.symbols.get(char, self.other) for char in text.lower() if not char.isspace())
        if None in labels:
            return None
        if labels not in self._known:
            if len(self._known) >= KNOWN:
                self._known.clear()
            self._known[labels] = self._forward(list(labels))
        return self._known[labels]

    def _forward(self, labels: list[int]) -> float:
        """The CTC forward pass: the log likelihood of the characters ``labels``, every alignment summed."""
        frames = self.log.shape[0]
        if not labels:
            return float(self.log[:, 0].sum())
        if len(labels) > frames:
            return -math.inf
        states = np.zeros(2 * len(labels) + 1, np.int64)   # blank, c1, blank, c2, ..., blank
        states[1::2] = labels
        # a character may follow the one two states back (skipping the blank) unless it repeats it
        skip = np.zeros(len(states), bool)
        skip[3::2] = states[3::2] != states[1:-2:2]
        emitted = self.log[:, states]
        alpha = np.full(len(states), -math.inf)
        alpha[:2] = emitted[0, :2]
        for t in range(1, frames):
            stay = alpha
            step = np.concatenate(([-math.inf], alpha[:-1]))
            jump = np.where(skip, np.concatenate(([-math.inf, -math.inf], alpha[:-2])), -math.inf)
            alpha = np.logaddexp(np.logaddexp(stay, step), jump) + emitted[t]
        return float(np.logaddexp(alpha[-1], alpha[-2]))


class Budget:
    """The columns an image's weighing may still walk (each likelihood walks every column of its line), the
    words it may still look up (so many of them two edits away) and the letter pairs it may still compare (an
    item against a user's title, letter by letter): a page of long lines full of words near others costs at
    most this, the rest left as read."""

    def __init__(self, columns: int = BUDGET, words: int = WORDS, cells: int = CELLS, distant: int = DISTANT) -> None:
        self.left, self.words, self.cells, self.distant = columns, words, cells, distant

    def compare(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` may be compared letter by letter (and, if so, the cost taken)."""
        if self.cells < len(a) * len(b):
            return False
        self.cells -= len(a) * len(b)
        return True

    def word(self) -> bool:
        """Whether one more word may be looked up (and, if so, counted)."""
        self.words -= 1
        return self.words >= 0

    def far(self) -> bool:
        """Whether one more word may be looked up two edits away (and, if so, counted)."""
        self.distant -= 1
        return self.distant >= 0

    def spend(self, evidence: Evidence) -> bool:
        """Whether one more likelihood over ``evidence`` may be computed (and, if so, its cost taken)."""
        if self.left < evidence.log.shape[0]:
            return False
        self.left -= evidence.log.shape[0]
        return True


def page_verb_bonus(texts: list[str], verbs: frozenset[str]) -> float:
    """The nats a line's first word weighs more for being one of ``verbs`` on a page of lines ``texts``: between
    ``VERB_BONUS_LEAST`` and ``VERB_BONUS_MOST`` by the share of its lines (those whose first word, after a box or
    a bullet, has a letter) that start with one as read. A page is written one way: a to-do list says what to
    do on every line, a shopping list names things."""
    firsts = [words[0].lower() for words in (text[marker_end(text):].split(maxsplit=1) for text in texts)
              if words and any(char.isalpha() for char in words[0])]
    share = sum(first in verbs for first in firsts) / len(firsts) if firsts else 0.0
    return VERB_BONUS_LEAST + (VERB_BONUS_MOST - VERB_BONUS_LEAST) * share


def reweighed(text: str, evidence: Evidence, neighbours, seen, verbs: frozenset[str] = frozenset(),
              budget: Budget | None = None, near=None, far=None, paired=None, verb_bonus: float = VERB_BONUS) -> str:
    """``text`` with each word (left to right) replaced by a common word one edit away when the evidence
    and the words' frequencies together say so. ``neighbours(word)``: the known words one edit from
    ``word`` (lower case); ``seen(word)``: how often the web uses it (Zipf); ``verbs``: the line's first
    word may also become one of these two edits away, weighed with ``verb_bonus`` (a to-do item starts
    with what to do; a verb of ``WITH_PARTICLE`` is one only before its particle); ``budget``: what the
    weighing may cost (once spent, the words left are left as read);
    ``near(word)``: the words the web uses one edit from a word it hardly uses, its candidates too, and
    ``far(word)`` those two edits from it ("mewborship": membership; with ``near``); ``paired(first, second)``:
    the two words (lower case) are a compound ("tea bags"), and a word that makes one with its neighbour weighs
    ``PAIRED`` more, and may be taken though it is no commoner. The strip's own reading of a word, and the words
    one edit from it, are candidates too (``STRIP_NEAR``: see the module)."""
    budget = budget or Budget()
    current = evidence.likelihood(text) if budget.spend(evidence) else None
    if current is None:
        return text
    start = 0
    while True:
        seconds = seconded(text, evidence)
        for match in words(text, start):
            word = match.group()
            lower = word.lower()
            # the strip's own reading of a word: for one of two letters no small word, the only candidate
            second = sorted(c for c in seconds.get(match.start(), ()) if len(c) >= MIN_LENGTH and c.isalpha()
                            and close(lower, c))
            stray = len(word) == 2 and word.islower() and word not in SMALL_WORDS and second
            frequency = seen(lower)
            # a word the web hardly uses: likelier misread than a name, and it may become a rarer word
            rare = near is not None and frequency < SEEN
            if not (eligible(text, match) or stray and eligible(text, match, 2) or
                    rare and eligible(text, match, named=True)):   # no one's name: "washer Pluid", "due Harch"
                continue
            if not budget.word():
                return text
            first = not any(char.isalpha() for char in text[marker_end(text):match.start()])   # after a box
            # a word the web hardly uses: also the words it uses one edit away, and, while the budget lasts, two
            distant = far(lower) if rare and far is not None and len(lower) >= FAR_LENGTH and budget.far() else ()
            pool = [] if stray else sorted(set(neighbours(lower)) | set(near(lower)) | set(distant)) if rare else \
                neighbours(lower)
            # the strip's own reading of the word, and, but for a stray, the words one edit from it ("parge": page)
            read_so = set(second) | {c for other in ([] if stray else seconds.get(match.start(), ()))
                                     if len(other) >= MIN_LENGTH and other.isalpha() and budget.word()
                                     for c in neighbours(other) if c != lower and close(lower, c)}
            candidates = [(c, WORDS_NEAR) for c in sorted(pool) if len(c) >= MIN_LENGTH]
            candidates += [(c, STRIP_NEAR) for c in sorted(read_so - set(pool)) if len(c) >= MIN_LENGTH]
            before, after = beside(text, match)
            # the verbs it may be here: one that needs its particle only before it ("Back the meeting room": book)
            doing = verbs - {verb for verb, particle in WITH_PARTICLE.items() if after != particle} if first else verbs
            if first and verbs:
                candidates += [(verb, VERB) for verb in doing
                               if len(verb) >= MIN_LENGTH and verb != lower and close(lower, verb)]
            if not candidates:
                continue
            least = SEEN if rare else COMMON
            paired_so = compound(lower, before, after, paired)   # the word as read makes a compound with them
            mine = prior(frequency, lower) + (verb_bonus if first and lower in doing else 0.0) - (
                UNKNOWN if rare else 0.0) + paired_so
            best = (current + mine, text, current, word)
            for candidate, kind in candidates:
                used = seen(candidate)
                bonus = compound(candidate, before, after, paired)
                gained = used > frequency + GAIN or bonus > paired_so   # or makes a compound the word as read does not
                if kind != VERB and used < least or kind == WORDS_NEAR and not gained:
                    continue
                weight = prior(used, candidate) + (verb_bonus if kind == VERB or first and candidate in doing
                                                   else 0.0) + bonus
                if not budget.spend(evidence):
                    return text
                replaced = text[:match.start()] + cased(candidate, word) + text[match.end():]
                likelihood = evidence.likelihood(replaced)
                if kind == STRIP_NEAR and not gained and (likelihood is None or likelihood < current + TAIL_MARGIN):
                    continue   # no commoner: the strip's columns alone must like it better than the word as read
                if likelihood is not None and likelihood + weight > best[0]:
                    best = (likelihood + weight, replaced, likelihood, cased(candidate, word))
            if best[1] != text:
                text, current, start = best[1], best[2], match.start() + len(best[3])
                break
        else:
            return text


def beside(text: str, match: re.Match) -> tuple[str, str]:
    """The words (lower case) a space before and a space after the word ``match`` found in ``text``, each ""
    when there is none (a mark, a figure, the line's end)."""
    before = WORD_BEFORE.search(text, 0, match.start())
    after = WORD_AFTER.match(text, match.end())
    return (before.group(1).lower() if before else ""), (after.group(1).lower() if after else "")


def compound(word: str, before: str, after: str, paired) -> float:
    """``PAIRED`` when ``word`` makes with the word ``before`` it or ``after`` it a compound ``paired`` knows
    ("tea bags"), else nothing (and nothing without ``paired``)."""
    if paired is None or not (before and paired(before, word) or after and paired(word, after)):
        return 0.0
    return PAIRED


def seconded(text: str, evidence: Evidence) -> dict[int, set[str]]:
    """For each word of ``text`` (by where it starts), what the strip's best path (``Evidence.best_path``)
    has in its place, when that differs: the recogniser read the line from the page's own crop, and its
    second reading of the strip may see a word better ("Defrag the dd laptop": "old"). An edit at a word's
    edge may belong to it or to its neighbour: both are given."""
    where = [i for i, char in enumerate(text) if char.lower() in evidence.symbols]
    read, path = "".join(text[i].lower() for i in where), evidence.best_path()
    if not path or read == path:
        return {}
    at = {i: k for k, i in enumerate(where)}
    blocks = SequenceMatcher(None, read, path, autojunk=False).get_opcodes()

    def placed(k: int) -> set[int]:   # where boundary ``k`` of the reading falls on the path
        found = set()
        for tag, a1, a2, b1, b2 in blocks:
            if a1 <= k <= a2:
                found.add(b1 + k - a1 if tag == "equal" else b1 if k == a1 else b2 if k == a2 else
                          b1 + round((k - a1) * (b2 - b1) / (a2 - a1)))
        return found

    seconds = {}
    for match in words(text):
        first, last = at.get(match.start()), at.get(match.end() - 1)
        if first is None or last is None:
            continue
        other = {path[x:y] for x in placed(first) for y in placed(last + 1) if y > x} - {match.group().lower()}
        if other:
            seconds[match.start()] = other
    return seconds


def tailed(text: str, evidence: Evidence, seen, budget: Budget | None = None) -> str:
    """``text`` with its last token, when it is short and neither a word nor a duration, priority or time
    as written ("zh", "Ipm", "lom", "p12h"), read as the one of ``TAILS`` of about its length the evidence
    likes best, if that comes within ``TAIL_MARGIN`` of the token as read: a to-do item often ends with
    one, and handwriting's 2, 1 and 0 read as z, I and o."""
    budget = budget or Budget()
    found = LAST.search(text)
    if not found:
        return text
    token = found.group(1)
    capitals = not any(char.islower() for char in text)   # a line in capitals: its last token is no acronym
    if CANONICAL.match(token) or token.isalpha() and (token.isupper() and not capitals or a_word(token, seen)):
        return text
    tails = [tail.upper() if capitals else tail for tail in TAILS if abs(len(tail.replace(" ", "")) - len(token)) <= 1]
    # a figure read as the letter it looks like is read surely ("9am" as "gam"): such a tail may come further
    alike = [tail for tail in tails if figures_alike(token, tail)]
    if alike:
        mended = nearest(text, evidence, (text[:found.start(1)] + tail for tail in alike), budget, FIGURE_MARGIN)
        if mended != text:
            return mended
    # (one of those not within FIGURE_MARGIN is not within TAIL_MARGIN either: the others alone are weighed)
    return nearest(text, evidence, (text[:found.start(1)] + tail for tail in tails if tail not in alike), budget)


def numbered(text: str, evidence: Evidence, budget: Budget | None = None) -> str:
    """``text`` with the figure its last columns come within ``TAIL_MARGIN`` of put after its last word, when that
    is a word a number follows (``COUNTED``: "Read chapter", the 4 drawn too faint or too small for the
    recogniser to read it over a blank); and with the space put back between that word's number and a duration in
    hours run into it, when together they would be more than a day ("Solve problem set 71h": set 7, 1h)."""
    glued = COUNT_INTO_HOURS.search(text)
    if glued and glued.group(1).lower() in COUNTED and int(glued.group(2) + glued.group(3)) > DAY_HOURS:
        return f"{text[:glued.start(2)]}{glued.group(2)} {glued.group(3)}h"   # "set 71h": set 7, 1h
    found = ENDS_COUNTED.search(text)
    if not found or found.group(1).lower() not in COUNTED:
        return text
    stem = text[:found.end(1)] + " "
    return nearest(text, evidence, (stem + figure for figure in "0123456789"), budget or Budget())


def figures_alike(token: str, tail: str) -> bool:
    """``tail`` is ``token`` with some of its letters read for the figures they look like (``LOOK_ALIKE_FIGURES``:
    "gam" for 9am, "lom" for 10m), every other character as written (case aside)."""
    token, tail = token.lower(), tail.lower()
    return len(token) == len(tail) and token != tail and all(
        a == b or b in LOOK_ALIKE_FIGURES.get(a, "") for a, b in zip(token, tail))


def rejoined(text: str, evidence: Evidence, neighbours, seen, budget: Budget | None = None) -> str:
    """``text`` with its last two words read as one, when the last is a word that needs another after it
    (``DANGLING``: an item ends with "and", "the" or "for" only where it wraps) and the two put together are
    one edit from a common word ("ref and": refund) whose likelihood comes within ``TAIL_MARGIN`` of the line
    as read: the ink's gaps put a space inside a handwritten word, and the recogniser read its rest as a
    small word. ``neighbours`` and ``seen`` as for ``reweighed``."""
    budget = budget or Budget()
    found = PAIR.search(text)
    if not found or found.group(2).lower() not in DANGLING or not eligible(text, found):
        return text
    if not budget.word():
        return text
    joined = (found.group(1) + found.group(2)).lower()
    return nearest(text, evidence, (text[:found.start()] + cased(candidate, found.group(1))
                                    for candidate in neighbours(joined)
                                    if candidate.isalpha() and seen(candidate) >= COMMON), budget)


def bracketed(text: str, evidence: Evidence, seen, budget: Budget | None = None) -> str:
    """``text`` with a word that has a bracket or a bar in it for a letter ("Book the D]", "bil]", "ta|k": a hand's
    j and l), or a figure between letters ("bul6s"), read as the word the evidence likes best of those the letters
    make with the web uses (``COMMON``), if it comes within ``TAIL_MARGIN`` of the line as read; a box ("[ ]",
    "[x]") or a word in brackets is left as it is."""
    budget = budget or Budget()
    for found in BRACKETED.finditer(text, marker_end(text)):   # (one letter for one: the spans stay)
        before, after = (found.group(1), found.group(2)) if found.group(3) is None else found.group(3, 4)
        if not before + after or not budget.word():
            continue
        upper = (before + after).isupper()
        readings = (text[:found.start()] + before + (letter.upper() if upper else letter) + after + text[found.end():]
                    for letter in "abcdefghijklmnopqrstuvwxyz" if seen((before + letter + after).lower()) >= COMMON)
        text = nearest(text, evidence, readings, budget)
    return text


def rounded(text: str, evidence: Evidence, neighbours, seen, budget: Budget | None = None) -> str:
    """``text`` with a word read with "@" for its first letter ("@uarterly", "@very": a hand's Q, O or a, ``ROUND``)
    read as the word the web uses (``COMMON``) that one of them makes there, or one an edit further from it with
    that letter still first ("qvery": query), the one the evidence likes best if it comes within ``ROUND_MARGIN``
    of the line as read; else the "@" is a label the user wrote ("@home") and stays. The word is capitalised when
    no letter in lower case comes before it on the line (it starts the item). ``neighbours`` and ``seen`` as for
    ``reweighed``."""
    budget = budget or Budget()
    for found in reversed(list(ROUNDED.finditer(text))):   # right to left: a word of another length keeps the spans
        rest, made = found.group(1), set()
        like = ("Q" if not any(char.islower() for char in text[:found.start()]) else "q") + rest
        for letter in ROUND:
            if not budget.word():
                return text
            word = (letter + rest).lower()
            made |= {candidate for candidate in (word, *neighbours(word))
                     if candidate[0] == letter and candidate.isalpha() and seen(candidate) >= COMMON}
        text = nearest(text, evidence, (text[:found.start()] + cased(candidate, like) + text[found.end():]
                                        for candidate in sorted(made)), budget, ROUND_MARGIN)
    return text


class OwnWords:
    """The words a user writes (lower case -> as written: "olu" -> "Olu"), indexed by what is left of each
    with one letter dropped, so that the ones a single edit from a word as read are found without weighing
    the word against each (a user's 300 words against a page's: ~2 ms a word compared one by one)."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words
        self._by_part: dict[str, set[str]] = {}
        for word in words:
            for part in _parts(word):
                self._by_part.setdefault(part, set()).add(word)

    def __bool__(self) -> bool:
        return bool(self.words)

    def near(self, word: str) -> list[str]:
        """The user's words one edit from ``word`` (lower case): a letter changed, added, dropped, two swapped
        (each shares with it what is left with one letter dropped, or is it with one dropped)."""
        found = set().union(*(self._by_part.get(part, ()) for part in _parts(word)))
        return sorted(candidate for candidate in found if candidate != word and close(word, candidate, 1))


def _parts(word: str) -> set[str]:
    """``word`` and what is left of it with each letter dropped in turn."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def owned(text: str, evidence: Evidence, own: OwnWords, seen, budget: Budget | None = None) -> str:
    """``text`` with each word of three letters or more (a name's "'s" aside) one edit from a word the user
    writes (``own``) replaced by it, when the evidence and the priors together say so: a word of the user's
    weighs as much as the commonest words (``CAP``), the word as read its own frequency (``seen``). Names are
    what no word list knows and what the recogniser misreads most ("Cail's" for Gail's, "Lana" for Luna);
    the user's own tasks name them."""
    budget = budget or Budget()
    if not own or not budget.spend(evidence):
        return text
    current = evidence.likelihood(text)
    if current is None:
        return text
    for match in list(OWNED.finditer(text))[::-1]:   # right to left: the matches before stay where they are
        word = match.group(1)
        lower = word.lower()
        if lower in own.words or not budget.word():
            continue
        best = (current + prior(seen(lower), lower), text, current)
        for candidate in own.near(lower):
            if not budget.spend(evidence):
                return best[1]
            written = own.words[candidate] if not text.isupper() else own.words[candidate].upper()
            replaced = text[:match.start(1)] + written + text[match.end(1):]
            likelihood = evidence.likelihood(replaced)
            if likelihood is not None and likelihood + prior(CAP) > best[0]:
                best = (likelihood + prior(CAP), replaced, likelihood)
        text, current = best[1], best[2]
    return text


class OwnPhrases:
    """The titles a user has typed (as written), for ``phrased``: each with its lower case, its words (lower
    case), its letters counted and its number of figures."""

    def __init__(self, phrases) -> None:
        self.phrases = [(phrase, phrase.lower(), frozenset(phrase.lower().split()), len(phrase.split()),
                         Counter(phrase.lower()), _figures(phrase)) for phrase in phrases]

    def __bool__(self) -> bool:
        return bool(self.phrases)


def phrased(text: str, evidence: Evidence, own: OwnPhrases, budget: Budget | None = None, known=None) -> str:
    """``text`` with its item (what follows its box or bullet, up to a tail of other words) read as one of the
    titles the user has typed (``own``) when the two are a few letters apart (one in ``PHRASE_LETTERS``, at
    least one) and the title's likelihood comes within ``PHRASE_MARGIN`` of the line as read: the items a user
    types again and again are the ones their lists hold ("Buy cat milk": oat milk), and no word list can fault
    a real word read for another. When every word of three letters or more in the line is one ``known(word)``
    (lower case) says a word list knows, the line as read may well be what was written, another task than a
    title a letter from it ("Buy flour", "Buy four"): the title must come within ``PHRASE_KNOWN_MARGIN``. The
    title is put as the user wrote it (in capitals on a line in capitals); the words after the item ("2h",
    "tomorrow", or run into its last word: "requests1h") stay, and the item keeps as many figures as it has."""
    budget = budget or Budget()
    start = marker_end(text)
    words = [piece for word in text[start:].split() for piece in _untailed(word)]
    if not own or not words or not budget.word() or not budget.spend(evidence):
        return text
    current = evidence.likelihood(text)
    if current is None:
        return text
    plausible = known is not None and all(known(word.lower()) for word in LETTERS.findall(text[start:])
                                          if len(word) >= MIN_LENGTH)
    best = (current - (PHRASE_KNOWN_MARGIN if plausible else PHRASE_MARGIN), text)
    items: dict[int, tuple] = {}   # the item of so many words: as read, lower case, letters, figures, tails
    for phrase, lower, title_words, count, letters, figures in own.phrases:
        most = max(1, len(lower) // PHRASE_LETTERS)
        for taken in range(max(1, count - 1), min(len(words), count + 1) + 1):   # the item may gain or lose a word
            if taken not in items:
                item = " ".join(words[:taken])
                items[taken] = (item, item.lower(), Counter(item.lower()), _figures(item),
                                {word.lower() for word in words[:taken] if TAIL_WORD.match(word)})
            item, lowered, counted, its_figures, tails = items[taken]
            if not tails <= title_words:
                break   # a duration, priority or time the title lacks ends the item ("chapters 1h": not "chapter 9")
            if lowered == lower:
                return text   # one of the user's titles already
            if abs(len(lowered) - len(lower)) > most or its_figures != figures:
                continue   # too far, or figures would come or go ("set 71h": 7 and 1h run together)
            if max(len(lowered), len(lower)) - sum((counted & letters).values()) > most:
                continue   # enough letters differ that the edits are more than ``most`` (a cheap bound first)
            if not budget.compare(lowered, lower):
                return best[1]
            if not close(lowered, lower, most):
                continue
            if not budget.spend(evidence):
                return best[1]
            replaced = text[:start] + " ".join([phrase.upper() if item.isupper() else phrase] + words[taken:])
            likelihood = evidence.likelihood(replaced)
            if likelihood is not None and likelihood > best[0]:
                best = (likelihood, replaced)
    return best[1]


def _figures(text: str) -> int:
    return sum(char.isdigit() for char in text)


def _untailed(word: str) -> list[str]:
    """``word``, or it and the duration or priority run into its end ("requests1h": "requests", "1h")."""
    found = GLUED_TAIL.search(word)
    return [word[:found.start()], found.group()] if found else [word]


def nearest(text: str, evidence: Evidence, readings, budget: Budget, margin: float = TAIL_MARGIN) -> str:
    """The one of ``readings`` (other readings of the whole line, taken one by one while the ``budget``
    lasts) the evidence likes best, if it comes within ``margin`` nats of ``text``; else ``text``."""
    if not budget.spend(evidence):
        return text
    current = evidence.likelihood(text)
    if current is None:
        return text
    best = (current - margin, text)
    for replaced in readings:
        if not budget.spend(evidence):
            break
        likelihood = evidence.likelihood(replaced)
        if likelihood is not None and likelihood > best[0]:
            best = (likelihood, replaced)
    return best[1]


def words(text: str, pos: int = 0):
    """The words of ``text`` from ``pos`` on (``WORD``); of a run of letters that starts with a box or a bullet
    read as a letter ("xFreexe": a ticked box, then the word), the part after it."""
    start = marker_end(text)
    for match in WORD.finditer(text, pos):
        yield LETTERS.match(text, start) if match.start() < start < match.end() else match


def a_word(token: str, seen) -> bool:
    """``token`` (letters) is a word a line may end with: a common one of three letters or more, or a small
    one ("to", "me", "a"); one or two letters else are what is left of a misread tail ("p", "pe", "il")."""
    lower = token.lower()
    return lower in SMALL_WORDS if len(lower) < MIN_LENGTH else seen(lower) >= COMMON


def eligible(text: str, match: re.Match, least: int = MIN_LENGTH, named: bool = False) -> bool:
    """A word that may be weighed again: ``least`` letters or more, at most one of them a capital (no
    acronym), not capitalised inside the line (a name; unless ``named``), not glued to a mark before it (a
    box or a bullet is no word and no such mark)."""
    word, at, start = match.group(), match.start(), marker_end(text)
    if len(word) < least or sum(char.isupper() for char in word) > 1:   # capitals: an acronym ("MoT")
        return False
    if word[0].isupper() and not named and any(char.isalpha() for char in text[start:at]):
        return False
    return at == 0 or text[at - 1] in BEFORE or at == start   # "[Glean", "xI Glean": a box, then the word


def prior(frequency: float, word: str = "") -> float:
    """The frequency prior in nats: ``WEIGHT`` times the natural log of the word's frequency, capped unless
    ``word`` is one of the small words lines are built with (``SMALL``: "for", "the", "with"), as common in a
    to-do list as anywhere ("room tor Thursday")."""
    return WEIGHT * math.log(10) * (frequency if word in SMALL else min(frequency, CAP))
