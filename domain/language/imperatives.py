"""What a to-do item is made of: the verbs it starts with, and the words it never ends on.

A to-do item says what to do, so it mostly starts with a verb in the imperative ("Buy", "Call", "Water the
herbs"); a note beside the items says what is so ("Rota on the fridge", "Train gets in 5:40"). An item ends
with "and", "the" or "for" only where it goes on on the next line. The OCR adapter weighs a line's first word
towards these verbs (``adapters/rapidocr/evidence.py``) and the list reader tells an item that lost its marker
from a note or a wrapped line by them (``lists.py``).
"""
from __future__ import annotations

# common verbs of errands, chores, work and study (written after the first words of bench/images.py's lists
# had been seen, so its lists 31-38, written before, are the check); the second block, 120 more of kitchen, garden,
# house, office and admin, was added later: 22 of them are first words of the bench's lists ("air", "chill",
# "query", "shred", "solve", "switch", "tag"), the rest are not ("descale" is, "unclog" is not); the third, 17 more,
# came from a sweep of to-do lines written on 8 Dec 2026 ("Swap the tyres"), none a first word of the bench's lists,
# and so did the fourth, 36 more, from a second sweep that day ("Service the boiler", "Log my hours"; not "see",
# "welcome" or "wish": they start notes, "See you soon"; "sand" and "ship" are first words of the bench's lists)
TASK_VERBS = frozenset("""
    add apply archive arrange ask assemble attend back bake balance bathe beat board book borrow bring
    brush build buy call cancel change charge chase check choose clean clear close collect come compare
    complete confirm contact cook copy cover create cut debug decide delete deliver deploy design do
    donate download draft drain draw drink drive drop dry dust eat edit email empty enter exchange
    exercise feed fetch file fill find finish fix fold follow freeze get give go grab hand hang have
    help hire install invite iron jog join keep label learn leave lend list load lock look mail make
    meet merge message migrate mop move mow note open order organise organize pack paint pass pay peel
    phone pick plan plant play polish post practice practise prep prepare print publish put read rebook
    record recycle refill register release remind remove renew rent repaint repair replace reply
    research reserve respond rest return review revise ring run save scan schedule sell send set settle
    sew share shop sign sort speak start stop study submit sweep swim take talk tell test text thank
    tidy top track train transfer trim try tune turn unblock unpack update upgrade upload vacuum visit
    walk wash watch water weed wipe wrap write
    air answer approve assign bin bleach block boil brief carve catch chill chop claim clip coach comment compost
    connect count cross decorate defrag defrost deposit descale discuss dispose dump enrol enroll estimate fax fry
    fund grill hoover host interview invoice knit lay lodge mark measure melt mend mix mulch negotiate notify
    oil outline paste patch ping pitch plug pour present press prune pump query quote rake rearrange reboot redirect
    refactor refund reheat remember repot request reschedule reset restart restock rinse roast rotate scrub search
    season serve sharpen shave shred sketch slice soak solve sow spray stack steam stir stock store stretch
    summarise summarize switch sync tag tape thaw tighten toast translate trash unclog unplug unsubscribe verify
    vote warm weigh whisk wire
    apologise blend calculate carry congratulate declutter inspect laminate marinate memorise memorize proofread
    purchase swap teach unload withdraw
    bath brainstorm celebrate configure cycle document drill finalise finalize forward greet groom handle harvest hem
    hike insure investigate log meditate onboard photograph prioritise prioritize refuel rehearse restore rsvp sand
    service ship shower strip tax tie tweet
""".split())
# task verbs that start a to-do item only before their particle ("Back up the photos"; "Back the meeting room" is
# "Book" misread)
WITH_PARTICLE = {"back": "up"}
# words that need another after them: a line ending on one goes on on the next ("on", "in", "at" and "by" are not
# among them: "Switch the heating on", "Check in")
DANGLING = frozenset("and the for with from into onto our your their of to or an".split())
# after one of ``STATES``, a word of where or when makes the line a statement ("Back in 2 weeks", "Open at 9");
# after any other verb it makes a verb of two words or says when ("Fill in the form", "Pay by Friday")
WHERE_OR_WHEN = frozenset("in at on by until till from after before soon later next".split())
# task verbs that, before a word of where or when, say what is so: a shop's hours, someone away
STATES = frozenset("back open close".split())


def says_what_is_so(text: str) -> bool:
    """The line starts with a verb of ``STATES`` followed by a word of where or when ("Back in 2 weeks", "Open at
    9am"): a note, though it names a time."""
    words = text.lower().split(maxsplit=2)
    return len(words) > 1 and words[0] in STATES and words[1] in WHERE_OR_WHEN


def starts_with_a_task_verb(text: str) -> bool:
    """The line's first word, in any case, is one of ``TASK_VERBS``, and the line does not say what is so
    (``says_what_is_so``): "Water the herbs", "Fill in the form", not "Back in 2 weeks"."""
    words = text.lower().split(maxsplit=1)
    return bool(words) and words[0] in TASK_VERBS and not says_what_is_so(text)


def dangles(text: str) -> bool:
    """The line ends on a word that needs another after it (``DANGLING``): it goes on on the next line."""
    words = text.split()
    return bool(words) and words[-1].lower().strip(",;") in DANGLING
