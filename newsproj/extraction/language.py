"""Language of a text when the page states none: py3langid (small, fast, offline model shipped in the wheel)."""

from __future__ import annotations

from functools import cache

from ..text import UNSPACED

MIN_CHARS = 120
"""A shorter text gets no language; a character of a script written without spaces (Chinese, Japanese, Thai...)
counts as three here: about two of them make a word, as six letters and a space do in a Latin script (a Chinese
news brief of 60 characters says as much as 180 letters of English, and the model names it surely)."""
UNSPACED_WEIGHT = 3
MIN_CONFIDENCE = 0.8
SAMPLE_CHARS = 2000
"""The model reads this much of a text: its cost grows with length, its answer stops changing long before (same
language on all 232 dev pages at 2,000 as at 4,000)."""


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from ..compat import language_identifier

    return language_identifier()  # (py3langid's, its byte walk in numpy: the same results at ~half the cost)


OVERRIDE_CONFIDENCE = 0.99
OVERRIDE_CHARS = 600
# Languages a detector confuses with a neighbour: a page's own statement is trusted over the detector for these.
_CLOSE = [{"no", "nb", "nn", "da", "sv"}, {"ms", "id"}, {"hr", "sr", "bs"}, {"cs", "sk"}, {"es", "gl", "ca"},
          {"pt", "gl"}, {"af", "nl"}, {"zh", "ja"}]


MACROLANGUAGES = {"zh": ("zh", "wuu", "yue"), "ar": ("ar", "ary", "arz")}
"""Macrolanguages whose varieties the model tells apart, and splits a text's probability between: a Chinese news
text is zh 0.69 and Wu (wuu) 0.31, an Arabic one Standard Arabic 0.81 and Moroccan (ary) 0.19. Where the first of
them alone is unsure, the text is the macrolanguage (BCP 47 ``zh``, ``ar``: what a page in any of them is) when its
varieties together are sure."""
_MACRO = {member: macro for macro, members in MACROLANGUAGES.items() for member in members}


def _classify(text: str) -> tuple[str, float]:
    """The model's language of ``text`` (its first ``SAMPLE_CHARS``) and its probability; a macrolanguage's
    (``MACROLANGUAGES``) with the sum of its varieties' where the first variety alone is unsure."""
    sample = text[:SAMPLE_CHARS]
    lang, prob = _identifier().classify(sample)
    lang, prob = str(lang), float(prob)
    macro = _MACRO.get(lang)
    if macro is None or prob >= MIN_CONFIDENCE:
        return lang, prob
    # (read again for every language's probability: only on the few texts where a variety is first and unsure)
    return macro, float(sum(p for code, p in _identifier().rank(sample) if _MACRO.get(str(code)) == macro))


def long_enough(text: str) -> bool:
    """``MIN_CHARS`` or more, a character of an unspaced script counting ``UNSPACED_WEIGHT`` (only a short text's
    characters are tested: bounded)."""
    if len(text) >= MIN_CHARS:
        return True
    return len(text) + (UNSPACED_WEIGHT - 1) * len(UNSPACED.findall(text)) >= MIN_CHARS


def contradicts(stated: str, text: str | None) -> str | None:
    """The body's language when it is surely not the ``stated`` one (a template's default "en-US" on a page
    written in isiZulu), else None. A variety of the stated macrolanguage (``MACROLANGUAGES``: Cantonese text under
    ``zh-HK``) is none."""
    if not text or len(text) < OVERRIDE_CHARS:
        return None
    lang, prob = _classify(text)
    primary = stated.split("-")[0]
    if prob < OVERRIDE_CONFIDENCE or lang == primary or any(lang in g and primary in g for g in _CLOSE):
        return None
    if _MACRO.get(lang, lang) == _MACRO.get(primary, primary):
        return None  # (a variety of the stated macrolanguage: Cantonese under "zh-HK", Egyptian Arabic under "ar")
    return lang


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of ``text`` (a macrolanguage's where its varieties together are sure: ``MACROLANGUAGES``) or
    None when it is too short (``long_enough``) or the model is unsure."""
    if not text or not long_enough(text):
        return None
    lang, prob = _classify(text)
    return lang if prob >= MIN_CONFIDENCE else None
