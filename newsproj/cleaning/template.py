"""Template lines: a body line that repeats across many pages of the same site is the site's template (a share
bar, a comment counter, a footer, a caption credit), whatever its language. Pure: no Scrapy engine (the crawl's
adapter is :class:`newsproj.pipelines.template.TemplatePipeline`).

**Evidence.** Per site, a table of line hashes (normalised: white space, case, Unicode form, digits) → the pages
it was seen on, each page named by a *signature*: the hash of the page's longest other line. Two copies of one
article (the same text under several URLs, a print and an AMP version, a re-post) share their longest line, so
they are one page here: repeating an article never makes its body template. A line is template once it has been
seen on ``min_pages`` pages with different signatures.

**Where it applies.** Only to short lines (``max_words``: labels, prompts, sign-offs, counters, credits; never a
paragraph, never a question: a series' standing question is its heading; never one word: a name signed under every
post of a blog is one word, and the one-word controls "Share", "Anzeige", "Kommentare" are the vocabulary's)
and only at the edges of the body: a run of template lines that reaches the start or the end of the body (the
line between two paragraphs, "Ingredients" on every recipe page, is content that happens to repeat).
A body that is template only (a page the extractor misread) keeps its lines.

**Bounded.** Per page, at most ``max_page_lines`` short lines are looked at (the first and the last half of
them). Per site, at most ``max_lines`` hashes with at most ``min_pages`` signatures each (at the cap, lines seen
on one page only are forgotten first, oldest first; when nearly every kept line repeats, no new line is
learnt). At most ``max_sites`` sites at once (the least recently seen is handed to ``evicted``, which saves it).

**Sites.** The caller names the site of every page (:func:`site_key`): a page's lines are counted and judged
within its own site only, so one site can neither make another site's prose vanish nor hide its chrome.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..text import word_count

MIN_PAGES = 3
MAX_WORDS = 40
"""A template line is at most this long: a label, a counter, a credit, or a sign-off of a sentence or two ("Sign up
to our newsletter and you will be able to download the eBook for free"; on half A of the dev corpora such sign-offs
run to 30 words); a paragraph is longer."""
LEAD_WORDS = 20
"""At the start of the body a template line is at most this long (a kicker, a dateline, a share bar). A longer line
there is the article's lead, and wire copy or a developing story opens several articles of a site with the same
lead sentence: only at the end of the body does a line of ``LEAD_WORDS`` to ``MAX_WORDS`` words sign off."""
MAX_LINES = 4000
MAX_SITES = 256
MAX_PAGE_LINES = 200
EDGE_LINES = 12
"""A template run at an edge of the body is at most this many lines long (a footer, a header block)."""

_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u2060\u202a-\u202e\u2066-\u2069]")
_DIGITS = re.compile(r"\d+")


def _question(line: str) -> bool:
    """A question is a heading of the article ("What's the latest development?"), even when every page asks it."""
    return line.rstrip(" \t\"'”’»)]*").endswith(("?", "？"))



def line_hash(line: str) -> int:
    """The line's key as a 64-bit int: NFKC, case and white space folded, format characters dropped, every run of
    digits one ``0`` ("7 Comments" and "23 Comments" are one line)."""
    text = " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", line)).casefold().split())
    text = _DIGITS.sub("0", text)
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")


@dataclass(slots=True)
class SiteLines:
    """One site's evidence: line hash → signatures of the pages it was seen on (insertion order = age)."""

    lines: dict[int, tuple[int, ...]] = field(default_factory=dict)
    pages: int = 0
    """Pages observed (this run and the history)."""
    known: frozenset[int] = frozenset()
    """Lines that were template before this run started (from the history): what a removal owes to it."""
    full: bool = False
    """Nearly every kept line repeats: no new line is learnt."""
    changed: bool = False

    def to_json(self, site: str) -> dict[str, Any]:
        return {"version": 1, "site": site, "pages": self.pages,
                "lines": [[key, list(sigs)] for key, sigs in self.lines.items()]}

    @classmethod
    def from_json(cls, data: Any, min_pages: int, max_lines: int) -> SiteLines:
        """The evidence of a history file (checked: a bad value raises ValueError)."""
        if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("lines"), list):
            raise ValueError("not a template history file")
        site = cls(pages=int(data.get("pages") or 0))
        for entry in data["lines"][-max_lines:]:
            key, sigs = entry
            site.lines[int(key)] = tuple(int(s) for s in sigs)[:min_pages]
        site.known = frozenset(k for k, sigs in site.lines.items() if len(sigs) >= min_pages)
        return site

    def merge(self, other: SiteLines, min_pages: int, max_lines: int) -> None:
        """Add ``other``'s evidence (the site's history file, saved meanwhile by another process, or by this one
        earlier) to this one: per line the union of the page signatures, ``pages`` the larger count (not the sum:
        it undercounts pages two processes saw, and never counts one twice). Idempotent: merging a file this
        evidence already holds changes nothing."""
        for key, sigs in other.lines.items():
            mine = self.lines.get(key, ())
            if len(mine) < min_pages:
                self.lines[key] = (mine + tuple(s for s in sigs if s not in mine))[:min_pages]
            if len(self.lines) >= max_lines:
                break
        self.pages = max(self.pages, other.pages)


@dataclass(slots=True)
class Found:
    """What the rule made of one body."""

    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    """(line, reason): ``template`` (evidence of this run) or ``template_history`` (known before this run)."""
    kept_all: int = 0
    """Template lines kept because they are all the body has."""


@dataclass(slots=True)
class Seen:
    """A page whose lines :meth:`TemplateLines.learn` has counted, to be judged."""

    site: str
    body: str
    lines: list[str]
    keys: dict[int, int]
    """Candidate line index → its hash."""


def _signatures(lines: list[str], key_of: Callable[[int], int]) -> tuple[int, int]:
    """The hashes of the page's two longest distinct lines (the second is the first on a page of one line).
    ``key_of(i)`` is line ``i``'s hash, asked only of a line longer than the second longest so far (a shorter one
    changes nothing, whatever its hash): a few lines of a body are hashed, not all of them."""
    first = second = -1
    first_len = second_len = -1
    for i, line in enumerate(lines):
        size = len(line)
        if size <= second_len:
            continue
        key = key_of(i)
        if key == first:
            continue
        if size > first_len:
            second, second_len = first, first_len
            first, first_len = key, size
        else:
            second, second_len = key, size
    return first, (second if second != -1 else first)


def _page_signature(top: int, second: int) -> int:
    """A page's name in the evidence: its two longest lines together. Two copies of one article share both; two
    articles of a site whose longest line is the site's own (a long terms-of-use notice under every page) differ
    in the second (named by the longest line alone, every page of such a site was one page, and its template
    never reached ``min_pages``)."""
    return int.from_bytes(hashlib.blake2b(f"{top} {second}".encode(), digest_size=8).digest(), "big")


class TemplateLines:
    """Template evidence for many sites; :meth:`apply` learns from one page and cleans its body."""

    def __init__(self, min_pages: int = MIN_PAGES, max_words: int = MAX_WORDS, max_lines: int = MAX_LINES,
                 max_sites: int = MAX_SITES, max_page_lines: int = MAX_PAGE_LINES,
                 load: Callable[[str], SiteLines | None] | None = None,
                 evicted: Callable[[str, SiteLines], None] | None = None):
        self.min_pages = max(2, min_pages)
        self.max_words = max_words
        self.max_lines = max_lines
        self.max_sites = max(1, max_sites)
        self.max_page_lines = max(2, max_page_lines)
        self.load = load
        self.evicted = evicted
        self.sites: OrderedDict[str, SiteLines] = OrderedDict()

    def site(self, key: str) -> SiteLines:
        site = self.sites.get(key)
        if site is not None:
            self.sites.move_to_end(key)
            return site
        site = (self.load(key) if self.load else None) or SiteLines()
        self.sites[key] = site
        while len(self.sites) > self.max_sites:
            old_key, old = self.sites.popitem(last=False)
            if self.evicted:
                self.evicted(old_key, old)
        return site

    def _candidates(self, lines: list[str]) -> list[int]:
        short = [i for i, line in enumerate(lines)
                 if 2 <= word_count(line) <= self.max_words and not _question(line)]
        if len(short) > self.max_page_lines:
            half = self.max_page_lines // 2
            short = short[:half] + short[-half:]
        return short

    def _learn(self, site: SiteLines, key: int, sig: int) -> None:
        sigs = site.lines.get(key)
        if sigs is None:
            if site.full:
                return
            if len(site.lines) >= self.max_lines:
                self._prune(site)
                if site.full:
                    return
            site.lines[key] = (sig,)
            site.changed = True
        elif sig not in sigs and len(sigs) < self.min_pages:
            site.lines[key] = sigs + (sig,)
            site.changed = True

    def _prune(self, site: SiteLines) -> None:
        """Forget lines seen on one page only, oldest first, down to three quarters of the cap."""
        target = self.max_lines * 3 // 4
        drop = len(site.lines) - target
        for key in [k for k, sigs in site.lines.items() if len(sigs) == 1][:drop]:
            del site.lines[key]
        site.full = len(site.lines) > target

    def apply(self, site_key: str, body: str) -> Found:
        """Learn the page's lines as evidence of its site, then drop its template lines (at the body's edges)."""
        return self.judge(self.learn(site_key, body))

    def learn(self, site_key: str, body: str) -> Seen:
        """Learn the page's lines as evidence of its site; :meth:`judge` cleans it, now or once later pages of the
        site have added their evidence (a crawl's first pages of a site, held back for it)."""
        lines = body.split("\n")
        site = self.site(site_key)
        candidates = self._candidates(lines)
        if not candidates:
            return Seen(site_key, body, lines, {})
        keys = {i: line_hash(lines[i]) for i in candidates}
        if len(lines) < 2000:
            top, second = _signatures(lines, lambda i: keys.get(i) or line_hash(lines[i]))
        else:
            top, second = _signatures([lines[i] for i in candidates], lambda n: keys[candidates[n]])
        site.pages += 1
        page = _page_signature(top, second)
        for i in candidates:
            self._learn(site, keys[i], page)
        return Seen(site_key, body, lines, keys)

    def judge(self, seen: Seen) -> Found:
        """Drop the page's template lines (at the body's edges), by the site's evidence as it stands now."""
        if not seen.keys:
            return Found(seen.body)
        site = self.site(seen.site)
        lines, keys = seen.lines, seen.keys
        template = {i for i, key in keys.items() if len(site.lines.get(key, ())) >= self.min_pages}
        if not template:
            return Found(seen.body)
        drop = self._edges(lines, template)
        if not drop:
            return Found(seen.body)
        kept = [line for i, line in enumerate(lines) if i not in drop]
        if not any(line.strip() for line in kept):
            return Found(seen.body, kept_all=len(drop))
        removed = [(lines[i], "template_history" if keys[i] in site.known else "template") for i in sorted(drop)]
        return Found("\n".join(kept), removed)

    @staticmethod
    def _edges(lines: list[str], template: set[int]) -> set[int]:
        """The template lines in a run that reaches the start or the end of the body (blank lines, one-word lines
        — kept — and other template lines continue a run; at most ``EDGE_LINES`` lines from the edge): a form's
        "Website" field between two template lines does not end the comment form's template. A line over
        ``LEAD_WORDS`` words is template only in the run at the end (a sign-off); at the start it is a lead."""
        drop: set[int] = set()
        for start, order in ((True, range(len(lines))), (False, range(len(lines) - 1, -1, -1))):
            for steps, i in enumerate(order):
                if steps >= EDGE_LINES:
                    break
                if i in template and not (start and word_count(lines[i]) > LEAD_WORDS):
                    drop.add(i)
                elif word_count(lines[i]) > 1:
                    break
        return drop

    def items(self) -> Iterable[tuple[str, SiteLines]]:
        return list(self.sites.items())


def site_key(site: str, claimed: str | None) -> str:
    """A page's site for the template evidence: the site that served it (``site``, from its URL), and the site its
    canonical link names when that is another one (pages of many publishers served from one host are many sites;
    a page can only split its own host's evidence, never reach another host's)."""
    return site if not claimed or claimed == site else f"{site} {claimed}"
