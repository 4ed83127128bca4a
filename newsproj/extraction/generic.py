"""The body, by trafilatura: one options object, the site's prune_xpath applied before extraction."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import trafilatura
from trafilatura.settings import Extractor

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


def _options(url: str | None) -> Extractor:
    return Extractor(
        output_format="python",  # plain text in document.text, one paragraph a line
        precision=True,  # news pages: chrome costs more than a lost paragraph at the edge
        comments=False,
        tables=True,
        dedup=False,
        with_metadata=False,
        url=url,
    )


def body_text(tree: HtmlElement, url: str, prune_xpath: tuple[str, ...] = ()) -> str | None:
    """The main text as plain lines (one paragraph a line), or None when trafilatura finds none."""
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        options=_options(url),
        prune_xpath=list(prune_xpath) or None,
    )
    if document is None:
        return None
    text = document.text if not isinstance(document, dict) else document.get("text")
    return text or None
