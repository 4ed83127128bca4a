"""Language of a text when the page states none: py3langid (small, fast, offline model shipped in the wheel)."""

from __future__ import annotations

from functools import cache

MIN_CHARS = 120
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


def contradicts(stated: str, text: str | None) -> str | None:
    """The body's language when it is surely not the ``stated`` one (a template's default "en-US" on a page
    written in isiZulu), else None."""
    if not text or len(text) < OVERRIDE_CHARS:
        return None
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    lang, primary = str(lang), stated.split("-")[0]
    if prob < OVERRIDE_CONFIDENCE or lang == primary or any(lang in g and primary in g for g in _CLOSE):
        return None
    return lang


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of ``text`` or None when it is too short or the model is unsure."""
    if not text or len(text) < MIN_CHARS:
        return None
    lang, prob = _identifier().classify(text[:SAMPLE_CHARS])
    return str(lang) if prob >= MIN_CONFIDENCE else None
