"""Drop chrome lines from an article body: vocabulary matches, repeated lines (captions shown twice),
"related" lists at the end, and the headline/byline/date lines repeated at the top. Pure functions."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..text import text_key, word_count
from .patterns import Vocabulary, first_match, vocabulary

if TYPE_CHECKING:
    from collections.abc import Mapping, Set

_SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)]\s*$")
_DATE_LINE = re.compile(
    r"^(?:[\w\u0900-\u0dff]+[,:]?\s+)?(?:\d{1,2}[./ ]\s*(?:\d{1,2}[./ ,]\s*\d{2,4}"
    r"|(?!(?:and|for|per|from|out|than)\b)(?:[^\W\d_]|[\u0900-\u0dff]){3,}[./ ,]\s*(?:1[89]|20)\d{2}(?!\d))"
    r"|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\w{2,5})?)?$",
    re.I,
)
"""A date alone on a line at the top of the body ("23 July 2012", "Monday, October 22, 2012 3:29 PM", "1/18/2008"):
the day, then a month (its number, or its name: a word of three letters or more, in any language) and the year; or an
English month's name, the day and the year; or an ISO date; a time may follow. Not two numbers joined by a small word
or a letter ("Part 1 of 10", "Top 10 for 2012", "Only 1 in 100", "3 x 1000"; a month's name is followed by a year
of four digits, so "Teil 2 von 10" and "Page 2 sur 10" are no dates in any language) nor a name and a number ("Apollo
11, 1969"): a series' or a stat's kicker, not a date. A word before the date may end with a colon ("प्रकाशित: 09 मार्च
2024", Published:), and a word of an Indic script holds its vowel signs and viramas (U+0900-U+0DFF: not letters to
regex word characters, "मार्च" would be "म", "र", "च")."""


_LABELLED = re.compile(r"[\w\u0900-\u0dff]+:")
"""A date line's label and colon ("Updated:", "प्रकाशित:"): the page's publication date, or a fact of the story
("Born: 12 March 1931", "Died: 2 May 2024" above an obituary, "When: 14 June 2025" above an event)."""
_NUMBER = re.compile(r"\d+")
MAX_DATE_LINE_CHARS = 200
"""Characters of a labelled date line read for its numbers (a line at the top: a page-controlled length)."""


def _states(line: str, dates: tuple[str, ...]) -> bool:
    """Whether the date ``line`` holds the year and the day of one of ``dates`` (ISO 8601): the record's own date,
    as "Updated: 12 March 2024" states 2024-03-12, in any script's month and digits."""
    numbers = {int(n) for n in _NUMBER.findall(line[:MAX_DATE_LINE_CHARS])}
    return any(d[:4].isdigit() and d[8:10].isdigit() and int(d[:4]) in numbers and int(d[8:10]) in numbers
               for d in dates)


_CLOCK = re.compile(r"(?<![\d:.])(\d{1,2})[:.](\d{2})(?![\d:.])\s*(?:([ap])\.?m\b\.?)?", re.I)
"""A time of day as a byline writes it: "1:25pm", "6:30 a.m.", "13:25" (the hour, the minutes, am or pm)."""
MAX_CLOCKS = 3


_TIMED_BY = re.compile(r"\s*(?:[^\W\d]{1,12}[.,]?\s+){0,2}?by\s+(.{1,200}?)[\s.,;:|]*$", re.I)
"""After a byline's time: at most two words (its zone: "PT", "ET") before "by" and the author(s) to the end."""
_AUTHOR_SEP = re.compile(r"\s*(?:,|&|\band\b|\|)\s*")


def _timed_byline(line: str, dates: tuple[str, ...], names: Set[str]) -> bool:
    """Whether ``line`` is a byline that gives the time of day of one of ``dates`` (ISO 8601 with a time:
    "...T13:25:57"), to the minute, then "by" an author: "1:25pm PT by Ryan Parker" states 13:25, "6:30am" 06:30.
    The record's own time, as a byline above the text gives it. "by" follows the time (at most two words between:
    its zone) and the first name after it is an author's, to the end of the line or the next author: a sentence
    that holds the same minute ("Shares closed at 13.25 after a bid by Ryan Parker", "At 1:25 p.m. a motion by
    Ryan Parker passed") is prose (review24)."""
    times = {d[11:16] for d in dates if len(d) >= 16 and d[10] == "T"}
    if not times:
        return False
    text = line[:MAX_DATE_LINE_CHARS]
    for found in itertools.islice(_CLOCK.finditer(text), MAX_CLOCKS):
        hour, minute, half = int(found[1]), found[2], (found[3] or "").casefold()
        if half and not 1 <= hour <= 12:
            continue
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        if f"{hour:02d}:{minute}" not in times:
            continue
        by = _TIMED_BY.match(text, found.end())
        if by and _norm(_AUTHOR_SEP.split(by[1], maxsplit=1)[0]) in names:
            return True
    return False


_PLACE_WORD = (r"(?:(?-i:[A-Z])[\w.\u0027’-]{0,30}"
               r"|de|da|do|dos|das|del|della|di|du|la|le|les|el|al|upon|sur|am|an|der|im|en|y|of)")
_WIRE_DATELINE = re.compile(
    rf"^(?-i:[A-Z])[\w.\u0027’-]{{0,30}}(?: {_PLACE_WORD}){{0,5}}(?:,[^()]{{1,30}})?\s*"
    r"\((?:ap|afp|reuters|dpa|pti|ians|upi|xinhua|ani|efe|ansa|apa|kna|epd|sid|bloomberg|cnn|ips)\)\s*[-–—:]+\s*\w",
    re.I,
)
"""A line that opens with a wire dateline and goes on ("MANILA, Nov. 24 (Xinhua) -- Philippine President"): the
story's first sentence, however short a hard-wrapped line leaves it; never a label (the agency's name is no credit
there). A dateline alone on its line ("WASHINGTON (AP) —") is still the [credits] vocabulary's. The place is
capitalised words and a place name's small words ("Rio de Janeiro", "Isle of Man"): a credit's words before the
agency ("Photo by Jane Doe (AFP) - Getty Images") make no dateline."""


@dataclass(slots=True)
class Cleaned:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    """(line, reason) for every line that was dropped, in body order."""


_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u2060\u202a-\u202e\u2066-\u2069]")
"""Format characters kept in the body (the page's own text: soft hyphens, zero-width spaces, direction marks) and
left out when a line is compared or matched. (A regex: str.translate with a deletion table costs ten times more.)"""


_BY_WORDS = ("by ", "von ", "par ", "por ", "โดย ", "מאת ", "بقلم ")
"""The word before the names of a byline line at the top ("By", Thai "โดย", Hebrew "מאת", Arabic "بقلم"): with an
author's name, the line is the byline (with its date: "โดย สมชาย ใจดี 16 มีนาคม 2567 เวลา 10:30 น.")."""


def _norm(line: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", line)).split()).casefold()


_ATTRIBUTED = re.compile(
    r",\s+(?:[\w\u0027’-]+\s+){0,4}?(?:said|says|say|told|warned|wrote|sagte|sagt|sagen|erklärte|a dit|dit|disent"
    r"|a déclaré|dijo|dice|dicen|afirmó|ha detto|dicono|zei|zegt|zeggen|disse|diz|dizem)\b[^,]{0,60}$",
    re.I,
)
"""A clause that says who said the line (", analysts say.", ", sagte der Minister.": said, says, told ... in seven
languages), at most four words after a comma: a reported sentence, however short, is prose ("Subscription fatigue is
real, analysts say."), not a label (the ``short`` patterns do not apply)."""


def chrome_reason(line: str, vocab: Vocabulary | None = None, extra: tuple[re.Pattern[str], ...] = (),
                  cells_seen: dict[str, str | None] | None = None, label: bool = True) -> str | None:
    """Why one line is chrome (the vocabulary group, or ``site``), or None. ``cells_seen``: the reasons of table
    cells already matched in this body. ``label``: whether the line may be a label of its own (the ``short``
    patterns apply); False for a piece of a sentence broken across lines (:func:`_continues`)."""
    vocab = vocab or vocabulary()
    text = " ".join(_INVISIBLE.sub("", line).split())
    for rx in extra:
        if rx.search(text):
            return "site"
    group = first_match(text, vocab.any, vocab.any_literals, vocab.any_alternatives, vocab.any_gate)
    if group:
        return group
    words = word_count(text)
    if label and _WIRE_DATELINE.match(text):
        label = False  # a story's first sentence
    if label and words <= vocab.short_words and not (words >= vocab.sentence_words and _SENTENCE_END.search(text)):
        group = first_match(text, vocab.short, vocab.short_literals, vocab.short_alternatives,
                            vocab.short_gate)
        if group and not _ATTRIBUTED.search(text):
            return group
    return _chrome_row(text, vocab, {} if cells_seen is None else cells_seen) if text.startswith("|") else None


MAX_ROW_CELLS = 8
"""A table row of more cells is a table, never a bar of links."""


def _chrome_row(text: str, vocab: Vocabulary, cells_seen: dict[str, str | None]) -> str | None:
    """A table row ("| Most Viewed Stories | Most Emailed Stories |", as trafilatura writes a layout table) whose
    every cell is chrome: a bar of links laid out as a table. Its cells are matched one by one (the vocabulary's
    patterns are anchored to a line's start); at most ``MAX_ROW_CELLS`` non-empty cells."""
    cells = [cell for cell in (c.strip() for c in text.strip("| ").split("|")) if cell]
    if not 2 <= len(cells) <= MAX_ROW_CELLS:
        return None
    first = None
    for cell in cells:  # (the first cell that is no chrome ends it: a data table's row costs one match)
        if cell not in cells_seen:  # (a bar repeated in every row, "| Share | Print | …", is matched once)
            cells_seen[cell] = chrome_reason(cell, vocab)
        group = cells_seen[cell]
        if not group:
            return None
        first = first or group
    return first


BROKEN_LINE_WORDS = 8
"""A line broken off mid-sentence (hard-wrapped text) has at least this many words: a heading ends without a
sentence's end too, but is shorter or ends on a capitalised word."""
BROKEN_REST_WORDS = 3
"""The rest of a broken sentence judged by its words only has at least this many words (one or two lowercase words
after a line of prose, "advertisement", stay a label)."""


_LABEL_HEAD = re.compile(r"^(?:\S+\s+)?\S*:(?:\s|$)")
"""A label's head: one of the first two words ends on a colon ("photo: reuters/…", "filed under: world")."""


def _continues(before: str, line: str, after: str = "") -> bool:
    """Whether ``line`` is the rest of a sentence that ``before`` broke off (hard-wrapped text: a press release, wire
    copy, a page of ``<br>``-wrapped lines): ``before`` is prose that ends on a lowercase letter or a comma, and
    ``line`` starts with a lowercase letter ("… Gates was quoted as saying in the interview" / "published on
    Wednesday."). Such a line is no label, whatever its first words look like. The rest of a sentence ends it, or
    breaks off again into ``after``, the next line, that goes on in lowercase; and it opens with no label's head: a
    caption without a full stop followed by a label written in lowercase ("photo: reuters/…", "story continues
    below advertisement") is no sentence."""
    return (line[:1].islower() and (before[-1:].islower() or before.endswith(","))
            and word_count(line) >= BROKEN_REST_WORDS and word_count(before) >= BROKEN_LINE_WORDS
            and (_SENTENCE_END.search(line) is not None
                 or (line[-1:].islower() or line.endswith(",")) and after[:1].islower())
            and not _LABEL_HEAD.match(line))


def _headline_like(line: str) -> bool:
    """A short line without a sentence ending: a teaser headline in a related list, not prose."""
    words = word_count(line)
    return words <= 25 and not re.search(r"[.!?…]\s*$", line)


QUESTION_TITLE_WORDS = 12
"""A teaser's headline asked as a question ("Pushing Amphetamines to Children: A Physician Near You?", "Will Lewis,
Anderson be back?") has at most this many words."""


def _question_title(line: str) -> bool:
    """A short line that is one question and nothing else: a teaser's headline in a related list, where
    :func:`_headline_like` stops at its question mark."""
    return (line.rstrip().endswith(("?", "？")) and word_count(line) <= QUESTION_TITLE_WORDS
            and not _MID_SENTENCE_END.search(line) and line.count("?") == 1)


_LIST_ITEM = re.compile(r"^(?:[-–—•*·]\s|\|)")
"""A list item or a table row as trafilatura writes them ("- item", "| cell |"), or an attribution ("— Name")."""


_LIST_STEP = re.compile(r"^[-•*·]\s")
"""An item of a bulleted list as trafilatura writes it ("- item"; not a table row, nor an attribution, "— Name")."""


def _label(line: str) -> bool:
    """A short line or one without a sentence ending: a caption or a label when it is shown twice."""
    return _headline_like(line) or word_count(line) < 12


STRUCTURE_MIN_WORDS = 2
"""A line seen three times or more is a repeated structure's label from this many words ("The issue", "Our verdict..."
heading each part of a review; "Meal 1" in a plan), or when it ends with a colon ("Pros:", "Cons:"); one word, it may
be a control repeated on every photo or player ("Enlarge", "Profile"; the two-word controls, "Play video", "Hide
caption", are the vocabulary's). On the dev corpora every line of two words seen three times in a body and not in the
vocabulary is the article's (both halves)."""

_SENTENCE_CLOSE = re.compile(r"[.!?…。！？]\W{0,3}$")
"""A line that ends a sentence: shown twice, it is a sentence repeated (a pull quote, a call to vote under each
candidate), and keeps its first copy; a caption shown twice without one goes everywhere."""

_CUT_SHORT = re.compile(r"[^\W\d_](?:\.\.\.|…)\s*$")
"""A text cut short: a letter and an ellipsis end it ("Donalda Tr...", "wysoko wzbogacon…"), not a sentence's end."""
CUT_SUMMARY_WORDS = 12
"""A teaser's summary cut short has this many words at least (a subheading after a "Read more" line has fewer)."""
TRANSCRIPT_TURNS = 3
"""Lines of a body that start with ">>" from which on they are a transcript's speaker turns (closed captions), not
a link's calls to action (one or two in a story: ">> Hier finden Sie außerdem alle EZB-Termine")."""
CREDIT_RUN = 3
"""Lines in a row, each a role and the names in capitals ("Styling: KATE PHELAN", "Make-up: LUCY BRIDGE mit
Produkten von CHARLOTTE TILBURY"), that are a shoot's or production's credits. A spec sheet ("RAM: 12GB DDR5")
has figures; one or two such lines are a dialogue's ("Me: YES YOU ARE.") or a memo's head ("TO: JOHN BERG")."""
_CREDIT_LINE = re.compile(r"^[^\W\d_][^\W\d][\w'’.&/ -]{0,38}:\s+([^\d:;]{2,119}[^\d:;.!?…])$")
"""Names are no sentence: a transcript in capitals ("BLITZER: WE ARE FOLLOWING BREAKING NEWS.") ends like one, a
team's line-up ("Liverpool: ALISSON; ALEXANDER-ARNOLD, KONATE, ...; SALAH.") has semicolons."""
CREDIT_CAPITALS = 0.6
TOP_AFTER_LEAD = 3
"""Short lines after the body's first paragraph of prose that are still its top: a lead (or deck) set above the
byline and the date ("<lead>", "Fatma Sevinç Çetin", "20 Nisan 2026", then the story; "<lead>", "1/9/2008")."""


def _credit_line(line: str) -> bool:
    """"Role: NAMES" with no figure, its letters after the colon mostly capitals."""
    m = _CREDIT_LINE.match(line)
    if not m:
        return False
    letters = [ch for ch in m.group(1) if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) >= CREDIT_CAPITALS * len(letters)


_WORDY = re.compile(r"[^\W_]")
"""A line with a letter or a digit: a phrase, where a separator line ("______________") is no phrase twice."""


def _repeated_structure(lines: list[str], keys: list[str], counts: Counter[str], keep: list[bool]) -> set[str]:
    """The repeated lines that belong to a repeated structure, not to a caption shown twice: lines seen three
    times or more (the labels of a plan, a grid, a table repeated per item), list items and table rows, and
    labels repeated together with the label next to them (a block of labels shown twice). Lines already dropped
    as chrome do not count as neighbours."""
    structure = {key for key, n in counts.items()
                 if n >= 3 and (len(key.split()) >= STRUCTURE_MIN_WORDS or key.endswith(":"))}
    structure.update(keys[i] for i, line in enumerate(lines) if counts[keys[i]] > 1 and _LIST_ITEM.match(line))
    pairs = Counter(
        (keys[i], keys[i + 1]) for i in range(len(lines) - 1)
        if keep[i] and keep[i + 1] and counts[keys[i]] > 1 and counts[keys[i + 1]] > 1 and keys[i] != keys[i + 1]
        and _label(lines[i]) and _label(lines[i + 1])
    )
    for (a, b), n in pairs.items():
        if n > 1:
            structure.update((a, b))
    return structure


_MID_SENTENCE_END = re.compile(r"[a-z0-9)][.!?] +[A-Z]")
"""A sentence that ends inside the line and another that starts: prose ("most popular home entertainment devices.
Only the 40 most-essential", a hard-wrapped press release), never a related heading."""

_INLINE_TEASER = re.compile(r"^[^:]{1,60}:\s*\S+(?:\s+\S+){2}")
"""A related heading followed, on its own line, by a teaser of three words or more ("Read more: Markets rally as
inflation cools")."""

TEASER_DEK_WORDS = 45
"""A teaser's summary under its title is one or two sentences."""


def _teasers_to_the_end(lines: list[str], removed: dict[int, str]) -> list[bool]:
    """Per start line: whether from there to the end of the body there are teasers only: titles (headline-like
    lines, or a title glued to its link text, already dropped as repeated), each followed by at most one short
    summary, two teasers at least. A related block at the end of the page.

    For every start at once, from the end, in one pass (a body of 16,000 alternating "You might also like" and
    teaser lines asked this of 8,000 starts, each walking to the end: 185 s). A line breaks the run when it is
    not a title and is either long or not right after a title (the summary of none); the start itself must be
    a title."""
    n = len(lines)
    title = [_headline_like(line) or removed.get(k) == "repeated" for k, line in enumerate(lines)]
    out = [False] * (n + 1)
    titles = 0
    clean_tail = True  # no line after the start breaks the run
    for k in range(n - 1, -1, -1):
        titles += title[k]
        out[k] = title[k] and clean_tail and titles >= 2
        breaks = not title[k] and (k == 0 or not title[k - 1] or word_count(lines[k]) > TEASER_DEK_WORDS)
        clean_tail = clean_tail and not breaks
    return out


_DATE = (r"(?:(?:mon|tue|wed|thu|fri|sat|sun)\w{0,6},?\s+)?"
         r"(?:[a-z]{3,9}\.? \d{1,2}(?:st|nd|rd|th)?,? (?:\d{4}|'?\d{2})"
         r"|\d{1,2}(?:st|nd|rd|th)?\.? [a-z]{3,9}\.?,? (?:\d{4}|'?\d{2})"
         r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})")
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
_SIGNATURE = re.compile(
    r"^(?!tracked\b)(?:(?:posted|written|submitted|comment(?:ed)?|reply) (?:by|on)\s*:?\s*)?[^.!?|]{1,60}?"
    r"(?:\s(?:says|said|wrote|schreibt|a écrit|escribió|ha scritto)\s*:?"
    rf"|(?:\s*[|,–-]\s*|\s+(?:at|on|@)\s+){_DATE}(?:,?\s*(?:at|@|[|–-])?\s*{_TIME})?"
    rf"|(?:\s*[|,–-]\s*|\s+(?:at|on|@)\s+){_TIME}(?:,?\s*(?:on|[|–-])?\s*{_DATE})?)"
    r"(?:\s*\|\s*(?:reply|permalink|report(?: this comment)?|#))?\s*$",
    re.I,
)
"""A comment's signature: its author and when it was posted ("Posted by: Jeff at November 9, 2012 8:01 AM", "Posted
by Nick on January 10, 2008 2:47 PM", "Andrew | Mar 26, 2007 2:00:18 PM", "Jane says:")."""
_COMMENTS_HEADING = re.compile(r"^\W*(?:\d+\s+)?comments?\W*$", re.I)
_TRACKBACKS = re.compile(r"trackback|pingback|\blinks to (?:weblogs|blogs|sites) that reference\b", re.I)
"""Trackbacks are other blogs' excerpts linking the post ("Tracked on Apr 2, 2007 8:49 AM"), not readers' comments."""
THREAD_GAP = 12
"""A comment holds at most this many lines: the first signature is this close to the comments heading, the next
this close to the first."""
SIGNATURE_WORDS = 20


def _comment_thread(lines: list[str], keys: list[str], removed: dict[int, str]) -> int | None:
    """Where a comment thread starts: a comments heading ("25 Comments", "Have your say", "Comments"; the
    vocabulary's comment furniture) after the article's prose, followed by two comments' signatures (author and
    time) within ``THREAD_GAP`` lines of it and of each other. Everything from the heading to the end of the body is
    readers' comments (a comment's text is prose: only its place tells it from the article). None: no thread."""
    prose = False
    signature: dict[int, bool] = {}  # (each line is matched once, however many headings look at it)

    def signed(j: int) -> bool:
        if j not in signature:
            signature[j] = word_count(lines[j]) <= SIGNATURE_WORDS and _SIGNATURE.match(lines[j]) is not None
        return signature[j]

    for i, line in enumerate(lines):
        if not prose:
            prose = i not in removed and word_count(line) >= 15
            continue
        if removed.get(i) != "comments" and not _COMMENTS_HEADING.match(keys[i]) or _TRACKBACKS.search(line):
            continue
        first = next((j for j in range(i + 1, min(len(lines), i + 1 + THREAD_GAP)) if signed(j)), None)
        if first is not None and any(signed(j) for j in range(first + 1, min(len(lines), first + 1 + THREAD_GAP))):
            return i
    return _unheaded_thread(lines, removed, prose_at=next(
        (i for i, line in enumerate(lines) if i not in removed and word_count(line) >= 15), len(lines)))


_COMMENT_SIGNATURE = re.compile(r"^(?:posted|written|submitted|comment(?:ed)?) by\s*:", re.I)
"""A comment's signature as blog software writes it under each comment ("Posted by: Reed Hedges | Apr 6, 2007 1:11:01
PM"; the post's own is "Posted by Kathy on …", without the colon)."""
UNHEADED_SIGNATURES = 3


def _unheaded_thread(lines: list[str], removed: dict[int, str], prose_at: int) -> int | None:
    """A thread whose heading the extractor left out: ``UNHEADED_SIGNATURES`` comment signatures ("Posted by: …" with
    its time), each within ``THREAD_GAP`` lines of the next, after the article's prose. It starts with the first
    comment's text: the lines between the last line dropped before the first signature (the post's own signature, a
    trackback's time) and that signature, at most ``THREAD_GAP`` lines; else at the signature."""
    run: list[int] = []
    for j in range(prose_at + 1, len(lines)):
        if run and j - run[-1] > THREAD_GAP:
            run = []
        if (word_count(lines[j]) <= SIGNATURE_WORDS and _COMMENT_SIGNATURE.match(lines[j])
                and _SIGNATURE.match(lines[j])):
            run.append(j)
            if len(run) >= UNHEADED_SIGNATURES:
                break
    if len(run) < UNHEADED_SIGNATURES:
        return None
    first = run[0]
    before = next((k for k in range(first - 1, max(prose_at, first - 1 - THREAD_GAP), -1) if k in removed), None)
    return before + 1 if before is not None else first


_COMMENTS_DISCLAIMER = re.compile(
    r"^(?![\x22“„«‘‚\u0027])(?!.*\b(?:said|says|told|tells|wrote|according to|warned|cautioned)\b)"
    r"(?=.{0,40}\bcomments\b).{0,120}?"
    r"\b(?:readers|users|visitors|commenters)\b[^.!?]{0,80}[.!?]?\s*"
    r"(?:(?:they |these |which |and )?(?:do not|don\u0027t|does not|in no way do they|are not)\s+(?:necessarily )?"
    r"(?:represent|reflect)\s+(?:the\s+)?(?:views?|opinions?|positions?)\s+of\b)"
    r"(?!(?:[^,.!?]|[.!?](?=\S)){0,80},\s+(?:(?:the|a|an|its|his|her|their)\s|(?!(?:and|but|or|nor|so|as|which|who)\b)"
    r"\w+\s+(?:the|a|an|its|his|her|their)\s))", re.I)
"""The disclaimer that opens a comment section: readers' comments, and that they do not represent the site's view
("The following are comments from the readers. In no way do they represent the view of …", "Comments are the views
of our readers and do not necessarily reflect the views of …"), its sentence ending with the site's name ("… of
NWHerald.com or Shaw Newspapers.", "… of The Times, which may remove them."); not a line reporting one ("…, the editor
said", "…, the company argued", "…, its notice read", "…, reads the banner": a clause of the reporter's after the name's
comma; a quoted one), nor
one on what comments say of a place or a poll ("The readers who left comments do not represent the town as a whole",
"… they do not represent a majority view")."""
COMMENT_SECTION_LINES = 25
"""A comment section opened by its disclaimer (its rules, no comment signed: :func:`_comment_section`) is at most this
many lines from the end of the body."""


def _comment_section(lines: list[str], removed: dict[int, str]) -> int | None:
    """Where a comment section without signed comments starts: its disclaimer (:data:`_COMMENTS_DISCLAIMER`) after the
    article's prose, in the last ``COMMENT_SECTION_LINES`` lines; its rules follow it ("Do not post: * Comments
    unrelated to the story."), prose only by its place. None: no such section."""
    prose = next((i for i, line in enumerate(lines) if i not in removed and word_count(line) >= 15), len(lines))
    for i in range(max(prose + 1, len(lines) - COMMENT_SECTION_LINES), len(lines)):
        if _COMMENTS_DISCLAIMER.match(lines[i][:MAX_DISCLAIMER_CHARS]):
            return i
    return None


MAX_DISCLAIMER_CHARS = 400
"""Characters of a line matched for a comment section's disclaimer (a page-controlled length)."""


CAPTION_WORDS = 40
"""A body line longer than this is prose even when a picture's alt text repeats it (an alt set to the lead)."""

MEDIA_STAMP_CHARS = 40
"""The end of a line where a player's date and duration are looked for (a fixed window: constant cost a line)."""
_MEDIA_STAMP = re.compile(
    r"\s+(?:(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})\s*(?:[|·•,–-]\s*)?)?"
    r"(?:\d{1,2}:){1,2}\d{2}\s*(?:min(?:uten|utes)?|sek|sec|s|std|h)?\.?$"
    r"|\s+(?:\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2})$",
    re.I,
)
"""A player's stamp at a line's end: a date and a duration ("21.04.2024 | 3:18 min", "1:02:03"), or a date."""


def _media_text_stamped(line: str, media: Set[str]) -> bool:
    """Whether ``line`` is one of the ``media`` texts followed by a player's date and duration."""
    tail = line[-MEDIA_STAMP_CHARS:]
    m = _MEDIA_STAMP.search(tail)
    return m is not None and line[: len(line) - len(tail) + m.start()] in media


_BYLINE_LEAD = re.compile(
    r"^(?:[^\W\d_][\w\u0027’-]{0,30}\s+){0,3}(?:by|von|par|por|di|door|af|av)\s*:?\s*$"
    r"|^(?:[^\W\d_][\w\u0027’-]{0,30}\s+){0,3}[^\W\d_][\w\u0027’-]{0,30}\s*:\s*$"
)
"""What a byline says before its names: at most three words and "by" ("words by", "story and pictures by", "text
von"), or at most four words and a colon ("text and photos:", "reporter:")."""
_NAMES_JOINED = re.compile(r"^(?:[\s,&]|and\b|und\b|et\b|y\b|e\b)*\.?$")
"""What may stand between and after the names of a byline: commas, "and" ("Ruth Kendal and Tom Hale")."""


def _credited_byline(key: str, names: Set[str]) -> bool:
    """Whether ``key`` (a line as :func:`_norm` makes it) is a byline that credits the article's ``authors`` for a
    part of the work ("Words by Ruth Kendal", "Text and photos: Ruth Kendal"): a byline's lead
    (:data:`_BYLINE_LEAD`), then the names and nothing else. (A line at the body's top only: the authors' names are
    what tells it from a heading, "Killed by lightning", whatever the lead's words.)"""
    found = [key.find(name) for name in names if name and name in key]
    if not found:
        return False
    at = min(found)
    rest = key[at:]
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(name, " ") if name else rest
    return _BYLINE_LEAD.match(key[:at]) is not None and _NAMES_JOINED.match(rest) is not None


def clean_body(
    body: str,
    headline: str | None = None,
    authors: list[str] | None = None,
    drop_lines: tuple[str, ...] = (),
    captions: Set[str] = frozenset(),
    media: Set[str] = frozenset(),
    dates: tuple[str, ...] | None = None,
    promos: Set[str] = frozenset(),
    quotes: Mapping[str, str] | None = None,
) -> Cleaned:
    """The body without chrome lines; ``drop_lines`` are the site's own extra patterns; ``captions`` the page's
    picture captions (whitespace-normalised, :func:`newsproj.extraction.generic.picture_captions`); ``media`` the
    titles, captions and descriptions its JSON-LD media objects state (:func:`newsproj.extraction.media_lines`);
    ``dates`` the record's ISO dates (published, modified): a labelled date line at the top goes only when it
    states one of them (None: not checked);
    ``promos`` its lines that are a label and a link to another story (:func:`newsproj.extraction.verdict.
    promo_lines`), dropped as ``related``; ``quotes`` its lines that are a ``<blockquote>``'s text
    (:func:`newsproj.extraction.generic.quote_lines`), each with the :func:`text_key` of its quote's attribution:
    one whose words a longer line that stays holds is a pull quote, dropped as ``pull_quote``, and so is the next
    line when it is that attribution."""
    vocab = vocabulary()
    extra = tuple(re.compile(p, re.I) for p in drop_lines)
    lines = [" ".join(line.split()) for line in body.split("\n")]
    lines = [line for line in lines if line]
    keep = [True] * len(lines)
    removed: dict[int, str] = {}

    def drop(i: int, reason: str) -> None:
        if keep[i]:
            keep[i] = False
            removed[i] = reason

    # 1. vocabulary and site patterns (once per distinct line: a body of 100,000 "x" lines matches one)
    reasons: dict[str, str | None] = {}
    unlabelled: dict[str, str | None] = {}  # (the same, judged as the rest of a broken sentence: no table row)
    cells_seen: dict[str, str | None] = {}
    for i, line in enumerate(lines):
        if line not in reasons:
            reasons[line] = chrome_reason(line, vocab, extra, cells_seen)
        reason = reasons[line]
        if reason and i and keep[i - 1] and _continues(lines[i - 1], line, lines[i + 1] if i + 1 < len(lines) else ""):
            if line not in unlabelled:  # the rest of a broken sentence
                unlabelled[line] = chrome_reason(line, vocab, extra, cells_seen, label=False)
            reason = unlabelled[line]
        if reason:
            drop(i, reason)

    # 1'. a transcript's speaker turns (">> Good evening ..." on TRANSCRIPT_TURNS lines or more: closed captions)
    #     are judged by their words, not as calls to action marked by arrows (the vocabulary's "^>>")
    turns = [i for i, line in enumerate(lines) if line.startswith(">>")]
    if len(turns) >= TRANSCRIPT_TURNS:
        for i in turns:
            if removed.get(i) == "related" and not chrome_reason(lines[i].lstrip("> "), vocab, extra):
                keep[i] = True
                del removed[i]

    # 1''. a shoot's or production's credits: CREDIT_RUN lines or more in a row, each "Role: NAMES" in capitals
    start = None
    for i in range(len(lines) + 1):
        if i < len(lines) and _credit_line(lines[i]):
            start = i if start is None else start
            continue
        if start is not None and i - start >= CREDIT_RUN:
            for k in range(start, i):
                drop(k, "credits")
        start = None

    # 1'''. a step of a list of steps: a list item of a sentence's length that only a label's pattern matched ("- Sign
    #       up for a Hulu ad-free account for $11.99 a month"), next to a list item of that length that stays ("- If
    #       you already have a Hulu account, visit your account page to upgrade"), is the list's text, not a call to
    #       action: a bar or a box of calls to action is made of labels, each of them dropped (their neighbours too)
    for i in sorted(removed):
        if (removed[i] != "credits" and _LIST_STEP.match(lines[i]) and word_count(lines[i]) >= vocab.sentence_words
                and any(0 <= j < len(lines) and keep[j] and _LIST_STEP.match(lines[j])
                        and word_count(lines[j]) >= vocab.sentence_words for j in (i - 1, i + 1))
                and not chrome_reason(lines[i], vocab, extra, label=False)):
            keep[i] = True
            del removed[i]

    # 1a. a teaser's summary cut short ("... wynika ze słów Donalda Tr...") next to its
    #     link to the story ("Czytaj więcej", "Read more"), above or below it: the summary goes with the link
    more = [i for i in removed if removed[i] == "related" and any(rx.search(lines[i]) for rx in vocab.more)]
    for i in more:
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines) and keep[j] and _CUT_SHORT.search(lines[j]) and word_count(
                    lines[j]) >= CUT_SUMMARY_WORDS:
                drop(j, "related")

    # 1b. a line that is one phrase twice ("Title Title"): a teaser's heading and its link text glued together
    for i, line in enumerate(lines):
        half = len(line) // 2
        if keep[i] and len(line) >= 20 and line[:half].strip() == line[half:].strip() and _WORDY.search(line):
            drop(i, "repeated")

    # 2. repeated lines: a short control seen three times or more ("Enlarge" on every photo) is dropped
    #    everywhere; any other line shown twice or more keeps its first occurrence (a caption shown twice, a pull
    #    quote, a label repeated per item: "[Engadget]", "TED@London");
    #    lines of a repeated structure (list items, table rows, a plan's labels) are kept every time.
    keys = [_norm(line) for line in lines]
    counts = Counter(keys)
    structure = _repeated_structure(lines, keys, counts, keep)
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = keys[i]
        if counts[key] > 1 and line.rstrip().endswith(("?", "？")):
            pass  # the same question asked of each guest: an interview, not chrome
        elif counts[key] > 1 and key in structure:
            pass
        elif counts[key] > 1:
            if counts[key] >= 3 and _label(line) and not _SENTENCE_CLOSE.search(line):
                drop(i, "repeated")
            elif key in seen:
                drop(i, "repeated")
        seen.add(key)

    # 2b. a caption shown alone and again glued to its credit ("Caption." / "Caption. Copyright X via AP"):
    #     a prefix lookup in the sorted credit lines (not a scan of every line for every short line: O(lines²))
    credits = sorted(keys[j] for j, reason in removed.items() if reason == "credits")
    for i, line in enumerate(lines):
        if not credits or not keep[i] or word_count(line) > 20:
            continue
        glued = keys[i] + " "
        at = bisect.bisect_left(credits, glued)
        if at < len(credits) and credits[at].startswith(glued):
            drop(i, "caption")

    # 2b'. a line that is a label and a link to another story of the site ("Read also: <a>…</a>", any language)
    if promos:
        promoted = {" ".join(p.split()) for p in promos}
        for i, line in enumerate(lines):
            if keep[i] and line in promoted:
                drop(i, "related")

    # 2c. a line that is exactly a picture's caption (its alt text, shown again in the picture's own block and
    #     nowhere else on the page): the caption, or the headline of a teaser tile, not the article's prose
    if captions:
        for i, line in enumerate(lines):
            if keep[i] and word_count(line) <= CAPTION_WORDS and line in captions:
                drop(i, "caption")

    # 2d. a line that is a player's or a picture's own text as the page's media objects state it (a video's title
    #     "Feuerwehrleute sollen später in Pension | wdr aktuell", its description, a picture's caption), alone or
    #     followed by the date and duration the player shows ("… Eskalation? 21.04.2024 | 3:18 min"). Unless they
    #     are all the body has: a page whose story is its video gives the video's description as its text too
    if media:
        played = {i for i, line in enumerate(lines) if keep[i] and (line in media or _media_text_stamped(line, media))}
        if any(keep[i] and line for i, line in enumerate(lines) if i not in played):
            for i in sorted(played):
                drop(i, "media")

    # 3. a "you might also like" heading and the headline-like lines after it. Each line is walked once: a
    #    heading inside the run of an earlier one continues from where that run stopped.
    teasers: list[bool] | None = None
    run_end = 0
    questions_end = 0  # the end of the last run of question lines scanned
    headings: dict[str, bool] = {}
    for i, line in enumerate(lines):
        if line not in headings:
            headings[line] = not _MID_SENTENCE_END.search(line) and any(rx.search(line) for rx in vocab.tail)
        if headings[line]:
            drop(i, "related")
            j = max(i + 1, run_end)
            # a heading that carries its teaser ("Lesen Sie auch: <headline>") is one link: the headline-like
            # line after it is the article's next subheading, not the next teaser (a list below it still goes
            # when teasers run to the end of the body)
            inline = _INLINE_TEASER.search(line) is not None
            while not inline and j < len(lines):
                if _headline_like(lines[j]) or not keep[j]:
                    drop(j, "related")
                    j += 1
                    continue
                # teasers asked as questions go on the run only when it goes on after them (or they end the body): a
                # question followed by prose is the article's own question subheading ("Read more" / "What is the
                # windfall tax?" / the answer), kept as before 78e1bac. (j never goes back: the questions after j are
                # scanned once.)
                if questions_end <= j:
                    questions_end = j
                    while questions_end < len(lines) and _question_title(lines[questions_end]):
                        questions_end += 1
                after = questions_end
                # (two questions in a row are teasers even when prose follows: an article's question subheading is
                # followed by its answer, not by another question)
                if after == j or (after - j < 2 and after < len(lines) and keep[after]
                                  and not _headline_like(lines[after])):
                    break
                for k in range(j, questions_end):
                    drop(k, "related")
                j = questions_end
            run_end = j
            if j < len(lines):
                if teasers is None:  # (its inputs do not change in this step: the "repeated" drops are made)
                    teasers = _teasers_to_the_end(lines, removed)
                if teasers[i + 1]:
                    for k in range(j, len(lines)):
                        drop(k, "related")
                    run_end = len(lines)

    # 3b. a comment thread: a comments heading followed by comments signed with their author and time
    thread = _comment_thread(lines, keys, removed)
    if thread is None:
        thread = _comment_section(lines, removed)
    if thread is not None:
        for k in range(thread, len(lines)):
            drop(k, "comments")

    # 4. headline, byline and date repeated at the top of the body: before its first paragraph of prose, and in
    #    the TOP_AFTER_LEAD short lines right after it (a lead or deck set above the byline and the date)
    head = _norm(headline) if headline else None
    names = {_norm(a) for a in authors or []}
    lead: int | None = None
    for i, line in enumerate(lines):
        prose = keep[i] and word_count(line) >= 15
        if lead is not None and (prose or i - lead > TOP_AFTER_LEAD):
            break  # the second paragraph of prose, or past the lead's byline and date: the top is over
        if prose:
            lead = i  # the first paragraph of prose
            continue
        key = keys[i]
        if head and key.rstrip(".") == head.rstrip("."):
            drop(i, "headline")
        elif names and (key in names or re.sub(r"^(?:by|von|par|por|di|โดย|מאת|بقلم)\s+", "", key) in names
                        or (key.startswith(_BY_WORDS) and any(n in key for n in names))
                        or _credited_byline(key, names)
                        or (dates is not None and _states(line, dates) and any(f"by {n}" in key for n in names))
                        or (dates is not None and _timed_byline(line, dates, names))):
            # (or the record's date, "by" and an author: "Monday 21 March 2016, by Jim Harrow"; or its time of day:
            # "1:25pm PT by Ryan Parker" above a story published at 13:25)
            drop(i, "byline")
        elif _DATE_LINE.match(line) and (dates is None or not _LABELLED.match(line) or _states(line, dates)):
            drop(i, "dateline")

    # 5. a pull quote: a <blockquote>'s text whose words a longer line that stays holds (the article's sentence set
    #    again, larger, beside its paragraph: the paragraph keeps them; judged last, so that a line the other steps
    #    drop, a reader's comment quoting the post, never takes the post's own quotation with it)
    if quotes:
        spaced = [f" {text_key(line)} " if keep[i] else "" for i, line in enumerate(lines)]
        # a longer line holds it when the kept text holds it more often than the lines that are exactly it: one
        # search of the joined text a quote (a line holds no "\n"), not a Python loop over every line a quote
        # (1,000 quotes beside 29,000 lines: 3.5 s of CPU more than none, now ~0.5 s)
        # (one search a distinct quote, not a line: lines that differ only in case or punctuation share a key, and
        # 20,000 of them cost one search each, 20,000 searches of the whole text: 16,000 lines ~5 s of CPU)
        joined, exact = "\n".join(spaced), Counter(spaced)
        held: dict[str, bool] = {}
        for i, line in enumerate(lines):
            if not keep[i] or line not in quotes:
                continue
            if spaced[i] not in held:
                held[spaced[i]] = joined.count(spaced[i]) > exact[spaced[i]]
            if held[spaced[i]]:
                drop(i, "pull_quote")
                # (its attribution right after it, "— Advocate Dali Mpofu": the pull quote's box, not the text)
                if quotes[line] and i + 1 < len(lines) and keep[i + 1] and spaced[i + 1] == f" {quotes[line]} ":
                    drop(i + 1, "pull_quote")

    text = "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
    return Cleaned(text=text, removed=[(lines[i], removed[i]) for i in sorted(removed)])


_TITLE_SEPARATOR = re.compile(r"(?<!\s)\s+[|–—]\s+")
"""" | ", " – ": a match starts only where white space starts (else every space of a long run of newlines in a
title starts a scan to the run's end: quadratic)."""


def clean_title(value: str | None) -> str | None:
    """A headline or description without a trailing credit (" - Photo: X", " | Getty Images")."""
    if not value:
        return value
    vocab = vocabulary()
    parts = _TITLE_SEPARATOR.split(value)
    if len(parts) > 1 and chrome_reason(parts[-1], vocab) == "credits":
        return " ".join(parts[:-1]).strip() or value
    return value
