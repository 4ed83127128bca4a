"""Language of a text when the page states none: py3langid (small, fast, offline model shipped in the wheel)."""

from __future__ import annotations

from functools import cache

MIN_CHARS = 120
MIN_CONFIDENCE = 0.8


@cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of ``text`` or None when it is too short or the model is unsure."""
    if not text or len(text) < MIN_CHARS:
        return None
    lang, prob = _identifier().classify(text[:4000])
    return str(lang) if prob >= MIN_CONFIDENCE else None
