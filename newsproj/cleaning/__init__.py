"""Extracted fields → fields without chrome. Pure: no Scrapy engine."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..text import MIN_BODY_WORDS, word_count
from .chrome import Cleaned, chrome_reason, clean_body, clean_title

if TYPE_CHECKING:
    from collections.abc import Mapping, Set

    from ..items import Article
    from ..sites import SiteConfig

__all__ = ["clean", "clean_body", "clean_title", "chrome_reason", "Cleaned", "too_short"]


def clean(article: Article, site: SiteConfig | None = None, captions: Set[str] = frozenset(),
          media: Set[str] = frozenset(), promos: Set[str] = frozenset(),
          quotes: Mapping[str, str] | None = None) -> tuple[Article, Cleaned]:
    """The article with chrome removed from its body, headline and description; ``captions``: the page's picture
    captions (a body line that is exactly one of them goes); ``media``: its media objects' texts (the same, or
    one followed by a player's date and duration); ``promos``: its cross-promotion lines (each goes); ``quotes``:
    its lines that are a ``<blockquote>``'s text, with their attribution (one that a longer line holds is a pull
    quote: it goes, and the attribution after it)."""
    cleaned = clean_body(
        article.articleBody,
        headline=article.headline,
        authors=[a.name for a in article.authors],
        drop_lines=site.drop_lines if site else (),
        captions=captions,
        media=media,
        dates=tuple(d for d in (article.datePublished, article.dateModified) if d),
        promos=promos,
        quotes=quotes,
    )
    return (
        replace(
            article,
            articleBody=cleaned.text,
            headline=clean_title(article.headline) or article.headline,
            description=clean_title(article.description),
        ),
        cleaned,
    )


def too_short(article: Article) -> bool:
    """Whether the body left once chrome is removed is too little for an article (any script's words)."""
    return word_count(article.articleBody) < MIN_BODY_WORDS
