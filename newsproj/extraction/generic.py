"""The body, by trafilatura: one options object, the site's prune_xpath applied before extraction.

trafilatura runs in precision mode first (news pages: chrome costs more than a lost paragraph at the edge). Precision
mode sometimes stops at the first block of a body split into several (an inline ad or gallery in the middle):
when the balanced run finds more than ``RECALL_RATIO`` times as much text, the balanced text is taken instead.
"""

from __future__ import annotations

import copy
import logging
from typing import TYPE_CHECKING

import trafilatura
from trafilatura.settings import Extractor

from .normalize import word_count

if TYPE_CHECKING:
    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

RECALL_RATIO = 2.0
"""Balanced text this many times longer than the precise text means precision mode lost part of the body."""


def _options(url: str | None, precision: bool) -> Extractor:
    return Extractor(
        output_format="python",  # plain text in document.text, one paragraph a line
        precision=precision,
        comments=False,
        tables=True,
        dedup=False,
        with_metadata=False,
        url=url,
    )


def _run(tree: HtmlElement, url: str, precision: bool, prune_xpath: tuple[str, ...]) -> str | None:
    # trafilatura edits the tree it is given (it strips and prunes): each run gets its own copy.
    document = trafilatura.bare_extraction(
        copy.deepcopy(tree),
        url=url,
        options=_options(url, precision),
        prune_xpath=list(prune_xpath) or None,
    )
    if document is None:
        return None
    text = document.text if not isinstance(document, dict) else document.get("text")
    return text or None


def body_text(tree: HtmlElement, url: str, prune_xpath: tuple[str, ...] = ()) -> str | None:
    """The main text as plain lines (one paragraph a line), or None when trafilatura finds none."""
    precise = _run(tree, url, True, prune_xpath)
    balanced = _run(tree, url, False, prune_xpath)
    if balanced and word_count(balanced) > RECALL_RATIO * word_count(precise):
        logger.debug("Precision mode kept %d words of %d on %s: balanced text taken",
                     word_count(precise), word_count(balanced), url)
        return balanced
    return precise or balanced
