"""Soft failures: a step of one page's extraction that failed on the page and that the page went on without.

A candidate extractor that raises is no candidate, a date heuristic that raises finds no date, a JSON-LD script
that cannot be read states nothing: the page still gets its outcome, and the step logs why (at DEBUG, a failed
trafilatura run at WARNING, in the process that extracted the page: a pool worker has no log handler, so its DEBUG
lines go nowhere). Each such step also notes its reason here, one of :data:`REASONS` (a fixed set:
never page text); :func:`newsproj.extraction.page.process_page` takes the page's reasons into its outcome, which
goes back to the crawl process (from a pool worker too), and the crawl counts them as
``newsproj/extract/soft_failure/<reason>`` (``newsproj/extractor.py``).

One page at a time a process (a pool worker, or the crawl's reactor thread with ``NEWSPROJ_EXTRACT_WORKERS=0``):
the notes are a module list, emptied by each :func:`take`. A leaf module, so that ``compat.py`` can note too.
"""

from __future__ import annotations

from typing import Literal, get_args

SoftFailure = Literal[
    "candidate_readability",  # readability-lxml raised on the page (generic.Readings.candidate)
    "candidate_unpruned",  # trafilatura's run on the unpruned page raised
    "trafilatura",  # a trafilatura run raised inside compat.extract_in_place (the run gives no text)
    "htmldate",  # htmldate raised (no date from it)
    "jsonld_unreadable",  # a JSON-LD script extruct could not read (that script states nothing)
    "jsonld_too_deep",  # a JSON-LD script nested deeper than text.MAX_JSON_DEPTH (not read)
    "headline_cut",  # a headline longer than headline.MAX_TITLE characters (a title of a template): cut at a word's end
    "byline_cut",  # an author string longer than normalize.MAX_BYLINE_CHARS characters: read up to its last separator
]
REASONS: frozenset[str] = frozenset(get_args(SoftFailure))

MAX_NOTED = 64
"""Notes kept a page (a page with a thousand broken scripts is counted a thousand times by nobody)."""

_noted: list[str] = []


def note(reason: SoftFailure) -> None:
    """The step that is running failed softly on the page being extracted, for ``reason``."""
    if len(_noted) < MAX_NOTED:
        _noted.append(reason)


def take() -> tuple[str, ...]:
    """The reasons noted since the last call (an empty tuple on the happy path), and no notes left."""
    if not _noted:
        return ()
    taken = tuple(_noted)
    _noted.clear()
    return taken


__all__ = ["MAX_NOTED", "REASONS", "SoftFailure", "note", "take"]
