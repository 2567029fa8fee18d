"""Date and time words that are part of a name, not a date: "next year's budget", "Read This Week
in Tech", "Watch Midnight in Paris", "Call Mr. Tuesday", "the 5 o'clock shadow", "the noon group",
"the EOD report", "the Friday feeling playlist", "Watch High Noon", "Read John 3:16", and what an item ending
on one is about, "Call Gran about Sunday". Checked on every recognised date or time before one is chosen."""
from __future__ import annotations

import re

from domain.language.phrases import STRONG_AFTER, prev_word
from domain.language.tokens import FLAGS, WD, Candidate

POSSESSIVE = re.compile(r"['’]s\b", FLAGS)
WORK_VERBS = {"read", "reread", "watch", "rewatch", "stream", "binge"}  # "Read This Week in Tech"
HONORIFICS = {"mr", "mrs", "ms", "dr", "miss", "mister"}              # "Call Mr. Tuesday"
LISTEN_TO = re.compile(r"(?<![A-Za-z])listen(?:ing)?\s++to\s*+$", FLAGS)
THE_NAMED = re.compile(rf"(?:\d{{1,2}}\s*+o['’]?clock|noon|midnight|eod|cob|eob|{WD})$", FLAGS)  # "the noon group"
WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*+")
TOPIC_WORDS = {"about", "re", "regarding", "concerning"}   # "Call Gran about Sunday": what the call is about
# what may follow a topic that ends the item: tags, mentions, a priority, a duration ("Ask Tom about Friday p1 #work")
ONLY_LABELS = re.compile(r"(?:\s++(?:[#@+]\S++|p[1-4]|!{1,3}|\d{1,3}\s?(?:h|m|min)))*+\s*+[.!?]?$", FLAGS)


def names_a_thing(text: str, cand: Candidate) -> bool:
    if cand.kind not in ("date", "time"):
        return False
    if POSSESSIVE.match(text, cand.end):
        return True  # "next year's budget", "Yesterday's Gone"
    before = prev_word(text, cand.start)
    source = text[cand.start:cand.end]
    if source[:1].isupper() and cand.start > 0:
        if before in WORK_VERBS or before in HONORIFICS or LISTEN_TO.search(text, max(0, cand.start - 20), cand.start):
            return True  # a title of a work or a person: "Watch Midnight in Paris", "Mr. Tuesday"
    for word in reversed(WORD.findall(text, max(0, cand.start - 60), cand.start)[-4:]):
        if word.lower() in WORK_VERBS:
            return True  # "Watch High Noon", "Read John 3:16": capitalised words after "watch"/"read"
        if not word[:1].isupper():
            break
    if before in TOPIC_WORDS and ONLY_LABELS.match(text, cand.end):
        return True  # the item ends on what it is about: "Call Gran about Sunday" ("ask about Friday plans" is due)
    if before == "the" and THE_NAMED.match(source) and not STRONG_AFTER.match(text, cand.end):
        return True  # "the 5 o'clock shadow", "the noon group", "the EOD report"
    return False
