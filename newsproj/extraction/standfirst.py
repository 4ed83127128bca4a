"""The standfirst (lead, dek, teaser paragraph): the prose between the headline and the body.

Extractors that look for the densest block of paragraphs skip it, because publishers put it in the page header
beside the headline, not in the body container. It is part of the article as published, so it is taken back:
the blocks of prose after the ``<h1>`` and before the first line of prose of the extracted body (a line of chrome
it opens with is not it), outside figures, lists, navigation and forms, that the page's description vouches for
(or the lead it states after the headline: "Headline - The lead ...") or that are the sentence set right after the
displayed headline (a deck: no label's note or prompt, "Editor's note: ...", "Listen to this article ..."; one
that ends without a stop only when its class names it a deck). A form around the whole page (ASP.NET's) is no
box, but there only such a stated lead is taken. What is chrome among them (dates, bylines,
credits) the cleaning step removes as usual.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from ..cleaning.chrome import chrome_reason
from ..cleaning.patterns import first_match, vocabulary
from ..text import folded_key, text_key
from .parse import element_text

if TYPE_CHECKING:
    from collections.abc import Set

    from lxml.html import HtmlElement

CHROME_LINES = 3
"""Of the body's first lines, this many are read for chrome before its first line of prose (the vocabulary's cost)."""
MIN_CHARS = 40
"""A block shorter than this is a label, a kicker or a byline, not a standfirst."""
MAX_BLOCKS = 3

_BLOCK = {"p", "div", "h2", "h3", "span", "strong", "em", "b", "section", "header", "blockquote"}
_HAS_BLOCK_CHILD = {"p", "div", "h1", "h2", "h3", "h4", "ul", "ol", "section", "article", "figure", "table", "header",
                    "footer", "aside", "nav", "blockquote"}
_EXCLUDED_ANCESTORS = {"figure", "figcaption", "aside", "nav", "footer", "button", "form", "label", "time", "address",
                       "ul", "ol", "li", "table", "noscript", "script", "style", "a", "select", "template", "h1"}


_HEAD_CHARS = 400


def _head_key(text: str, length: int) -> str | None:
    """The start of ``text_key(text)``, at least ``length`` characters of it, read from the first characters of a long
    text (its last, maybe cut, word left out); None when that is not enough (then the whole text is read)."""
    if len(text) <= _HEAD_CHARS:
        return None
    words = re.findall(r"\w+", text[:_HEAD_CHARS].casefold())[:-1]
    head = " ".join(words)
    return head if len(head) >= length else None


def _is_leaf_block(el: HtmlElement) -> bool:
    return el.tag in _BLOCK and not any(
        isinstance(child.tag, str) and child.tag in _HAS_BLOCK_CHILD for child in el.iterchildren()
    )


def _excluded(el: HtmlElement, around: Set[HtmlElement] = frozenset()) -> bool:
    """``el`` is inside a box beside the story (a figure, a list, a form...), not counting a ``<form>`` that also holds
    the headline (``around``: the headline's ancestors): that one is the page's frame (an ASP.NET page's form around
    the whole page)."""
    return any(isinstance(a.tag, str) and a.tag in _EXCLUDED_ANCESTORS
               and (a.tag != "form" or a not in around) for a in el.iterancestors())


def _subtree_end(el: HtmlElement, tree: HtmlElement) -> HtmlElement | None:
    """The node ``tree.iter()`` gives after ``el`` and everything inside it (None: nothing after it)."""
    while el is not tree:
        later = el.getnext()
        if later is not None:
            return later
        parent = el.getparent()
        if parent is None:
            return None
        el = parent
    return None


def _link_share(el: HtmlElement, length: int) -> float:
    return sum(len(element_text(a)) for a in el.iter("a")) / max(length, 1)


def _matches(key: str, descriptions: list[str]) -> bool:
    """The block says what the page's description says (the description may be cut short, with "…")."""
    for desc in descriptions:
        if not desc:
            continue
        if key == desc or (len(desc) >= 30 and key.startswith(desc[:-1] if len(desc) > 60 else desc)):
            return True
        # a dateline before the same words ("Berlin. In Berlin brennen ...")
        if len(desc) >= 40 and desc[:40] in key[: 40 + 30] and len(key) <= len(desc) + 40:
            return True
        if len(key) >= 30 and desc.startswith(key):
            return True
    return False


_SENTENCE_END = re.compile(r"[.!?…][\"'”“»«)]*$")


_DECK_CLASS = re.compile(
    r"(?:^|[\s_-])(?:stand-?first|deck|dek|sub-?title|excerpt|summary|intro|lede)(?:$|[\s_-])", re.I)
"""A class or id token that names a deck ("article-subtitle", "stand-first", "article-excerpt", "intro"), bounded by
white space, "-" or "_" ("lead" and "teaser" are left out: "lead-author", "teaser-list")."""
_PROSE_TAGS = frozenset(("p", "div", "span"))


def _after(el: HtmlElement, display: HtmlElement) -> bool:
    """``el`` is the next element after the displayed headline, or after the ``<hgroup>``/``<header>`` holding it."""
    prev = el.getprevious()
    while prev is not None and not isinstance(prev.tag, str):
        prev = prev.getprevious()  # (a comment or processing instruction between them)
    return prev is not None and (prev is display or (prev.tag in ("hgroup", "header") and display in prev.iter()))


def _deck(el: HtmlElement, text: str, display: HtmlElement | None) -> bool:
    """The block is the deck set right after the displayed headline: the next element after the heading, or after
    the ``<hgroup>``/``<header>`` that holds it (FUNKE: "<hgroup>kicker, <h2>headline</h2></hgroup><div>intro"),
    and a sentence; a deck need not say what the page's description says.

    A deck that ends without a stop ("Canadian Rockies resort completes a sweeping overhaul after 2024 wildfire")
    is taken on its markup's word instead: a block of prose (``<p>``, ``<div>``, ``<span>``, not a heading: a second
    title there is a subtitle the truths leave out) whose class or id names a deck (:data:`_DECK_CLASS`), set right
    after the headline, alone or as the first child of such a holder ("<h1>…</h1><div class='intro'><p>…</p>")."""
    if display is None:
        return False
    if _SENTENCE_END.search(text):
        if not _after(el, display):
            return False
    elif el.tag not in _PROSE_TAGS:
        return False
    else:
        parent = el.getparent()
        holder = el if _after(el, display) else parent if (
            parent is not None and parent.tag in _PROSE_TAGS and _first_child(el) and _after(parent, display)) else None
        if holder is None or not any(_DECK_CLASS.search(x.get(name) or "") for x in {el, holder}
                                     for name in ("class", "id")):
            return False
    return not _promo(text)


def _first_child(el: HtmlElement) -> bool:
    """No element comes before ``el`` in its parent, and no text."""
    parent = el.getparent()
    if parent is None or (parent.text or "").strip():
        return False
    return next(parent.iterchildren(etree.Element), None) is el  # (comments skipped in C)


_LABEL_HEAD = re.compile(r"\W{0,3}(?:[^\W\d_][\w'’-]*\s+){0,2}[^\W\d_][\w'’-]*\s*:\s")
"""A block that opens with a label of one to three words and a colon ("Editor's note:", "Read more:", "Lesen Sie
auch:", "Support independent journalism:"): a note or a link's teaser beside the headline, not its deck."""


def _promo(text: str) -> bool:
    """The block beside the headline is a label's or a prompt's, not a deck: it opens with a label
    (:data:`_LABEL_HEAD`), or a pattern of the chrome vocabulary names it, a label's too whatever its length (the
    place is the deck's only evidence: "Listen to this article, read by an automated voice, in about four
    minutes.", "You have 3 free articles left this month. Subscribe for unlimited access.")."""
    if _LABEL_HEAD.match(text):
        return True
    vocab = vocabulary()
    return bool(first_match(text, vocab.any, vocab.any_literals, vocab.any_alternatives, vocab.any_gate)
                or first_match(text, vocab.short, vocab.short_literals, vocab.short_alternatives, vocab.short_gate))


_HEAD_SEPARATOR = re.compile(r"\s*[-–—|:]\s+")
"""What sets a description's lead off from the headline it repeats first ("Headline - The lead ...")."""


def _leads(descriptions: list[str], headline: str | None) -> list[str]:
    """Of each description that opens with the headline and a separator (a dash, a bar or a colon: "Stricken plane
    moved from runway - The wreckage of flight BA038 has been ..."), its text after them: the story's first paragraph
    as the page states it (the whole description never matches a block), when it ends as a sentence does."""
    head = " ".join((headline or "").split()).casefold()
    out: list[str] = []
    if not head:
        return out
    for desc in descriptions:
        flat = " ".join(desc.split())
        end = _casefold_prefix(flat, head)
        if end is not None:
            sep = _HEAD_SEPARATOR.match(flat, end)
            if sep and _SENTENCE_END.search(flat):  # (a lead is a sentence, maybe cut "..."; a site's slogan
                out.append(flat[sep.end():])  # after the headline, "| The Daily Planet - news you can trust", is not)
    return out


def _casefold_prefix(text: str, head: str) -> int | None:
    """Where ``head`` (casefolded) ends in ``text`` when ``text`` opens with it, casefolded, else None: in ``text``'s
    own characters ("Große Straße" is "grosse strasse" casefolded, two characters longer; "GROSSE" one more), so the
    separator after it is looked for where it is. (A character at a time up to ``head``'s length: bounded by it.)"""
    done = 0  # (characters of ``head`` matched: linear in it, a long headline too)
    for at, char in enumerate(text):
        if done >= len(head):
            return at if done == len(head) else None
        folded = char.casefold()
        if head[done:done + len(folded)] != folded:
            return None
        done += len(folded)
    return len(text) if done == len(head) else None


def standfirst(
    tree: HtmlElement, body: str, headline: str | None = None, descriptions: list[str] | None = None
) -> list[str]:
    """Lines of prose shown between the headline and the body that the body lacks (may be empty)."""
    lead_keys = [text_key(d) for d in _leads(descriptions or [], headline)]
    desc_keys = [text_key(d) for d in descriptions or [] if d] + lead_keys
    lines = [line for line in body.split("\n") if line.strip()]
    if not lines:
        return []
    h1s = [h for h in tree.iter("h1") if h.text_content().strip()]
    if not h1s:
        return []
    head_key = text_key(headline or "")
    h1 = next((h for h in h1s if head_key and text_key(h.text_content()) == head_key), h1s[0])
    # the first line of prose (a body may open with a marker such as "+++dropcap" or a label, or with a line of
    # chrome the cleaning step removes: a sign-in prompt set above the headline, "To read this article in full you
    # must be registered with the site.", is not where the body begins)
    first_key = text_key(next((line for n, line in enumerate(lines) if len(text_key(line).split()) >= 2
                               and not line.startswith("[") and (n >= CHROME_LINES or not chrome_reason(line))),
                              lines[0]))[:60]
    if not first_key:
        return []
    # a text whose key starts with or holds ``first_key`` holds its longest word as it is, casefolded (a key's words
    # are runs of the casefolded text): a text without it is read no further (the key's regex costs)
    anchor = max(first_key.split(), key=len)
    body_key = " " + text_key(body) + " "
    out: list[str] = []
    taken: set[HtmlElement] = set()
    display = h1 if text_key(h1.text_content()) == head_key else next(
        (h for h in tree.iter("h2") if head_key and text_key(h.text_content()) == head_key), None)
    around = set(h1.iterancestors())
    inside = set(h1.iterdescendants())  # (a set test, not a walk up the ancestors of every element of the page)
    started = found = False
    unanchored = False  # inside a container whose text lacks ``anchor``, until ``after`` (its subtree's end)
    after: HtmlElement | None = None
    for el in tree.iter():
        if unanchored and el is after:
            unanchored = False
        if el is h1:
            started = True
            continue
        if not isinstance(el.tag, str) or el in inside:
            continue
        if not started and (el.tag not in _BLOCK or not desc_keys or el in around):
            continue  # before the headline, only a block the page's description vouches for
        if not _is_leaf_block(el):
            if unanchored:
                continue  # (its text is part of a text without the body's first words: nor does its key hold them)
            # a container: only whether its text opens with the body matters, read from its first characters
            # (text_content() whole: reading only the first 400 characters in Python, text node by text node, cost
            # more, 0.77 -> 0.93 ms a page)
            raw = el.text_content()
            head = _head_key(raw, len(first_key))
            if head is None and anchor not in raw.casefold():
                # no key of its text can hold the body's first words, nor a key of a container inside it (a part of
                # its text, casefolded a part of its casefolded text): they are not read (its blocks still are)
                unanchored, after = True, _subtree_end(el, tree)
                continue
            key = head if head is not None else text_key(raw)
            if key.startswith(first_key):
                found = True
                break  # the body begins
            continue
        raw = element_text(el)
        text = " ".join(raw.split())
        folded = text.casefold()
        known = folded_key(folded) if anchor in folded else None  # (None: the body's first words are not in it)
        if known is not None and (known.startswith(first_key) or (len(first_key) >= 20 and first_key in known)):
            found = True
            break  # the body begins
        if len(text) < MIN_CHARS:
            continue
        # inside a page-wide <form> (ASP.NET), only the lead a "headline - lead" description states: a block there
        # that the description or the place of a deck vouches for may be a box's (decks the truths leave out)
        framed = _excluded(el)
        if framed and (not lead_keys or _excluded(el, around)):
            continue
        key = folded_key(folded) if known is None else known
        if any(a in taken for a in el.iterancestors()) or f" {key} " in body_key:
            continue
        vouched = _matches(key, lead_keys) if framed else (_matches(key, desc_keys) or _deck(el, text, display))
        if _link_share(el, len(text)) > 0.3 or not vouched:
            continue
        taken.add(el)
        out.append(text)
        if len(out) >= MAX_BLOCKS:
            found = True
            break
    return out if found else []
