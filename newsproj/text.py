"""Text measures shared by the stages (extraction, cleaning, validation): pure functions over strings, no
imports from the rest of the package, so every stage can use them without importing another stage."""

from __future__ import annotations

import re

MIN_BODY_WORDS = 20
"""Fewer words than this and the page is not an article (teaser, stub, error or consent page)."""
SHORT_BODY_WORDS = 40
"""A body shorter than this is an article only with a sentence of prose of its own (a short post introducing a
video, a news brief), not a teaser's text (extraction/verdict.py: ``short_page``)."""

CJK_CLASS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Kana and CJK ideographs, as the inside of a regex character class (Chinese and Japanese)."""
SOUTHEAST_CLASS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
"""Thai, Lao, Myanmar and Khmer, as the inside of a regex character class: written without spaces, their vowels and
tones are code points of their own (combining marks)."""
UNSPACED = re.compile(rf"[{SOUTHEAST_CLASS}{CJK_CLASS}]")
"""A character of a script written without spaces between words: Han, Hiragana, Katakana (Hangul uses spaces), Thai,
Lao, Khmer, Myanmar. In Chinese and Japanese about two characters make a word, in Thai and its neighbours about
four code points (a word's letters and its vowel and tone marks: "มีนาคม", March, is six). (The one list: word
counts, the body's line words, the language's length, the headline's parts.)"""
_SOUTHEAST = re.compile(rf"[{SOUTHEAST_CLASS}]")

_CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20]")


def word_count(text: str | None) -> int:
    """Words in ``text``, for any script: white-space words, plus two characters a word in Chinese and Japanese and
    four code points a word in Thai, Lao, Khmer and Myanmar (scripts that write no spaces), so a Japanese or Thai
    article is not "too short" for having none, and a Thai byline is no paragraph."""
    if not text:
        return 0
    unspaced = len(UNSPACED.findall(text))
    if not unspaced:
        return len(text.split())
    southeast = len(_SOUTHEAST.findall(text))
    rest = _CJK_PUNCTUATION.sub(" ", UNSPACED.sub(" ", text))
    return len(rest.split()) + (unspaced - southeast + 1) // 2 + (southeast + 3) // 4


_WORD = re.compile(r"\w+")


def text_key(text: str) -> str:
    """``text`` reduced to its words, casefolded and single-spaced: the key under which two renderings of one line
    (punctuation, case, spacing, markup remnants) compare equal."""
    return " ".join(_WORD.findall(text.casefold()))


def folded_key(folded: str) -> str:
    """:func:`text_key` of a text already casefolded (``text.casefold()``)."""
    return " ".join(_WORD.findall(folded))


MAX_JSON_DEPTH = 64
"""JSON-LD nests a few levels (a graph, an author, an image, an address: under 10); 64 is generous. Deeper data
makes ``json.loads`` raise RecursionError (100,000 levels lost a page and its links in the spider callback) and
any recursive walk of what it returns fragile."""

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.S)
"""A string literal; an unterminated one runs to the end (so that no match fails: a failed match at every quote of
``"\"\"\"…`` would rescan to the end each time)."""
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether the JSON ``text`` nests arrays and objects more than ``limit`` deep (brackets inside strings do
    not count). Linear; free for the usual script, which has fewer brackets than ``limit``."""
    if text.count("[") + text.count("{") <= limit:
        return False
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for char in brackets:
        if char in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False
