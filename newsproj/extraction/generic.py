"""The body, by trafilatura: one options object, the site's prune_xpath applied before extraction.

trafilatura runs in precision mode first (news pages: chrome costs more than a lost paragraph at the edge). Precision
mode sometimes stops at the first block of a body split into several (an inline ad or gallery in the middle):
when the balanced run finds more than ``RECALL_RATIO`` times as much text, the balanced text is taken instead,
unless the page has more than one ``<h1>`` (the next articles of an infinite scroll, or a masthead and boxes whose
text the wider run would take in), or readability-lxml's block agrees with the precise text, not with the wider one
(a gallery's captions, the next stories, a blog's "about me" box: :func:`_page_content`).
The balanced run is skipped when the page's prose (its text without navigation, asides, headers, footers, forms and
link lists, measured after the precise run removed the comment threads, infinite-scroll and share containers that
trafilatura prunes in every mode) is no more than ``RECALL_RATIO`` times the precise text: it could not find that much
more; nor when that prose, less the blocks trafilatura discards by their id or class in every mode
(:func:`_kept_prose_words`), is no more.

When that main text looks wrong (:func:`looks_wrong`: a layout table, mostly the page's link texts, a fragment, or
a small part of the page's prose), independent candidates are weighed (:func:`best_candidate`): trafilatura on the
page with every container (its markup repaired as for the main run) and readability-lxml's block (strong on old and
table layouts). Only then: the check costs one walk of the page's links, the candidates two more extractions. A text
only short of the page's prose that the balanced run (the unpruned candidate's options) took too is not weighed; in
place of a layout table or a link list, readability's block of prose is enough (the unpruned candidate is not run), and
so is a block all in that text when the text's other lines are no prose (a short post above its sidebar's book table:
:func:`_story_beside_rows`). On a
page where several ``<h1>`` each open an article (:func:`several_articles`: paragraphs follow each), the rest of the
page's prose may be the next articles, so a text short of it is wrong only when it holds no prose of its own; a
section label, the site's name or a box's title in an ``<h1>`` opens none (the precise text is then checked against
the whole page's prose, as on a page with one heading).

A short post's lines that the page shows only inside a sidebar (an element its id or class names one: a blog's
"About" text widget, a Drupal sidebar block, taken in by trafilatura with a post too short to stand alone) go at the
end (:func:`without_sidebar_lines`).
"""

from __future__ import annotations

import bisect
import copy
import datetime
import html
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import lxml.html
from lxml import etree
from lxml.html.defs import tags as html_tags
from trafilatura.settings import Extractor

from .. import soft_failures
from ..cleaning.patterns import vocabulary
from ..compat import (
    OVERALL_DISCARD_CLASS,
    OVERALL_DISCARD_ID,
    PRECISION_CHROME,
    JoinedValues,
    TagWalk,
    extract_in_place,
    forum_thread_page,
    keep_format_characters,
    manually_cleaned,
    memoised_readability_clean,
    no_unread_backup,
    text_only_readability_cleaner,
    walked_bodies,
    walked_prunes,
)
from ..text import MIN_BODY_WORDS, UNSPACED, text_key
from .normalize import word_count
from .parse import element_text

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Set

    from lxml.html import HtmlElement

logger = logging.getLogger(__name__)


keep_format_characters()  # trafilatura keeps soft hyphens and zero-width (non-)joiners (newsproj/compat.py)
no_unread_backup()  # trafilatura's fast runs make no copy of the cleaned tree they never read (newsproj/compat.py)
walked_prunes()  # trafilatura's prune XPaths in our runs by lxml's walk of the page (newsproj/compat.py)
walked_bodies()  # and its body XPaths' first element, the one it reads (newsproj/compat.py)

RECALL_RATIO = 2.0
"""Balanced text this many times longer than the precise text means precision mode lost part of the body."""


@lru_cache(maxsize=4)
def _options_of_day(precision: bool, day: datetime.date) -> Extractor:
    """One Extractor a mode and a day: trafilatura's options hold today's date (its ``max_date``), so a crawl or a
    test that runs across midnight would otherwise keep yesterday's."""
    return Extractor(
        output_format="python",  # plain text in document.text, one paragraph a line
        precision=precision,
        # the precise run without trafilatura's fallback comparison (readability, jusText: a third of its time);
        # when that run comes back empty or short of the page's prose, the balanced run has them
        fast=precision,
        comments=False,
        tables=True,
        dedup=False,
        with_metadata=False,
    )


def _options(url: str | None, precision: bool) -> Extractor:
    """The options of a run on the page at ``url``: a copy of the run's options with the page's URL set as
    Extractor(url=url) sets it (building an Extractor reads a dozen values out of trafilatura's ConfigParser: ~0.1 ms,
    up to three times a page)."""
    options = copy.copy(_options_of_day(precision, datetime.date.today()))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")
    return options


def _run(tree: HtmlElement, url: str, precision: bool, prune_xpath: tuple[str, ...]) -> str | None:
    """trafilatura's text of ``tree``, extracted from ``tree`` itself, not from a copy (a copy of the page made for
    the runs: newsproj/compat.py's extract_in_place). The run removes the containers trafilatura prunes from its
    input (infinite-scroll, share and comment containers, and ``prune_xpath``): the other mode's run on the same tree
    finds what it would find on a fresh copy, except on a thread-forum page (:func:`_main_and_prose` copies it
    there)."""
    return extract_in_place(tree, _options(url, precision), prune_xpath)


def _headings(tree: HtmlElement) -> list[HtmlElement]:
    """The ``<h1>`` elements with text."""
    return [h for h in tree.iter("h1") if h.text_content().strip()]


ARTICLE_WORDS = 40
"""Words of paragraphs after an ``<h1>`` (before the next one), outside links, that make it an article's heading."""


def several_articles(tree: HtmlElement, headings: list[HtmlElement] | None = None) -> bool:
    """More than one ``<h1>`` that opens an article (``ARTICLE_WORDS`` words of paragraph text outside links follow
    it before the next ``<h1>``): an infinite-scroll page holding the next articles too. A section label or the
    site's name above the story's heading ("Europe"), or the titles of a page's boxes ("Links We Like", "Market
    Place") head no article: the story is one article, and a precise run that kept only its lead is short of it.
    (One walk of the page, on pages with two headings or more; each text node read once. ``headings``: the
    :func:`_headings` of the page, when the caller has them: each heading's text is read once, there.)"""
    opening = set(_headings(tree) if headings is None else headings)
    if len(opening) < 2:
        return False
    opened = 0
    words: int | None = None  # words after the last heading; None before the first
    in_p = in_a = skip = 0
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag == "h1" and el in opening:
                opened += words is not None and words >= ARTICLE_WORDS
                words = 0
            in_p += tag == "p"
            in_a += tag == "a"
            skip += tag in ("script", "style")
            text = el.text if tag else None
        else:
            in_p -= tag == "p"
            in_a -= tag == "a"
            skip -= tag in ("script", "style")
            text = el.tail  # (read in the parent's context)
        if text and words is not None and words < ARTICLE_WORDS and in_p and not in_a and not skip:
            words += word_count(text)
    opened += words is not None and words >= ARTICLE_WORDS
    return opened > 1


_WITH_CLASS_OR_ID = etree.XPath("descendant-or-self::*[@class or @id]")


_SCRIPT_LINKS = etree.XPath("//a[contains(@href, 'ript:')]")  # (javascript:, JavaScript:; _CONTROL tells)
_CONTROL = re.compile(
    r"\s*javascript:\s*(?:void\s*\(\s*0\s*\)\s*;\s*)?(?:(?:window|self|top|parent)\.)?"
    r"(?:history\.(?:back|go)|print|close)\s*\(", re.I)
"""A link whose script only works the browser (back, print, close the window): "<< Back", "Print this page", "Close
window" under an old story; never words of it. (A ``javascript:`` link that opens a picture or a glossary may sit in a
sentence, and stays.)"""
MAX_CONTROLS = 200
"""Script links looked at on one page (bounded: the page decides how many it has)."""


def _controls(tree: HtmlElement) -> list[HtmlElement]:
    """The page's links that only work the browser (``_CONTROL``), of its first ``MAX_CONTROLS`` script links."""
    return [a for a in _SCRIPT_LINKS(tree)[:MAX_CONTROLS] if _CONTROL.match(a.get("href") or "", 0, 200)]


def pruned(tree: HtmlElement, chrome: bool = True) -> HtmlElement:
    """A copy of the page without the chrome containers of the vocabulary ([prune] in cleaning/chrome.toml):
    elements whose class or id is one of its tokens, and its XPaths. Their tail text stays. Without ``chrome``:
    the copy with its markup repaired only (paragraphs, spans, comments, ruby, links that only work the browser:
    ``_CONTROL``), every container kept."""
    return _pruned(tree, chrome)[0]


def _pruned(tree: HtmlElement, chrome: bool = True) -> tuple[HtmlElement, int]:
    """:func:`pruned`, and how many chrome containers it removed (none: the same tree as without ``chrome``)."""
    vocab = vocabulary()
    removed = 0
    tree = copy.deepcopy(tree)
    # <noframes> holds markup the parser keeps as text ("<a href=…><img …></a>", a video's fallback link): it is no
    # prose, and a record with markup in its body is invalid
    etree.strip_elements(tree, "noframes", with_tail=False)
    # comments go, their tail text stays: React's "<!-- -->" text separators otherwise cut a paragraph short; ruby
    # annotations (East Asian readings) become inline text, "尹錫悦（ユンソンニョル）", not separate lines (one walk for
    # both: stripping unwraps, in any order the same tree; two walks cost ~0.02 ms a page more)
    etree.strip_tags(tree, etree.Comment, "ruby", "rb", "rt", "rp", "rtc")
    for control in _controls(tree):
        control.drop_tree()  # (its tail stays)
    doomed = [] if not chrome else _chrome_containers(tree, vocab.prune_tokens, vocab.prune_xpath) + _signup_boxes(tree)
    for el in list(doomed):
        heading = el.getprevious() if el.tag in ("ul", "ol") else None
        if heading is not None and heading.tag in _LIST_HEADINGS and not (heading.tail or "").strip():
            doomed.append(heading)  # the heading of a link list ("Exklusive Politik-Hintergründe"): its title only
    for el in doomed:
        if el.getparent() is not None and el is not tree:
            if not el.tail or not el.tail[0].isspace():
                el.tail = " " + (el.tail or "")  # the words on either side stay apart ("Kicker<i>: </i>Headline")
            el.drop_tree()
            removed += 1
    _inline_repairs(tree)
    _own_permalink_blocks(tree)
    lists: list[HtmlElement] = []
    holders = _paragraph_holders(tree, lists)
    _prose_lists(lists)
    for el in _SPANS_AND_BREAKS(tree):
        if el.tag == "font":
            if not any(a.tag == "p" for a in el.iterancestors()):  # (a <font> inside a paragraph is its markup)
                _paragraphs_from_breaks(el)
        elif el.tag == "div":
            _sentences_across_boxes(el)
            if el.find("br") is not None and any(len(_XML_SPACE.sub(" ", t).strip(" ")) >= BREAK_TEXT_CHARS
                                                 for t in _loose(el)):  # (XPath's normalize-space)
                _paragraphs_from_breaks(el)
        elif (el.tail or "").strip() and ((el.getprevious() is not None) or (el.getparent().text or "").strip()):
            # a span in the middle of a sentence is part of it: trafilatura's precision rules for page chrome
            # (a "link" or "bottom" class, a border) would cut the sentence there
            for name in ("class", "id"):
                if PRECISION_CHROME.search(el.get(name) or ""):
                    del el.attrib[name]
            if "border" in (el.get("style") or ""):
                del el.attrib["style"]
    for el in holders:
        el.tag = "div"  # a paragraph holding paragraphs (unclosed <p>s inside <font>): a container, not one line
    return tree, removed


SIGNUP_WORDS = 40
"""A sign-up box says what it sends and where in a few words: a container of more words holds other text too."""
MAX_SIGNUP_FORMS = 20
"""E-mail fields looked at (bounded: the page decides how many it has; each costs its containers' text)."""
MAX_SIGNUP_LEVELS = 8
"""Containers climbed from an e-mail field (bounded: the page decides how deep it nests)."""
_STORY_TAGS = frozenset(("body", "html", "article", "main"))


def _signup_boxes(tree: HtmlElement) -> list[HtmlElement]:
    """The boxes around the page's e-mail fields (``<input type=email>``): of the field's first ``MAX_SIGNUP_LEVELS``
    containers, the widest of at most ``SIGNUP_WORDS`` words that is no <body>, <article> or <main> ("Get the sport
    briefing / The week's results … sent to your inbox every Monday" and its form between a story's paragraphs:
    trafilatura drops the form and keeps its heading and pitch as body lines). Structure, not phrases: the box goes
    whatever its language or wording; a container that also holds a story's words is wider than a box and stays."""
    boxes: list[HtmlElement] = []
    fields = 0
    for field in tree.iter("input"):
        if (field.get("type") or "").strip().lower() != "email":
            continue
        # (fields counted, not boxes: a field in a wide container adds no box, and each costs that container's text)
        fields += 1
        if fields > MAX_SIGNUP_FORMS:
            break
        box, up = field, field.getparent()
        for _ in range(MAX_SIGNUP_LEVELS):
            if up is None or up.tag in _STORY_TAGS or _one_of_a_run(up) or word_count(up.text_content()) > SIGNUP_WORDS:
                break
            box, up = up, up.getparent()
        if box is not field and box not in boxes:
            boxes.append(box)
    return boxes


def _one_of_a_run(el: HtmlElement) -> bool:
    """The element is one of a run of like blocks, a sibling beside it of its tag and class: a story set one
    paragraph a <div class="c">, where a field inside one wrapper makes no box of the paragraph it holds."""
    return any(s is not None and s.tag == el.tag and s.get("class") == el.get("class")
               for s in (el.getprevious(), el.getnext()))


PROSE_LINK_WORDS = 10
"""A paragraph of this many words whose links hold less than ``PROSE_LINK_SHARE`` of its text is prose with links
in it, not a link box; so is one whose links hold less than ``SENTENCE_LINK_SHARE`` when ``LEAD_WORDS`` words that
are no label ("Read more:") come before its first link (the link is part of a sentence)."""
PROSE_LINK_SHARE = 0.5
SENTENCE_LINK_SHARE = 0.8
LEAD_WORDS = 3
_LETTER = re.compile(r"[^\W\d_]")
_LABEL_END = re.compile(r"[:|»>•–—-]\s*$")
_INLINE = frozenset(("a", "span", "b", "strong", "i", "em", "u", "small", "sub", "sup", "mark", "abbr", "cite",
                     "q", "time", "font", "code", "br", "wbr", "s", "del", "ins", "img", "picture", "source", "label",
                     "dfn", "kbd", "var", "samp", "data", "tt", "big", "nobr", "bdi", "bdo"))
ICON_LABEL_CHARS = 20
"""The text after an empty inline element is a sentence's words from this many characters on (under it: an icon's
label, "Comment", "评论")."""
NEW_WINDOW_CHARS = 60
_NEW_WINDOW = re.compile(
    r"\W*(?:opens?|öffnet|ouvre|abre|apre|åpner|öppnas|opent)\b.{0,20}\b(?:new|neue[mn]?|nouvel(?:le)?|nueva|nuova|"
    r"nova|nytt?|nieuwe?)\s+(?:window|tab|fenster|fenêtre|ventana|finestra|pestaña|onglet|vindu|fönster|venster|"
    r"scheda|janela|aba)\W*$", re.I)
"""A link's hint for screen readers, "(öffnet im neuen Fenster)", ", opens new tab": a span of its own inside the
link, hidden by a class of the site's (``go-vh``), that would glue itself into the sentence."""
_EMPTY_CUT = ("span", "b", "strong", "i", "em", "q")
"""Inline elements that trafilatura's precision run deletes with the text after them when they are empty."""


def _inline_repairs(tree: HtmlElement) -> None:
    """Four repairs of a paragraph's inline markup, in one walk of the page's inline elements (the first two for
    trafilatura's precision run):

    - The links inside the sentences (:func:`_in_sentence`) of a paragraph of prose (:func:`_prose_paragraph`)
      become plain text: the precision run deletes a
      short ``<div>`` (under 200 characters) holding a link and an element — a paragraph wrapped in a ``<div>`` of
      its own (React pages wrap each one), or a ``<div>`` of spans and links standing for one — with its link.
      A teaser box or a "Read more: <a>headline</a>" line is mostly link text, and a menu's or a teaser's link starts
      its block: those stay links. The link of a paragraph of prose the page links as a whole (a quote linked to its
      source: :func:`_linked_sentence`) becomes plain text too: the link density test of every mode deletes it.
      (No link is written into a record, only their text.)
    - An empty inline element before a sentence's words (``ICON_LABEL_CHARS``) or at the start of such a link (an
      icon's ``<span class="icon"></span>``, WordPress's ``<span id="more-7770"></span>`` before a paragraph's text, a
      marker before a story's loose first paragraph) goes, its tail text stays: the precision run deletes it with
      its tail, the paragraph's or the link's words ("die Auswertung von <a><span/>Videomaterial aus
      Bremerhaven</a> bringen" lost "Videomaterial ..."). A share bar's icon labels ("<i class='icon'></i>Comment")
      stay as they are.
    - A link's hint for screen readers in a span of its own (``_NEW_WINDOW``: "Investoren<span>(öffnet im neuen
      Fenster)</span>") goes, its tail text stays: the site hides it by a class of its own, and the extractors glue
      it into the sentence.
    - A ``<time>`` inside a sentence of a paragraph of prose gives its words to the sentence (they become its tail;
      the element stays, empty, with its ``datetime``): trafilatura deletes every ``<time>`` with its text, and
      "La cumbre del <time>3 de marzo de 2025</time> reunirá…" lost its date ("La cumbre del reunirá…").
    """
    blocks: dict[HtmlElement, int] = {}  # a paragraph → its links are prose links (_PROSE), a list's (_LISTED)
    nearest: dict[HtmlElement, HtmlElement | None] = {}  # an inline element → the block it is in
    links: list[HtmlElement] = []
    empty: list[HtmlElement] = []
    hints: list[HtmlElement] = []
    times: list[HtmlElement] = []
    for el in tree.iter("a", "time", *_EMPTY_CUT):
        parent = el.getparent()
        if parent is None:
            continue
        if el.tag == "time":
            if _LETTER.search(el.tail or "") and _in_sentence(el, parent):
                times.append(el)
            continue
        if el.tag != "a":
            if el.text is None and not len(el) and (el.tail or "").strip():
                empty.append(el)
            elif parent.tag == "a" and el.text and not len(el) and len(el.text) <= NEW_WINDOW_CHARS and (
                    _NEW_WINDOW.match(el.text)):
                hints.append(el)
            continue
        in_sentence = _in_sentence(el, parent)
        if not in_sentence and not (parent.tag == "p" and el.getnext() is not None and el.getnext().tag == "a"
                                    and (el.tail or "").strip()):
            if el.getprevious() is None and (parent.tag == "p" or parent.tag in _INLINE) and not (
                    parent.text or "").strip() and _linked_sentence(el, parent, nearest):
                links.append(el)
            continue  # (no word around it, and no list's separator before a next link: "福岡県：<a>久留米市</a>")
        block = _block_of(parent, nearest)
        if block is None or block.tag not in ("p", "div"):
            continue
        if block not in blocks:
            blocks[block] = _PROSE if _prose_paragraph(block) else _LISTED if _listed_names(block) else 0
            if blocks[block] == _LISTED:
                links.extend(block.iter("a"))  # (every link of the list, the first and the last too)
        if blocks[block] == _PROSE and in_sentence:
            links.append(el)
    for el in hints:
        el.drop_tree()  # (its tail stays)
    prose: dict[HtmlElement, bool] = {}  # (a block is read once, however many <time>s it holds)
    for el in times:
        block = _block_of(el.getparent(), nearest)
        if block is not None and block.tag in ("p", "div") and block not in prose:
            prose[block] = blocks.get(block) == _PROSE or _prose_paragraph(block)
        if block is not None and prose.get(block):
            el.tail = element_text(el) + (el.tail or "")  # its words stay in the sentence, its datetime for the dates
            el.text = None
            for child in list(el):
                el.remove(child)
    unlinked = set(links)
    for el in empty:
        if el.getparent() in unlinked or len(el.tail.strip()) >= ICON_LABEL_CHARS:
            el.drop_tag()  # (its tail joins the text before it)
    for el in links:
        el.tag = "span"  # (its text, children and tail stay where they are)
        el.attrib.clear()


MAX_LISTS = 500
"""Lists looked at by :func:`_prose_lists` (bounded: the page decides how many it has)."""


def _prose_lists(lists: list[HtmlElement]) -> None:
    """The items of a list of prose in a story's run of paragraphs (a ``<ul>``/``<ol>`` whose every item is a
    paragraph of prose, :func:`_prose_paragraph`, after a paragraph of prose among its siblings: "<li>If possible,
    <b>start your search with a reputable dealer</b>. We know that ...</li>") get their text in a ``<p>`` of their
    own. Where trafilatura finds no container of the body it recovers the page's paragraphs one by one, and, but in
    recall mode, not its lists: it dropped such a list of six points from a story set in a plain ``<div>``. Inside
    a container it finds, a ``<li><p>`` comes out as the ``<li>`` did (its bullet "- " too). A menu, a list of related
    links or of teasers (mostly link text, a link opening an item, or one ending every item) is no list of prose
    and stays as it is; so is a list with no paragraph of prose before it (a sidebar's). ``lists``: the page's
    ``<ul>`` and ``<ol>`` elements (:func:`_paragraph_holders` finds them in its walk: a walk of their own cost
    ~0.2 ms a page; with that walk's, collecting and checking them costs ~0.05 ms a page over the 1,387 dev pages),
    of which the first ``MAX_LISTS`` are looked at."""
    for listed in lists[:MAX_LISTS]:
        if next(listed.itersiblings("p", preceding=True), None) is None:
            continue  # (most lists: no paragraph before them; a walk of their siblings, no item read)
        items = [el for el in listed if isinstance(el.tag, str)]
        if not items or any(el.tag != "li" for el in items) or (listed.text or "").strip() or any(
                (el.tail or "").strip() for el in items) or not all(
                _prose_paragraph(el) and not _opens_with_link(el) for el in items):
            continue
        if len(items) > 1 and all(_ends_with_link(el) for el in items):
            continue  # (teasers: "<summary> <a>Read more.</a>", "<summary> (<a>full story</a>)")
        if not any(_prose_sentences(sibling) for sibling in itertools.islice(
                listed.itersiblings("p", preceding=True), LISTED_SIBLINGS)):
            continue
        for item in items:
            paragraph = item.makeelement("p")
            paragraph.text, item.text = item.text, None
            paragraph.extend(list(item))  # (each with its tail)
            item.append(paragraph)


TEASER_LEAD_WORDS = 4
"""Words a teaser's date, byline or kicker may set before its link ("Jan 5, 2020 <a>...</a>", "By Ann Lee <a>",
"Updated 5 hours ago"): a list item with fewer before its first link opens with it (:func:`_opens_with_link`)."""


def _opens_with_link(item: HtmlElement) -> bool:
    """A link opens ``item``, at most a date's or a byline's words before it (``TEASER_LEAD_WORDS``): a teaser's
    headline and its summary ("<a>Suzuki shuts down U.S. sales</a> The maker leaves the market after ...",
    "<span>Jan 5, 2020</span> <a>...</a> ..."), as a menu's link opens its item."""
    return item.find(".//a") is not None and word_count(_text_before_link(item)) <= TEASER_LEAD_WORDS


_LINK_END_MARKS = " \t\n.,;:!?)]}»›→>|-–—"


def _ends_with_link(item: HtmlElement) -> bool:
    """A link ends ``item``, only marks after it: a teaser's "<summary> <a>Read more.</a>" or "(<a>full story</a>)";
    in a list whose every item ends so, a list of teasers (:func:`_prose_lists`)."""
    last = next(reversed(item.findall(".//a")), None)
    if last is None:
        return False
    linked = element_text(last).strip(_LINK_END_MARKS)
    return bool(linked) and item.text_content().strip(_LINK_END_MARKS).endswith(linked)


def _prose_sentences(paragraph: HtmlElement) -> bool:
    """``paragraph`` holds a sentence of prose: ``PROSE_LINK_WORDS`` words or more, ending as a sentence ends."""
    text = paragraph.text_content()
    return word_count(text) >= PROSE_LINK_WORDS and bool(_ANY_SENTENCE_END.search(text))


MAX_PERMALINK_LINKS = 5000
"""Links a page may have for :func:`_own_permalink_blocks` to look at it (bounded: the page decides)."""
_ANCHOR_DEPTH = 64
"""Ancestors of a link looked at for the element its fragment names."""


def _own_permalink_blocks(tree: HtmlElement) -> None:
    """A ``<div>`` with an id whose links all point at itself or at a part of it (``href="…#update-4"`` inside
    ``<div id="update-4">``: a live blog's update linking its own permalink from its time and a "Link to this
    update" line) becomes a ``<section>`` in the copy trafilatura reads. Its precision run deletes a ``<div>`` under
    200 characters that holds a link and an element when it is short for its place (under 100 characters, or 300
    when last among its siblings): a live blog lost its last update (the oldest, newest first), which the same
    block as a ``<section>`` keeps, as the default mode does. A link to its own block is no link to
    elsewhere, which is what that rule is for. The block's links stay links (a line of only a link still goes).
    Bounded: pages of more than :data:`MAX_PERMALINK_LINKS` links are left as they are, and each link's walk up is
    :data:`_ANCHOR_DEPTH` steps at most."""
    links = list(itertools.islice(tree.iter("a"), MAX_PERMALINK_LINKS + 1))
    if len(links) > MAX_PERMALINK_LINKS:
        return
    anchored: dict[HtmlElement, None] = {}
    for a in (a for a in links if "#" in (a.get("href") or "")):  # (most pages have few, or none)
        fragment = (a.get("href") or "").partition("#")[2]
        for ancestor in itertools.islice(a.iterancestors(), _ANCHOR_DEPTH) if fragment else ():
            if ancestor.get("id") == fragment:
                if ancestor.tag == "div":
                    anchored[ancestor] = None
                break
    if not anchored:
        return
    elsewhere: set[HtmlElement] = set()  # blocks holding a link that points out of them
    for a in links:
        fragment = (a.get("href") or "").partition("#")[2]
        for ancestor in itertools.islice(a.iterancestors(), _ANCHOR_DEPTH):
            if fragment and ancestor.get("id") == fragment:
                break  # (the blocks from here up hold the element it points at)
            if ancestor in anchored:
                elsewhere.add(ancestor)
    for block in anchored:
        if block not in elsewhere:
            block.tag = "section"


def _block_of(el: HtmlElement, nearest: dict[HtmlElement, HtmlElement | None]) -> HtmlElement | None:
    """The block ``el`` is or is in: itself, or its nearest ancestor that is no inline element (``nearest``: the
    inline elements' blocks found so far; each inline element is walked once, nested spans or not)."""
    path = []
    block: HtmlElement | None = el
    while block is not None and block.tag in _INLINE and block not in nearest:
        path.append(block)
        block = block.getparent()
    if block is not None and block in nearest:
        block = nearest[block]
    for step in path:
        nearest[step] = block
    return block


def _in_sentence(link: HtmlElement, parent: HtmlElement) -> bool:
    """Words come before ``link`` on its line (it does not start its block, as a menu's and a teaser's links do, nor
    a line after a ``<br>``, as a "Subscribe now" link under a call to action), and text after it (its sentence
    goes on, or ends: "..., according to a <a>study</a>.", "... with the help of <a>his girlfriend.</a>")."""
    before = link.getprevious()
    if before is None and not (parent.text or "").strip():
        return False
    if before is not None and before.tag == "br" and not (before.tail or "").strip():
        return False
    text = element_text(link)  # (most links have no child: their own text, no XPath evaluation)
    if not _LETTER.search(text):
        return False  # (a count, "0", or an icon: a widget's link)
    after = link.getnext()
    return bool((link.tail or "").strip()) or (after is not None and after.tag in _INLINE and after.tag != "br") or (
        bool(_PROSE_END.search(text)))


def _prose_paragraph(block: HtmlElement) -> bool:
    """``block`` is a paragraph (a ``<p>`` or a ``<div>`` of inline elements only) of prose with a few links in it
    (see ``PROSE_LINK_WORDS``)."""
    if any(isinstance(el.tag, str) and el.tag not in _INLINE for el in block.iterdescendants()):
        return False  # (a block holding blocks: no paragraph; and so no block's text is read twice, nested or not)
    text = block.text_content()
    if word_count(text) < PROSE_LINK_WORDS or not _PROSE_END.search(text):
        return False  # (a sentence ends a paragraph: "What's Your Reaction? 0 0 0 Reactions" is a widget)
    linked = sum(len(element_text(a)) for a in block.iter("a"))
    size = len(text.strip())
    if linked < PROSE_LINK_SHARE * size:
        return True
    if linked >= SENTENCE_LINK_SHARE * size:
        return False
    lead = _text_before_link(block)
    return word_count(lead) >= LEAD_WORDS and not _LABEL_END.search(lead)


LINKED_SHARE = 0.9
"""A paragraph whose one link holds this share of its text or more is that link (:func:`_linked_sentence`)."""
RUN_SIBLINGS = 3
"""How many paragraphs before and after a linked sentence are looked at for the story's prose around it."""
_STATEMENT_END = re.compile(r"[.…\"'”’)。」]\s*$")
"""A statement's end: a headline asks ("... Time To Change?") or calls ("Take this Survey!"), a teaser points ("»")."""
_LABEL_START = re.compile(r"\W*(?:\S+\s+){0,3}?\S+\s*[:|»>•–—]\s")
"""A label of up to four words opening a line ("Read more: ", "Pingback: ", "Sign Up: ", "Garr Reynolds: ")."""


def _linked_sentence(link: HtmlElement, parent: HtmlElement, nearest: dict[HtmlElement, HtmlElement | None]) -> bool:
    """``link`` is a paragraph of the story's prose that the page links as a whole (a quote linked to its source,
    "<p><a href=…><em>“Just because a car generates a lot of buzz ... steer clear…”</em></a></p>", "<p><a>This
    week's new Tabletop is a really fun ... game called Say Anything</a>.</p>"): the one link of a ``<p>`` of inline
    elements holding ``LINKED_SHARE`` of its text, ``PROSE_LINK_WORDS`` words or more that end as a statement ends
    (``_STATEMENT_END``) and open with no label (``_LABEL_START``), with a paragraph of prose
    (:func:`_prose_paragraph`) among the ``RUN_SIBLINGS`` paragraphs before or after it (or its ``<blockquote>``).
    trafilatura deletes a paragraph that is one link in every mode (its link density test); a teaser's or a related
    story's headline asks, points or is labelled ("Read next: ..."), a footer's or a sidebar's link stands among no
    prose, and those stay links. (``parent``: the link's; ``nearest``: :func:`_block_of`'s.)"""
    linked = element_text(link)
    if len(linked) < PROSE_LINK_WORDS * 3 or word_count(linked) < PROSE_LINK_WORDS:
        return False  # (most links: a menu's, a teaser's; nothing else read)
    block = _block_of(parent, nearest)
    if block is None or block.tag != "p" or (block.text or "").strip() or any(
            isinstance(el.tag, str) and el.tag not in _INLINE for el in block.iterdescendants()):
        return False
    text = block.text_content()
    size = len(text.strip())
    if len(linked.strip()) < LINKED_SHARE * size or sum(1 for _ in block.iter("a")) != 1:
        return False
    if word_count(text) < PROSE_LINK_WORDS or not _STATEMENT_END.search(text) or _LABEL_START.match(text):
        return False
    anchor = block.getparent() if block.getparent() is not None and block.getparent().tag == "blockquote" else block
    if any(_link_only(near) for near in (anchor.getprevious(), anchor.getnext())):
        return False  # (a run of paragraphs each one link: a list of related stories or teasers set as paragraphs)
    return any(_prose_paragraph(sibling) for sibling in itertools.chain(
        itertools.islice(anchor.itersiblings("p", preceding=True), RUN_SIBLINGS),
        itertools.islice(anchor.itersiblings("p"), RUN_SIBLINGS)))


def _link_only(el: HtmlElement | None) -> bool:
    """``el`` is a ``<p>`` that is its links (``LINKED_SHARE`` of its text or more): a neighbour that makes a
    linked sentence one of a run of links (:func:`_linked_sentence`)."""
    if el is None or el.tag != "p":
        return False
    size = len(el.text_content().strip())
    return size > 0 and sum(len(element_text(a).strip()) for a in el.iter("a")) >= LINKED_SHARE * size


_PROSE, _LISTED = 1, 2
LISTED_NAME_CHARS = 30
"""A link of a list of names (:func:`_listed_names`) is shorter than this."""
LISTED_SIBLINGS = 20
"""How many siblings before and after a list of names are looked at for the article's prose around it."""
_LIST_SEPARATOR = re.compile(
    r"\s*(?:[,、，;；:：]\s*(?:(?:and|or|und|oder|et|ou|y|o|e|og|och|eller|en|i|и|или|oraz|lub|ve|và)\s+)?"
    r"|(?:and|or|und|oder|et|ou|y|o|e|og|och|eller|en|i|и|или|oraz|lub|ve|và)\s+)"
)


_ANY_SENTENCE_END = re.compile(r"[.!?\"'”’»)。！？」]\s*$")
"""A sentence's end, the East Asian full stops too."""


def _listed_names(block: HtmlElement) -> bool:
    """``block`` is a paragraph of the article that lists linked names, "宮崎県：<a>高鍋町</a>、<a>新富町</a>、
    <a>宮崎市</a>" or "on <a>Facebook</a>, <a>Twitter</a> and <a>Instagram</a>": two links or more, each short, one
    after the other with only a list's separator between them (a comma, "、", a colon, "and"), in a ``<p>`` that
    comes after a paragraph of prose and before another paragraph among its siblings. trafilatura's precision run
    deletes a short paragraph whose links are mostly short, as it deletes a tag line or a menu; a menu's links are
    set apart by bars or bullets, and a tag line or a link box ends its article or stands on its own."""
    if block.tag != "p" or any(isinstance(el.tag, str) and el.tag not in _INLINE for el in block.iterdescendants()):
        return False
    names = list(block.iter("a"))
    if len(names) < 2:
        return False
    for link, after in zip(names, names[1:], strict=False):
        if link.getnext() is not after or not _LIST_SEPARATOR.fullmatch(link.tail or ""):
            return False
    if any(len(link.text_content().strip()) >= LISTED_NAME_CHARS for link in names):
        return False
    after_it = False
    for n, sibling in enumerate(block.itersiblings("p")):
        if n >= LISTED_SIBLINGS:
            return False
        if sibling.text_content().strip():
            after_it = True
            break
    if not after_it:
        return False
    for n, sibling in enumerate(block.itersiblings("p", preceding=True)):
        if n >= LISTED_SIBLINGS:
            break
        text = sibling.text_content()
        if word_count(text) >= PROSE_LINK_WORDS and _ANY_SENTENCE_END.search(text):
            return True
    return False


def _text_before_link(block: HtmlElement) -> str:
    """The text of ``block`` before its first link."""
    parts: list[str] = []
    for event, el in etree.iterwalk(block, events=("start", "end")):
        if event == "start":
            if el.tag == "a":
                break
            if isinstance(el.tag, str) and el.text:
                parts.append(el.text)
        elif el is not block and el.tail:
            parts.append(el.tail)
    return "".join(parts)


_LIST_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))


@cache
def _compiled(xpath: str) -> etree.XPath:
    """A vocabulary XPath, compiled once (``tree.xpath(text)`` compiles it again at each call)."""
    return etree.XPath(xpath)


@cache
def _class_walks(xpaths: tuple[str, ...]) -> tuple[TagWalk | None, ...]:
    """Per vocabulary XPath, its :class:`TagWalk` where the XPath has the shape ``//*[T or T ...]...`` and tests only
    an element's class and id (every element it finds has one of them: ``//*[contains(@class, 'box') or ...]``), else
    None."""
    walks = []
    for xpath in xpaths:
        walk = TagWalk.of(_compiled("." + xpath)) if xpath.startswith("//*[") else None
        walks.append(walk if walk is not None and walk.attribute_names <= {"class", "id"} else None)
    return tuple(walks)


def _chrome_containers(tree: HtmlElement, tokens: Set[str], xpaths: tuple[str, ...]) -> list[HtmlElement]:
    """The elements whose class or id is one of ``tokens`` (document order), then each XPath's elements (its order).

    The page's elements with a class or an id are found once (an XPath: no Python object for the others); an XPath
    that tests only those two attributes (:func:`_class_walks`) is evaluated on them alone: its literals searched once
    in one string of their classes (:class:`JoinedValues`, each holder's class read once for the tokens and every
    walk: a ``get()`` and a search an element a walk cost ~0.12 ms a page more), then its tests on the elements found
    there. libxml2's evaluation of
    ``//*[contains(@class, 'box') or ...][...]`` tests every element of the page (~0.5 ms a page each). Where the tree
    is not the whole document (an element of it, or a root with element siblings), every XPath is evaluated."""
    holders = _WITH_CLASS_OR_ID(tree)  # (not every element: a Python object made for each costs)
    classes = [el.get("class") for el in holders]
    found = [el for el, cls in zip(holders, classes, strict=True)
             if el.get("id") in tokens or not tokens.isdisjoint((cls or "").split())]
    whole = tree.getparent() is None and next(tree.itersiblings(etree.Element), None) is None and next(
        tree.itersiblings(etree.Element, preceding=True), None) is None  # (then ``//*`` is the tree's own elements)
    joined: dict[str, JoinedValues] = {}
    for xpath, walk in zip(xpaths, _class_walks(xpaths), strict=True):
        if walk is not None and whole:  # (each walk's literals searched in one string of the holders' classes)
            joined = joined or {"class": JoinedValues(classes)}
            found.extend(walk.among_joined(holders, joined))
        else:
            found.extend(_compiled(xpath)(tree))
    return found


_BOXES = frozenset(("aside", "figure"))


def _paragraph_holders(tree: HtmlElement, lists: list[HtmlElement] | None = None) -> list[HtmlElement]:
    """Paragraphs holding paragraphs (old pages leave ``<p>`` unclosed inside ``<font>``; the parser nests them),
    not counting a box's own paragraphs (an ``<aside>`` or ``<figure>`` inside a paragraph). In one pass up from each
    paragraph that stops where an earlier pass went: the XPath ``//p[descendant::p[not(ancestor::aside or
    ancestor::figure)]]`` tested every descendant's ancestors, cubic in the depth (1,000 nested levels: 24 s).
    ``lists``, when given, gets the page's ``<ul>`` and ``<ol>`` elements (in document order: the same walk)."""
    boxed: dict[HtmlElement, bool] = {}  # element → it is, or is inside, an <aside> or <figure>
    seen: set[HtmlElement] = set()
    holders: list[HtmlElement] = []
    for p in tree.iter("p", "ul", "ol") if lists is not None else tree.iter("p"):
        if p.tag != "p":
            lists.append(p)  # type: ignore[union-attr]  # (only walked for them when given)
            continue
        path: list[HtmlElement] = []
        el: HtmlElement | None = p
        inside = False
        while el is not None:
            if el in boxed:
                inside = boxed[el]
                break
            if el.tag in _BOXES:
                inside = True
                break
            path.append(el)
            el = el.getparent()
        for step in path:
            boxed[step] = inside
        if inside:
            continue
        up = p.getparent()
        while up is not None and up not in seen:
            seen.add(up)
            if up.tag == "p":
                holders.append(up)
            up = up.getparent()
    return holders


_SPANS_AND_BREAKS = etree.XPath(
    "/descendant::p/span[@class or @id or @style]"
    " | /descendant::div[br or p][text()[string-length(normalize-space()) >= 20]]"
    " | /descendant::font[br][text()[string-length(normalize-space()) >= 80]]"
)
"""Spans with a class inside paragraphs, <div>s holding their prose as loose text split by <br> (no <p>):
trafilatura loses the text before such a div's first child element and may take a sidebar for the body instead;
<div>s of paragraphs with loose text, a sentence's end after a box set inside it (:func:`_sentences_across_boxes`;
that branch: 0.183 -> 0.195 ms a page for the whole XPath over the dev corpora's 733 pages); a <font> holding a
story's loose text split by <br> as such a div does (an old page's "<font size=2><h1>..</h1><b></b>The lead..<br><br>
The next.."; its branch: ~0.21 -> ~0.23 ms; ``descendant::*[self::div or self::font]`` in one branch cost 0.38).
(One XPath: each costs a walk of the tree. ``//div[br]``, not ``//br/parent::div``: that tested a div's text
nodes again for each of its <br>, quadratic in a div of 5,000 lines. Paragraphs holding paragraphs, which
trafilatura reads as one line, are :func:`_paragraph_holders`'s. ``/descendant::div[...]``, not ``//div[...]``: the
same elements where no predicate is positional, but libxml2 rewrites ``//div`` into one descendant walk only without a
predicate; with one it tests the children of every node of the page, ~0.18 -> ~0.15 ms a page.)"""
_BREAK_BLOCKS = frozenset((
    "div", "p", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "blockquote", "section",
    "article", "aside", "header", "footer", "nav", "form", "pre", "center", "hr", "iframe", "script", "style",
))


BREAK_TEXT_CHARS = 80
"""Loose text this long in a ``<div>`` of ``<br>``s is its prose (shorter: a label's, a date's)."""
CUT_SENTENCE_WORDS = 5
"""A paragraph of this many words or more that ends without a stop before a box is a sentence the box cut."""
CONTINUED_WORDS = 3


_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _loose(div: HtmlElement) -> Iterator[str]:
    """The loose text of ``div``: its own text and its children's tails."""
    if div.text:
        yield div.text
    for child in div:
        if child.tail:
            yield child.tail


def _sentences_across_boxes(div: HtmlElement) -> None:
    """A box the page sets inside a sentence ("has to knock off <div class='ad'>...</div> a highly ranked team to
    forge a breakthrough."): the parser closes the ``<p>`` at the box, so the sentence's end is loose text after it,
    which trafilatura drops with the box. That text (with the inline elements after it, to the next block or
    ``<br>``) goes back to the end of the paragraph, when the paragraph (``CUT_SENTENCE_WORDS`` or more) ends without
    a stop and the text has ``CONTINUED_WORDS`` or more; after a subheading (a paragraph all in bold, ``_all_bold``)
    it is the next paragraph, and gets a ``<p>`` of its own after the box. The box stays where it is."""
    for box in list(div):
        tail = box.tail
        if not tail or len(tail.split()) < CONTINUED_WORDS or not isinstance(box.tag, str) or box.tag in (
                "p", "br") or box.tag not in _BREAK_BLOCKS:
            continue
        para = box.getprevious()
        if para is None or para.tag != "p" or (para.tail or "").strip():
            continue
        said = " ".join(para.text_content().split())
        if len(said.split()) < CUT_SENTENCE_WORDS or _ANY_SENTENCE_END.search(said) or _LABEL_END.search(said):
            continue
        moved: list[HtmlElement] = []
        after = box.getnext()
        while after is not None and not (isinstance(after.tag, str) and (after.tag in _BREAK_BLOCKS or after.tag in (
                "br", "p"))):
            moved.append(after)
            after = after.getnext()
        box.tail = None
        if _all_bold(para):  # a subheading ("<p><strong>What the new rules mean</strong></p>"): the text after the
            paragraph = box.makeelement("p")  # box is the next paragraph, not its end: a paragraph of its own
            paragraph.text = tail
            paragraph.extend(moved)  # (each with its tail)
            box.addnext(paragraph)
            continue
        last = para[-1] if len(para) else None
        if last is not None:
            last.tail = (last.tail or "").rstrip() + " " + tail.lstrip()
        else:
            para.text = (para.text or "").rstrip() + " " + tail.lstrip()
        para.extend(moved)  # (each with its tail)


_BOLD = frozenset(("b", "strong", "h1", "h2", "h3", "h4", "h5", "h6"))


def _all_bold(para: HtmlElement) -> bool:
    """``para``'s text is all one bold element's ("<p><strong>What the new rules mean</strong></p>"): a subheading."""
    children = [el for el in para if isinstance(el.tag, str)]
    return (len(children) == 1 and children[0].tag in _BOLD and not (para.text or "").strip()
            and not (children[0].tail or "").strip())


def _paragraphs_from_breaks(div: HtmlElement) -> None:
    """The loose text of ``div`` wrapped in <p> elements, one per run between <br>s and block children (a run's
    text may be all in the tail of an empty inline element: "<b></b>The lead ...<br>")."""
    out: list[HtmlElement] = []
    run_text: str | None = div.text
    run: list[HtmlElement] = []
    div.text = None

    def flush() -> None:
        if (run_text and run_text.strip()) or any(e.text_content().strip() or (e.tail or "").strip() for e in run):
            p = div.makeelement("p")
            p.text = run_text
            p.extend(run)  # (each with its tail)
            out.append(p)
        else:
            out.extend(run)
        run.clear()

    for child in list(div):
        if child.tag == "br":
            tail = child.tail
            div.remove(child)
            flush()
            run_text = tail
        elif isinstance(child.tag, str) and child.tag in _BREAK_BLOCKS:
            tail, child.tail = child.tail, None
            flush()
            out.append(child)
            run_text = tail
        else:
            run.append(child)
    flush()
    div.extend(out)


# Elements whose text is never body prose: what trafilatura removes before extracting in every mode
# (settings.MANUALLY_CLEANED: navigation, asides, footers, forms, media, scripts ...), the page header, and links
# outside paragraphs (menus, teaser lists, tag clouds).
_NOT_PROSE = frozenset((*manually_cleaned(), "header"))


def first_body(tree: HtmlElement) -> HtmlElement | None:
    """``tree.find(".//body")`` (the first ``<body>`` below the root, in document order) without its cost: lxml's
    iterator finds the next match before it hands out the first, a walk of the whole body (~0.09 ms a page). The
    first in document order is the first child that is one or holds one (the head is searched, not the body)."""
    for child in tree:
        if child.tag == "body":
            return child
        found = child.find(".//body")
        if found is not None:
            return found
    return None


def _prose_words(tree: HtmlElement, discarded: bool = False) -> int:
    """Words of the page's prose: its visible text without navigation, asides, footers, headers, forms, scripts
    and link lists. The words the balanced run could add to the precise one's come from there.

    (A walk in Python: an XPath ancestor test per text node cost more than a trafilatura run.) With ``discarded``,
    without the blocks trafilatura discards by their id or class too (:func:`_kept_prose_words`)."""
    body = first_body(tree)
    root = body if body is not None else tree
    texts = [root.text or ""]
    stack = [(root, root.tag == "p")]
    while stack:
        parent, in_p = stack.pop()
        for child in parent:
            tag = child.tag
            if isinstance(tag, str) and tag not in _NOT_PROSE and (in_p or tag != "a") and not (
                discarded and tag in _DISCARDED_BLOCKS and _discarded(child)
            ):
                if child.text:
                    texts.append(child.text)
                stack.append((child, in_p or tag == "p"))
            if child.tail:
                texts.append(child.tail)  # the parent's text: prose when the parent is
    return word_count(" ".join(texts))


KEPT_SHARE = 2 / 3
"""Blocks trafilatura discards by their id or class that hold more than a third of the page's prose are not taken out
of it (:func:`_kept_prose_words`): such a page's text is in blocks its tokens name wrongly (a story in a ``*bar*``
wrapper, a post in a widget), which the balanced run's fallbacks find. On the 1,387 dev pages, at trafilatura's own
guard (six sevenths) four pages lost their story to a results table or a sidebar list; at a half one; a third none."""


_DISCARDED_BLOCKS = frozenset(("div", "ul", "ol", "dl", "li", "p", "section", "span"))
"""The tags of the blocks trafilatura discards by their id or class in every mode (OVERALL_DISCARD_XPATH's div,
list, item, p, section and span, before its tag conversion)."""


def _kept_prose_words(tree: HtmlElement, prose: int) -> int:
    """:func:`_prose_words` without the blocks trafilatura discards in every mode by their id or class (navigation,
    share, related, ad, byline containers: compat's OVERALL_DISCARD_ID and OVERALL_DISCARD_CLASS) or as hidden
    (``aria-hidden``): prose the extractor of both runs discards (only trafilatura's fallbacks for a short text may
    take some of it in). ``prose``: the page's prose words, returned as they are where those blocks hold more than
    ``1 - KEPT_SHARE`` of it.
    (A second walk, only on pages that would otherwise go to the balanced run: one in eight.)"""
    kept = _prose_words(tree, discarded=True)
    return kept if KEPT_SHARE * prose <= kept else prose


def _discarded(el: HtmlElement) -> bool:
    ident, classes = el.get("id"), el.get("class")
    return bool((ident and OVERALL_DISCARD_ID.search(ident)) or (classes and OVERALL_DISCARD_CLASS.search(classes))
                or el.get("aria-hidden") == "true")


def body_text(tree: HtmlElement, url: str, prune_xpath: tuple[str, ...] = ()) -> str | None:
    """The main text as plain lines (one paragraph a line), or None when no candidate finds any."""
    page = tree
    tree, removed = _pruned(tree)
    headings = _headings(tree)
    several = several_articles(tree, headings)
    readings = Readings(page, url)
    main, prose = _main_and_prose(tree, url, prune_xpath, len(headings) > 1, readings)
    signal = looks_wrong(main or "", readings, prose, several)
    balanced = readings.made.get("balanced")
    if signal == "little_prose" and balanced and main and agree(main, balanced):
        # Short of the page's prose, but the balanced run (the unpruned candidate's options, on the page less its
        # chrome containers) took the same text: the rest of the prose is none trafilatura takes for the body (where
        # no container was pruned this is the unpruned candidate itself, whose agreement keeps the main text). On
        # the 1,387 dev pages, 200 of the 210 pages so flagged skip the two candidates (~20 ms each); on none of
        # them did a candidate win. A text mostly of the page's link texts is still a link list (a sidebar's list of
        # books both runs took for the body of a short post written with <br>s): its candidates are weighed.
        signal = "links" if signals(main, readings.anchors()).links >= LINK_SHARE else None
    if signal is None and main:
        part = _post_of_whole_page(main, readings)
        if part:
            logger.debug("Main text was the whole page on %s: readability's block taken", url)
            main = part
    if signal:
        # The unpruned candidate is the balanced run on the page with its containers: when the pruning removed
        # none (and the site prunes nothing), that is the balanced run on this very tree, done already when the
        # precise run fell short (one trafilatura run, ~20 ms, saved on many of the pages that weigh candidates).
        if "balanced" in readings.made and not removed and not prune_xpath:
            readings.made["unpruned"] = balanced
        chosen = best_candidate(readings, url, main, signal)
        # (a short main text that the candidate left out may be the first part of a body split in two)
        main = _with_lead(main, chosen, page) if main and chosen and chosen != main and signal == "short" else chosen
    if not main:
        return main
    main = without_teaser_tail(without_other_cells(without_link_head(main, readings), page), readings)
    return without_sidebar_lines(main, page)


MAX_CELLS = 400
"""Innermost table cells read (bounded: the page decides how many it has)."""
MAX_CELL_LINES = 400
STORY_CELL_SHARE = 0.5
CELL_LINKS = 2
_INNER_CELLS = etree.XPath("//td[not(descendant::td)]")


def without_other_cells(text: str, page: HtmlElement) -> str:
    """``text`` without the run of its first or last lines that come from another cell of the page's layout table
    than the story's (a column of teasers, "Other news" with a summary after each "More" link, beside the story's
    cell: trafilatura takes the table row whole). Each line is found in the innermost cell (<td>) whose text holds
    it; the story's cell holds most of the text's words (``STORY_CELL_SHARE`` of all of them, placed or not); a
    run of lines at either end that all come from other cells goes when each of those cells holds ``CELL_LINKS``
    links or more (a column of prose without links, a text set in two columns, stays), and lines it cannot place (a
    heading of a few words) go with the run they sit in."""
    if page.find(".//td") is None:
        return text  # (no layout table: most pages since ~2010)
    lines = text.split("\n")
    if len(lines) < 3 or len(lines) > MAX_CELL_LINES:
        return text
    cells = _INNER_CELLS(page)[:MAX_CELLS]
    # (its texts parted by spaces: a block after a block, "Other news" then "More …", is not glued to it)
    keys = [" " + text_key(" ".join(cell.itertext())) + " " for cell in cells]
    starts = list(itertools.accumulate((len(k) + 1 for k in keys), initial=0))
    joined = "\0".join(keys)  # (one search a line in all the cells' text, the cell found from the offset)
    where: list[int | None] = []
    for line in lines:
        key = text_key(line)
        at = joined.find(f" {key} ") if key else -1
        # (a line found in two places, "More" or a repeated heading, is placed nowhere)
        unique = at >= 0 and joined.find(f" {key} ", at + 1) < 0
        where.append(bisect.bisect_right(starts, at) - 1 if unique else None)
    words: Counter[int] = Counter()
    for line, cell in zip(lines, where, strict=True):
        if cell is not None:
            words[cell] += word_count(line)
    if len(words) < 2:
        return text
    story, most = words.most_common(1)[0]
    # (of the whole text's words, not of the placed ones: a story's cell that holds a table of its own, a picture
    # and its caption, is no innermost cell, and its paragraphs are placed nowhere; the teaser column then has the
    # most placed words, and the story would go as the lines around it)
    if most < STORY_CELL_SHARE * word_count(text):
        return text
    placed = [i for i, cell in enumerate(where) if cell == story]
    first, last = placed[0], placed[-1]
    if any(cell is not None and cell != story for cell in where[first:last + 1]):
        return text  # (another cell's lines between the story's: not a column beside it)
    others = {cell for cell in where[:first] + where[last + 1:] if cell is not None}
    if not others or any(len(cells[cell].findall(".//a")) < CELL_LINKS for cell in others):
        return text
    return "\n".join(lines[first:last + 1])


HEAD_LINES = 20
"""Lines at the start of a body looked at for a navigation run (bounded: the page decides how long its body is)."""
HEAD_LINK_WORDS = 6
HEAD_LINKS = 2


_CRUMB_SEPARATOR = re.compile(r"\s+(?:>|»|›|/|::|→)\s+")
"""What parts a breadcrumb trail's links: a step down ("Home > Local News"). Not "|": links of one rank on one line
("Seattle Times | Honolulu Civil Beat", the sources a post opens with) may be the story's."""


def without_link_head(text: str, page: HtmlElement | Readings) -> str:
    """``text`` without the run of its first lines that are each the text of one of the page's links, of at most
    ``HEAD_LINK_WORDS`` words ("Sport", "Classifieds", "Weather: Sunny, 22C": an old table layout's navigation cell
    beside the story's cell, both in the row trafilatura takes), when the run holds ``HEAD_LINKS`` lines or more and
    the rest is a text of its own (``MIN_WORDS``); a single linked line (a section's kicker) is left to cleaning,
    but not a breadcrumb trail (links and nothing else on one line, parted by ``>``, ``»``, ``/``...)."""
    lines = text.split("\n", HEAD_LINES)
    if len(lines) <= HEAD_LINKS or len(lines[0].split()) > HEAD_LINK_WORDS:
        return text  # (the first line is prose: no need to walk the page's links)
    anchors = Readings.of(page).anchors()
    cut = crumbs = 0
    for line in lines[:HEAD_LINES]:
        if len(line.split()) > HEAD_LINK_WORDS:
            break
        if not _is_link_text(line, anchors):
            parts = _CRUMB_SEPARATOR.split(line)
            if len(parts) < 2 or not all(_is_link_text(part, anchors) for part in parts):
                break
            crumbs += 1  # (a breadcrumb trail, "Home > Local News": links on one line, nothing else)
        cut += 1
    if (cut < HEAD_LINKS and not crumbs) or cut >= len(lines):
        return text
    rest = "\n".join(lines[cut:])
    return rest if word_count(rest) >= MIN_WORDS else text


TAIL_LINES = 60
"""Lines at the end of a body looked at for a teaser list (bounded: the page decides how long its body is)."""
TAIL_LINKS = 3
TAIL_LINK_SHARE = 0.4


def without_teaser_tail(text: str, page: HtmlElement | Readings) -> str:
    """``text`` without a list of teasers at its end ("Blog Watch": headline links of other pages, each with its
    summary), which precision mode can take in when it sits in the article's container: the longest run of last
    lines, from a link text on, in which ``TAIL_LINKS`` or more lines and ``TAIL_LINK_SHARE`` of the lines are link
    texts of the page. Kept when the rest would be shorter than the run (a list article of linked items, or a
    listing's text, for the listing verdict to see), unless the rest is a text of its own (``MIN_WORDS``) and
    readability-lxml's block agrees with it and not with the whole text (a story whose container holds a longer
    teaser box)."""
    lines = text.split("\n")
    tail = lines[-TAIL_LINES:]
    if sum(1 for line in tail if 3 <= len(line.split()) <= 25) < TAIL_LINKS:
        return text  # (no headline-sized lines: no need to walk the page's links)
    anchors = Readings.of(page).anchors()
    linked = [_is_link_text(line, anchors) for line in tail]
    cut = None
    count = 0
    for i in range(len(tail) - 1, -1, -1):
        count += linked[i]
        if linked[i] and count >= TAIL_LINKS and count >= TAIL_LINK_SHARE * (len(tail) - i):
            cut = i
    if cut is None:
        return text
    start = len(lines) - len(tail) + cut
    if start <= 0:
        return text
    rest = "\n".join(lines[:start])
    words = word_count(rest)
    if words >= word_count("\n".join(lines[start:])):
        return rest
    if words < MIN_WORDS:
        return text  # an intro to its list
    # The run is longer than a story of its own: a list article, or a story whose container holds a longer teaser
    # box ("Blog Watch": ten headlines, each with its summary). readability-lxml's block (an independent reading of
    # the page) tells them apart: the story alone, or the story with its list.
    block = Readings.of(page).candidate("readability")
    if block is not None and agree(rest, block) and not agree(text, block):
        return rest
    return text


WHOLE_PAGE_SHARE = 0.8
"""A main text holding this share of the words the page shows is the whole page, chrome and all (a tiny post with
its blog's sidebar, About Me and archive: the balanced run's text)."""
PART_SHARE = 0.6
"""readability-lxml's block at most this share of such a text, all in it, and prose: the post itself."""
SHORT_POST_WORDS = 300
"""Main texts of at most this many words are checked for being the whole page."""
_SHOWN_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")
"""The page's shown text nodes (one XPath walk; a page has at most ``NEWSPROJ_MAX_PAGE_ELEMENTS`` elements)."""


def _post_of_whole_page(main: str, readings: Readings) -> str | None:
    """readability-lxml's block in place of a ``main`` text (of ``SHORT_POST_WORDS`` at most) that is the whole
    page (``WHOLE_PAGE_SHARE`` of its shown words), when that block is a part of it (``PART_SHARE`` at most, its
    words all in it), of ``MIN_BODY_WORDS`` words or more, and prose (``ENOUGH_PROSE`` of its words in sentences not
    made of links), and the rest of the text is not (a blog's sidebar: its profile, archive, labels; a short story's
    last paragraph set in a block of its own, "Update, 3 December: …", is the story's): the post the page is about,
    without the blog's sidebar that came with it. Else None."""
    words = word_count(main)
    if words > SHORT_POST_WORDS:
        return None  # (a long text is no tiny post's: the walk of the page, ~3.5 ms, is for short ones only)
    shown = sum(len(t.split()) for t in _SHOWN_TEXT(readings.page))
    if not shown or words < WHOLE_PAGE_SHARE * shown:
        return None
    block = readings.candidate("readability")
    if not block:
        return None
    found = signals(block, readings.anchors())
    if not MIN_BODY_WORDS <= found.words <= PART_SHARE * words or found.prose < ENOUGH_PROSE * found.words:
        return None
    mine, theirs = Counter(_WORD.findall(main.casefold())), Counter(_WORD.findall(block.casefold()))
    if sum((mine & theirs).values()) < sum(theirs.values()):
        return None
    rest = signals("\n".join(line for line in main.split("\n") if line.strip() and line not in block),
                   readings.anchors())
    if rest.words and rest.prose >= ENOUGH_PROSE * rest.words:
        return None  # (the rest is prose too: the story's own paragraph in a block of its own, an update, a quote)
    return block


_SIDEBAR_TOKEN = re.compile(r"(?:^|[-_])sidebar(?:$|[-_\d])", re.I)
"""An id or class token that names a sidebar: ``sidebar``, ``sidebar-first``, ``region-sidebar-first``,
``left_sidebar``, ``sidebar2`` (not ``nosidebar``, ``sidebars-off``)."""
_NAMED_SIDEBAR = etree.XPath(
    "//*[contains(translate(@id, 'SIDEBAR', 'sidebar'), 'sidebar')"
    " or contains(translate(@class, 'SIDEBAR', 'sidebar'), 'sidebar')]")
MAX_SIDEBARS = 50
"""Elements named a sidebar looked at on a page (the first ones in document order)."""
STORY_LINE_WORDS = 10
"""Words of a line shown outside the sidebars that tell the story is not in one."""


def _sidebars(root: HtmlElement) -> set[HtmlElement]:
    """The innermost elements below ``root`` whose id or class names a sidebar (``_SIDEBAR_TOKEN``): of a
    ``content-sidebar-wrap`` around the story and its sidebar, or a ``sidebar-wrapper`` around a ``sidebar``, the
    inner one; a ``<body class="has-sidebar">`` is none."""
    named = {el for el in _NAMED_SIDEBAR(root)[:MAX_SIDEBARS]
             if el.tag not in ("body", "html")
             and any(_SIDEBAR_TOKEN.search(token) for token in (el.get("id") or "", *(el.get("class") or "").split()))}
    outer = {up for el in named for up in el.iterancestors() if up in named}
    return named - outer


MAX_OCCURRENCES = 20
"""Occurrences of a line counted in the sidebars' text (a line repeated more often is counted this many times)."""


def _occurrences(shown: str, key: str, limit: int) -> int:
    """How often ``key`` (a :func:`text_key`) is in ``shown`` (a text key with a space at each end) as whole words,
    repeats side by side included, up to ``limit``."""
    count, at = 0, shown.find(f" {key} ")
    while at >= 0 and count < limit:
        count += 1
        at = shown.find(f" {key} ", at + 1)
    return count


def without_sidebar_lines(text: str, page: HtmlElement) -> str:
    """``text`` (a short post's: ``SHORT_POST_WORDS`` words at most) without its lines that the page shows only
    inside a sidebar (:func:`_sidebars`): a blog's "About" text widget, a Drupal sidebar block, that trafilatura
    took in with a post too short to stand alone, whatever their length. A line also shown outside the sidebars
    (the post's first sentence as a "recent posts" teaser too) stays. The lines go only when what is left holds a
    line of ``STORY_LINE_WORDS`` words shown outside the sidebars (the story is not in one) and ``MIN_BODY_WORDS``
    words (a one-line post has no body of its own to keep). (The page's whole text is read only when a line of the
    text is in a sidebar: on most pages, the sidebars' texts only.)"""
    lines = text.split("\n")
    if len(lines) < 2 or word_count(text) > SHORT_POST_WORDS:
        return text  # (a long story's sidebar is no longer than it: trafilatura leaves it out)
    body = first_body(page)
    root = body if body is not None else page
    sidebars = _sidebars(root)
    if not sidebars:
        return text
    keys = [text_key(line) for line in lines]
    # (the sidebars' texts in one string, parted by a character no key holds: one forward search a line)
    shown_in = "\0".join(f" {text_key(' '.join(el.itertext()))} " for el in sidebars)
    inside = [_occurrences(shown_in, key, MAX_OCCURRENCES) if key else 0 for key in keys]
    if not any(inside):
        return text
    shown = f" {text_key(' '.join(root.itertext()))} "  # (a line found as often there as in the sidebars is theirs)
    gone = [n > 0 and _occurrences(shown, key, n + 1) <= n for key, n in zip(keys, inside, strict=True)]
    left = [line for line, drop in zip(lines, gone, strict=True) if not drop]
    story = any(not drop and word_count(line) >= STORY_LINE_WORDS and f" {key} " in shown
                for line, key, drop in zip(lines, keys, gone, strict=True))
    if not any(gone) or not story or word_count("\n".join(left)) < MIN_BODY_WORDS:
        return text
    return "\n".join(left)


def _main_and_prose(tree: HtmlElement, url: str, prune_xpath: tuple[str, ...], several: bool,
                    readings: Readings | None = None, prose: int | None = None) -> tuple[str | None, int]:
    """The main text (the balanced run's text, when it ran, kept in ``readings.made["balanced"]``; ``readings``: the
    page as parsed, read by readability-lxml where a much wider balanced text may be the page's other content), and
    the page's prose (:func:`_prose_words`, or :func:`_kept_prose_words` where that
    skipped the balanced run) as measured after the precise run, unless
    ``prose`` is given: that run removed from ``tree`` the containers trafilatura prunes in every mode with comments
    off (comment threads, infinite-scroll and share containers), whose prose neither run can take, so it is not
    counted against the precise text (a blog post under a long comment thread is not short of the page's prose)."""
    # (the runs edit the tree they extract from: on a thread-forum page the precise run prunes comment containers
    # that the balanced run keeps, so it works on a copy there)
    precise = _run(copy.deepcopy(tree) if forum_thread_page(tree) else tree, url, True, prune_xpath)
    if prose is None:
        prose = _prose_words(tree)
    if precise and several:
        return precise, prose  # several articles on one page (infinite scroll): the wider run would take the next ones
    if precise and RECALL_RATIO * word_count(precise) >= prose:
        return precise, prose  # the balanced run could not find twice as much: the page holds no more prose
    kept = _kept_prose_words(tree, prose) if precise else prose
    if precise and RECALL_RATIO * word_count(precise) >= kept:
        # nor could it in the prose it keeps: the rest is in blocks both runs discard. That prose is the page's, for
        # looks_wrong too: the precise text is not short of it, as when a balanced run agreed (body_text)
        return precise, kept
    balanced = _run(tree, url, False, prune_xpath)
    if readings is not None:
        readings.made["balanced"] = balanced
    if balanced and word_count(balanced) > RECALL_RATIO * word_count(precise):
        if readings is not None and precise and _page_content(readings, precise, balanced):
            return precise, prose
        logger.debug("Precision mode kept %d words of %d on %s: balanced text taken",
                     word_count(precise), word_count(balanced), url)
        return balanced, prose
    return precise or balanced, prose


def _with_lead(main: str, chosen: str, page: HtmlElement) -> str:
    """``chosen`` (a candidate that replaced a ``short`` main text) with the main text's lines before it, when they
    are the lead of a body split over two containers: every line of the main text a line of prose (10 words or
    more, ending a sentence), none of them in the candidate, and the first shown before the candidate's first line
    in the page (a story's first paragraphs in one ``<article>``, the rest after a side rail in another: the precise
    run takes the first, the candidate the second). Else ``chosen``."""
    lines = [line for line in main.split("\n") if line.strip()]
    if not all(word_count(line) >= 10 and _PROSE_END.search(line) for line in lines):
        return chosen
    have = {text_key(line) for line in chosen.split("\n")}
    if any(text_key(line) in have for line in lines):
        return chosen
    first = next((line for line in chosen.split("\n") if line.strip()), "")
    body = first_body(page)
    shown = " ".join((body if body is not None else page).text_content().split())
    lead_at = shown.find(" ".join(lines[0].split())[:60])
    rest_at = shown.find(" ".join(first.split())[:60])
    if lead_at < 0 or rest_at < 0 or lead_at > rest_at:
        return chosen
    return "\n".join([*lines, chosen])


def _page_content(readings: Readings, precise: str, balanced: str) -> bool:
    """The balanced run's surplus over the precise text is the page's other content (a gallery's captions, the next
    stories, a blog's "about me" box beside a short post), not the rest of the body, when readability-lxml's block (an
    independent reading of the page) agrees with the precise text and not with the wider one, whatever their lengths."""
    block = readings.candidate("readability")  # (None when it fails: the rule of the ratio stands)
    return block is not None and agree(precise, block) and not agree(balanced, block)


MARKUP_SHARE = 0.3
"""A line whose characters are this much HTML tags is markup shown as text (an embed code, a comment form's list
of allowed tags), not prose."""
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)(?:\s+[\w:-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))?)*\s*/?>")


def _markup(line: str) -> int:
    """Characters of ``line`` in HTML tags (of HTML's element names: "<The Palace: Tale of Jang Noksu>" is a title)."""
    return sum(m.end() - m.start() for m in _TAG.finditer(line) if m.group(1).lower() in html_tags)


def without_markup_lines(body: str) -> str:
    """``body`` without its lines of markup shown as text (see ``MARKUP_SHARE``); a tag named in a sentence
    ("the <p> element") stays."""
    if "<" not in body:
        return body
    return "\n".join(line for line in body.split("\n") if "<" not in line or _markup(line) < MARKUP_SHARE * len(line))


# ------------------------------------------------------------------ when the main text looks wrong: other candidates
TABLE_SHARE = 0.5
"""Share of the text's words in table rows ("| cell | cell |") above which it is a layout table (old sites lay out
the whole page in tables: the navigation table comes out instead of the story)."""
LINK_SHARE = 0.4
"""Share of the text's words that are link texts of the page above which it is a menu or a teaser list."""
PROSE_SHARE = 0.5
"""The text holds less than this share of the page's prose (from ``MIN_PAGE_PROSE`` words): a sidebar or a box."""
MIN_PAGE_PROSE = 100
MIN_WORDS = 50
"""Fewer words than this: the main run found a fragment (an app shell, a caption) or nothing."""
_WORD = re.compile(r"\w+")
_PROSE_END = re.compile(r"[.!?\"'”’»)。！？」』）]\s*$")
"""A line that ends a sentence, in the punctuation of spaced scripts or of Chinese and Japanese."""


def _line_words(line: str) -> int:
    """Words of a line: its ``\\w+`` runs, or, in a script written without spaces (one run a clause), about two
    characters a word as :func:`word_count` counts them: a Chinese or Japanese paragraph is prose, not 4 words."""
    return word_count(line) if UNSPACED.search(line) else len(_WORD.findall(line))


BROKEN_SENTENCE_WORDS = 40
"""A sentence broken over lines ("I love the idea of preserving these paper" / "punched leaves for other craft
projects!": a post written with ``<br>``s, one line a verse or a phrase) counts as prose when its lines up to its end
hold 10 words or more, none a link's text of the page, a table row or a line seen before, each line before its last
holds ``BROKEN_LINE_WORDS`` words or more (a table's cells as lines, "Kyle Busch" / "5040" / "Martin Truex Jr.", are
no sentence), and those lines hold at most this many words (a menu or a list of labels runs on without an end)."""
BROKEN_LINE_WORDS = 3
_LAST_WORD = re.compile(r"([^\W\d_]+)\s*$")
_FIRST_LETTER = re.compile(r"^\W*([^\W\d_])")


def goes_on(before: str, line: str) -> bool:
    """``line`` goes on the sentence ``before`` began (a sentence broken by a ``<br>``): ``before`` ends with a
    lower-case word and no punctuation ("... these paper") or ``line`` starts with one ("punched leaves ..."). A
    heading or a label ending with a capital, a digit or a colon ("... Truck Series", "às 20:13", "após 36 etapas:")
    before a line opening with a capital is no sentence's part."""
    end = _LAST_WORD.search(before)
    start = _FIRST_LETTER.match(line)
    return bool((end and end.group(1)[0].islower()) or (start and start.group(1).islower()))


@dataclass(slots=True)
class Signals:
    """What a candidate text looks like: its words, its prose (lines of 10 words or more ending a sentence, each
    counted once, or a sentence of 10 words or more broken over lines by ``<br>``s: see ``BROKEN_SENTENCE_WORDS``),
    the share of its words that are link texts of the page, and the share in table rows."""

    words: int
    prose: int
    links: float
    table: float

    @property
    def score(self) -> float:
        """Prose not made of links: what an article body is made of."""
        return self.prose * (1 - self.links)


def _anchor_texts(page: HtmlElement) -> frozenset[str]:
    """The page's link texts, whitespace-normalised and casefolded."""
    # (a link without child nodes, most of them, is its own text: no text_content() call, an XPath evaluation)
    return frozenset(" ".join(((a.text or "") if not len(a) else a.text_content()).split()).casefold()
                     for a in page.iter("a")) - {""}


def _is_link_text(line: str, anchors: Set[str]) -> bool:
    """``line`` (a line or a table cell of a text) is the text of one of the page's links (``anchors``, as
    :func:`_anchor_texts` makes them), with or without a list bullet before it ("- ", "• ")."""
    key = " ".join(line.split()).casefold()
    return bool(key) and (key in anchors or key.lstrip("-•* ") in anchors)


class Readings:
    """What the steps of one page's body choice read from the page as parsed, each once: its link texts (the link
    test, the candidates' scores and the teaser tail all ask for them, ~0.4 ms a walk) and the texts of the runs and
    candidates (``made``: ``balanced``, ``unpruned``, ``readability``; a text may be None: it ran and found
    nothing). Extraction never edits the page's tree (the runs work on copies)."""

    __slots__ = ("page", "url", "made", "_anchors")

    def __init__(self, page: HtmlElement, url: str = ""):
        self.page = page
        self.url = url
        self.made: dict[str, str | None] = {}
        self._anchors: frozenset[str] | None = None

    @classmethod
    def of(cls, page: HtmlElement | Readings, url: str = "") -> Readings:
        return page if isinstance(page, Readings) else cls(page, url)

    def anchors(self) -> frozenset[str]:
        if self._anchors is None:
            self._anchors = _anchor_texts(self.page)
        return self._anchors

    def candidate(self, name: str) -> str | None:
        """The ``unpruned`` or ``readability`` candidate's text (None when it fails or finds nothing)."""
        if name not in self.made:
            make = _unpruned if name == "unpruned" else _readability
            self.made[name] = _candidate(name, make, self.page, self.url)
        return self.made[name]


def signals(text: str, anchors: Set[str]) -> Signals:
    words = prose = links = table = 0
    run = 0  # words of the lines before this one since the last sentence's end: a sentence broken by <br>s
    before = ""  # the line before this one, when it may open or go on such a sentence
    seen: set[str] = set()
    for line in text.split("\n"):
        n = _line_words(line)
        if not n:
            continue
        words += n
        key = " ".join(line.split())
        repeated = key in seen  # (a slideshow's captions, twice or more: one line of prose)
        seen.add(key)
        row = line.startswith("|")
        if row:
            table += n
        linked = 0
        for cell in (line.strip().strip("|").split("|") if row else [line]):
            if _is_link_text(cell, anchors):
                linked += _line_words(cell)
        links += linked
        part = not (repeated or row or linked)  # (a link's text, a table row or a line seen before is no part of one)
        if not part or (run and not goes_on(before, line)):
            run = 0
        if _PROSE_END.search(line):
            if not repeated and run + n >= 10:
                prose += run + n
            run = 0
        elif part and n >= BROKEN_LINE_WORDS and run + n <= BROKEN_SENTENCE_WORDS:
            run += n
        else:
            run = 0
        before = line
    return Signals(words, prose, links / max(words, 1), table / max(words, 1))


def looks_wrong(text: str, page: HtmlElement | Readings, prose: int, several: bool = False) -> str | None:
    """Why the main text looks like the wrong block (``table``, ``links``, ``short``, ``little_prose``), or None.
    The link test needs the page's link texts: it runs last, on texts the cheaper tests let through.

    On a page with ``several`` headings (``<h1>``), the rest of the page's prose may be the next articles: a text
    short of it is wrong only when it holds no prose of its own (a menu taken for the first article)."""
    words = word_count(text)
    if words < MIN_WORDS:
        return "short"
    # (a layout table before the prose test: a table is never confirmed by a candidate that agrees with it)
    if text.count("\n|") + text.startswith("|") and signals(text, set()).table >= TABLE_SHARE:
        return "table"
    if prose >= MIN_PAGE_PROSE and words < PROSE_SHARE * prose and (
        not several or signals(text, set()).prose < PROSE_SHARE * words
    ):
        return "little_prose"
    if signals(text, Readings.of(page).anchors()).links >= LINK_SHARE:
        return "links"
    return None


BETTER = 1.1
"""A candidate replaces the best text so far when its score is more than this many times that text's (not the same
prose with a slideshow's captions or a few lines more)."""
AGREEMENT = 0.7
"""Two texts agree when this share of the longer one's words is in the other (as a multiset)."""
ENOUGH_PROSE = 0.5
"""In place of a layout table or a link list, readability's block is enough (the unpruned candidate is not run) when
it beats the main text and at least this share of its words are prose not made of links (a whole article; a block
of fragments may be the part of a story that trafilatura finds whole)."""


def agree(a: str, b: str) -> bool:
    wa, wb = Counter(_WORD.findall(a.casefold())), Counter(_WORD.findall(b.casefold()))
    longer = max(sum(wa.values()), sum(wb.values()))
    return bool(longer) and sum((wa & wb).values()) >= AGREEMENT * longer


def best_candidate(page: HtmlElement | Readings, url: str, main: str | None, why: str) -> str | None:
    """Of the main text and independent candidates (trafilatura on the unpruned page, readability-lxml's block),
    the one with the most prose not made of links (the main text unless another has ``BETTER`` times more). A main text
    that is only short of the page's prose stays when an independent candidate agrees with it (the rest of the
    page's prose is comments or other stories); a table or a link list is not confirmed that way. A candidate the
    caller's :class:`Readings` holds already is not made again."""
    readings = Readings.of(page, url)
    anchors = readings.anchors()
    measured = signals(main or "", anchors)
    best, best_score = main, measured.score
    if why in ("table", "links"):
        # A layout table or a link list is never confirmed by agreement: readability's block first, and when it
        # beats the main text as a whole article (``ENOUGH_PROSE``), trafilatura is not run again on the whole page.
        # Against a layout table, as much prose with fewer table rows is enough: trafilatura writes a story's cell
        # as its paragraphs and then its layout table again as rows, around the same paragraphs (a portal of 2011)
        text = readings.candidate("readability")
        found = signals(text or "", anchors)
        if text and found.score >= ENOUGH_PROSE * found.words and (
                found.score > BETTER * best_score
                or (why == "table" and found.score >= best_score and found.table < measured.table)
                or _story_beside_rows(main, text, found, anchors)):
            logger.debug("Main text looked wrong (%s) on %s: readability candidate taken", why, url)
            return text
    known = readings.made.get("readability")
    if main and why in ("short", "little_prose") and known and agree(main, known):
        # readability's block, read already (the balanced run's check), agrees with the main text: the loop below
        # would return the main text too, whatever the unpruned candidate is (not run: ~20 ms)
        return main
    for name in ("unpruned", "readability"):
        text = readings.candidate(name)
        if not text:
            continue
        if main and why in ("short", "little_prose") and agree(main, text):
            return main
        score = signals(text, anchors).score
        if score > BETTER * best_score:
            best, best_score = text, score
            logger.debug("Main text looked wrong (%s) on %s: %s candidate taken", why, url, name)
    return best


def _story_beside_rows(main: str | None, block: str, found: Signals, anchors: Set[str]) -> bool:
    """readability-lxml's ``block`` (its :func:`signals` ``found``, prose) is the story of a main text that looked
    like a layout table or a link list: the block has ``MIN_BODY_WORDS`` words or more, all of them in the main
    text, and the main text's other lines are not prose (less than ``ENOUGH_PROSE`` of their words): a short post
    above its blog's sidebar of books set in a table, whose rows outweigh the post's few sentences. A main text whose
    other lines are prose too (a story written in table cells, each cell read as a line; a list article) is not cut
    to the block."""
    if not main or found.words < MIN_BODY_WORDS:
        return False
    mine, theirs = Counter(_WORD.findall(main.casefold())), Counter(_WORD.findall(block.casefold()))
    if sum((mine & theirs).values()) < sum(theirs.values()):
        return False
    have = {text_key(line) for line in block.split("\n")}
    # (a table row's cells read as lines of their own: a story set in a layout table's cells is prose)
    cells = [cell for line in main.split("\n") if text_key(line) not in have
             for cell in (line.strip().strip("|").split("|") if line.startswith("|") else [line])]
    rest = signals("\n".join(cell.strip() for cell in cells), anchors)
    return bool(rest.words) and rest.prose < ENOUGH_PROSE * rest.words


def _candidate(name: str, make: Callable[[HtmlElement, str], str | None], page: HtmlElement, url: str) -> str | None:
    try:
        return make(page, url)
    except Exception as exc:  # noqa: BLE001 - a candidate that fails is no candidate
        logger.debug("%s candidate failed on %s: %s", name, url, exc)
        soft_failures.note("candidate_unpruned" if name == "unpruned" else "candidate_readability")
        return None


def _unpruned(page: HtmlElement, url: str) -> str | None:
    """trafilatura's balanced run (with its own fallbacks) on the page with every container (the pruning can take
    the story), its markup repaired as for the main run."""
    return extract_in_place(pruned(page, chrome=False), _options(url, False))  # (a copy made for the run)


_CONTAINERS_NAMED = etree.XPath(
    "//div[@class or @id] | //section[@class or @id] | //ol[@class or @id] | //ul[@class or @id]"
    " | //details[@class or @id]"
)
_COMMENTS_ID = re.compile(r"^comment(?!ary)|^(?:disqus_thread|dsq-comments)$", re.I)
_COMMENTS_CLASS = re.compile(r"^comment(?!ary)|(?:article|post)-comments", re.I)


def _comment_containers(page: HtmlElement) -> list[HtmlElement]:
    """Readers' comment containers as trafilatura prunes them with comments off (a class or id that starts with
    "comment", not "commentary"; Disqus): "commentbody", "comment-list", "comments". (The containers with a class or
    an id found by one XPath, tested in Python: ~0.5 ms a page, ~0.9 with the tests in XPath.)"""
    return [el for el in _CONTAINERS_NAMED(page)
            if _COMMENTS_ID.match(el.get("id") or "") or _COMMENTS_CLASS.search(el.get("class") or "")]


_DOOMED = "data-newsproj-comments"
OPENING_WORDS = 8
"""A line of this many words opens a block's text (a reply's "@ Dan Goodin," does not)."""


def _without(page: HtmlElement, doomed: list[HtmlElement]) -> HtmlElement:
    """A copy of ``page`` without the ``doomed`` elements (marked, copied, unmarked: the page is never left edited)."""
    try:
        for el in doomed:
            el.set(_DOOMED, "")
        out = copy.deepcopy(page)
    finally:
        for el in doomed:
            el.attrib.pop(_DOOMED, None)
    for el in out.xpath(f"//*[@{_DOOMED}]"):
        if el.getparent() is not None:
            el.drop_tree()
    return out


def _opens_in_comments(text: str, doomed: list[HtmlElement]) -> bool:
    """Whether the first line of ``text`` of ``OPENING_WORDS`` words or more is a line of the ``doomed`` comment
    containers: a block that is the readers' thread, not the post above it."""
    first = next((line for line in text.split("\n") if word_count(line) >= OPENING_WORDS), None)
    if first is None:
        return False
    inside = set(doomed)  # (each comment's text read once: a container inside another is read with it)
    return any(first in " ".join(el.text_content().split()) for el in doomed
               if not any(up in inside for up in el.iterancestors()))


def _readability(page: HtmlElement, url: str) -> str | None:
    """readability-lxml's article block as lines (it copies the tree it is given before cleaning it). Its own rule
    drops a "comment" container unless the class also says "body", which "commentbody" does: a short post's
    readers' thread, 20 comments, was its block (a blog of 2012). A block that opens in the readers' comments
    (:func:`_comment_containers`; not on a thread-forum page, whose posts they are) is read again without them. (Not
    every page read without them: a post's block that runs on into its thread ends where the cleaning's thread rule
    cuts it, with the page's footer after the thread; without the thread, the footer joins the post.) Without the
    page's URL: given one, it rewrites every link of its copy absolute (lxml's rewrite_links, ~15 % of its time),
    which no text of the block depends on."""
    from readability import Document

    memoised_readability_clean()  # (newsproj/compat.py: the same results, its repeated measures remembered)
    text_only_readability_cleaner()  # (newsproj/compat.py: no link rewriting for JavaScript; the same text)
    text = block_lines(Document(page).summary(html_partial=True))
    doomed = _comment_containers(page) if text else []
    if doomed and _opens_in_comments(text, doomed) and not forum_thread_page(page):
        text = block_lines(Document(_without(page, doomed)).summary(html_partial=True))
    controls = {" ".join(a.text_content().split()) for a in _controls(page)} - {""}
    if controls and text:  # (readability reads the page as it is: a "<< Back" link's line is no story's)
        text = "\n".join(line for line in text.split("\n") if line not in controls)
    return text or None


_LINE_BLOCKS = frozenset(("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br",
                          "section", "article", "td", "dd", "dt", "table", "ul", "ol", "figcaption"))


def block_lines(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    root = lxml.html.fromstring(fragment)
    parts: list[str] = []
    stack: list[tuple[HtmlElement, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            if tag in _LINE_BLOCKS:
                parts.append("\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in _LINE_BLOCKS:
            parts.append("\n")
        if tag and node.text and tag not in ("script", "style"):
            parts.append(node.text)
        stack.append((node, True))
        if tag not in ("script", "style"):
            stack.extend((child, False) for child in reversed(node))
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


# ------------------------------------------------------------------ JSON-LD articleBody as a wider body
LD_RATIO = 1.3
"""The JSON-LD articleBody must be this much longer than the extracted text to replace it."""
LD_CONTAINS = 0.7
"""Share of the extracted text's lines that the JSON-LD articleBody must contain (same article, not a summary)."""
_BLOCKS = "//p | //h2 | //h3 | //h4 | //blockquote | //li | //pre"


_MD_LINK = re.compile(r"\[([^\[\]\n]{0,1000})\]\([^()\s]{0,2000}\)")
_MD_ATTRIBUTES = re.compile(r"\{:[^{}\n]{0,200}\}")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*{1,2}([^*\n]{1,200}?)\*{1,2}(?![\w*])")
_MD_DIRECTIVE = re.compile(r"^\+\+\+.*$|^\{:[^{}\n]{0,200}\}\s*$", re.M)


def _without_markdown(text: str) -> str:
    """A JSON-LD ``articleBody`` written in Markdown (Condé Nast: "[a paper](https://…)", "*NASA*{: .small}",
    "+++feature-default" and "{: legacyType=…}" lines, "&nbsp;" entities) as the text it shows: a link's text, no
    markup lines."""
    text = _MD_DIRECTIVE.sub("", html.unescape(text))
    text = _MD_ATTRIBUTES.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\1", text)


PICTURES = 1000
"""Pictures of a page whose alt text is read (:func:`picture_captions`); the rest are not."""
PICTURE_TEXT_CHARS = 500
"""An alt text longer than this is no caption's: it is not read (a body line that long is prose anyway)."""
PICTURE_LEVELS = 3
"""How far up from an ``<img>`` its own block is looked for (:func:`picture_captions`)."""
PICTURE_BLOCK_SLACK = 200
"""A picture's own block holds its caption and at most this many characters more (a kicker, a credit, a date);
an ancestor with more text is the story around the picture, not the picture's block."""
PICTURE_BLOCK_ELEMENTS = 200
"""A picture's own block has at most this many elements; an ancestor with more is no picture's block."""
PICTURE_WALK = 20_000
"""Elements of picture blocks walked on one page, in all; the pictures after that are not read."""
PICTURE_SCAN_CHARS = 500_000_000
"""Characters of the page's text scanned in all for pictures' alts (each alt is looked for in the whole text, twice:
pictures times text, ~0.1 s of CPU at most); past it, the pictures after are not read and the alts not yet counted
are no captions (their lines stay). 1,000 captioned pictures on a page of 100,000 characters scan ~0.2 billion."""
_NOT_CAPTIONS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dd", "dt", "blockquote", "td", "th"})
"""A text in one of these (a paragraph, heading, list item, quote, cell) is the story's own, unless it sits in the
picture's own link or figure (a teaser tile's headline, a figcaption)."""


def _small_block(block: HtmlElement, limit: int) -> tuple[list[HtmlElement], int] | None:
    """``block``'s elements (itself first) and about how many characters of text it holds (its words, one space
    after each), when it has at most ``PICTURE_BLOCK_ELEMENTS`` elements and ``limit`` characters, else None (read
    only so far)."""
    elements: list[HtmlElement] = []
    size = 0
    for el in block.iter():
        if len(elements) >= PICTURE_BLOCK_ELEMENTS:
            return None
        elements.append(el)
        for part in (el.text if isinstance(el.tag, str) else None, el.tail if el is not block else None):
            if part:  # (a comment's text is not shown, the text after it is)
                size += sum(len(w) + 1 for w in part.split())
        if size > limit + 1:
            return None
    return elements, size


def _holds(outer: HtmlElement | None, el: HtmlElement) -> bool:
    """Whether ``el`` is ``outer`` or inside it."""
    return outer is not None and (el is outer or any(a is outer for a in el.iterancestors()))


def _link_below(el: HtmlElement, top: HtmlElement) -> HtmlElement | None:
    """The ``<a>`` that holds ``el`` (or is ``el``) below ``top``, else None."""
    return next((a for a in _below(el, top) if a.tag == "a"), None)


def _below(el: HtmlElement, top: HtmlElement) -> Iterator[HtmlElement]:
    """``el`` and its ancestors below ``top``."""
    at: HtmlElement | None = el
    while at is not None and at is not top:
        yield at
        at = at.getparent()


def _caption_in_block(img: HtmlElement, alt: str, walk: list[int]) -> HtmlElement | None:
    """The element of ``img``'s own block whose text is exactly ``alt``, when it is the picture's caption: inside
    the picture's own link or ``<figure>``, or in a link to the same place (a teaser tile: picture and headline,
    two links to one story), or after the picture and in no paragraph, heading, list item or cell of the block
    (appleinsider's ``<div><div><img alt=X></div><span>X</span></div>``). The block is the nearest of the
    picture's ``PICTURE_LEVELS`` ancestors that holds such an element and no more than ``PICTURE_BLOCK_SLACK``
    characters of text besides; an ancestor with more is the story around the picture, and nothing is looked for
    there. ``walk[0]``: elements walked so far on the page (:data:`PICTURE_WALK`)."""
    own_link = next(img.iterancestors("a"), None)
    href = own_link.get("href") if own_link is not None else None
    figure = next(img.iterancestors("figure"), None)
    block: HtmlElement | None = img
    for _ in range(PICTURE_LEVELS):
        block = block.getparent() if block is not None else None
        if block is None or walk[0] >= PICTURE_WALK:
            return None
        small = _small_block(block, len(alt) + PICTURE_BLOCK_SLACK)
        walk[0] += len(small[0]) if small is not None else PICTURE_BLOCK_ELEMENTS
        if small is None:
            return None
        elements, size = small
        if size < len(alt):  # (too little text to hold the caption yet)
            continue
        after = False
        for el in elements:
            if el is img:
                after = True
            if el is img or not isinstance(el.tag, str) or " ".join(el.text_content().split()) != alt:
                continue
            if _holds(own_link, el) or _holds(figure, el):
                return el
            link = _link_below(el, block)
            if href and link is not None and link.get("href") == href:
                return el
            # (nor is one that holds a paragraph, heading or quote of the block's, or sits in one that is the
            # block: a Gutenberg media-and-text block's <div><p>X</p></div> beside its picture)
            if after and block.tag not in _NOT_CAPTIONS and not any(
                    a.tag in _NOT_CAPTIONS for a in _below(el, block)) and next(el.iter(*_NOT_CAPTIONS), None) is None:
                return el
    return None


def picture_captions(tree: HtmlElement, body: str | None = None) -> frozenset[str]:
    """The alt texts (whitespace-normalised, punctuation kept) of the page's pictures (the first ``PICTURES``
    ``<img>``) that the picture's own block shows again as its caption (:func:`_caption_in_block`) and that the
    page's text holds nowhere else: a body line equal to one is that caption or a teaser tile's headline, never a
    paragraph or heading of the story that happens to say what a picture's alt says (the page would show it once
    more). ``body``: the extracted body; only an alt that is one of its lines (whitespace-normalised, as cleaning
    reads them) can matter, and on most pages none is, so nothing more is walked or read."""
    shown: dict[str, set[HtmlElement]] = {}
    walk = [0]
    scan = 0  # characters of the page's text scanned for alts (PICTURE_SCAN_CHARS)
    lines = None if body is None else {" ".join(line.split()) for line in body.split("\n")}
    raw: str | None = None
    for n, img in enumerate(tree.iter("img")):
        if n >= PICTURES or walk[0] >= PICTURE_WALK:
            break
        alt = " ".join((img.get("alt") or "").split())
        if not alt or len(alt) > PICTURE_TEXT_CHARS or (lines is not None and alt not in lines):
            continue
        if raw is None:
            raw = tree.text_content()
        scan += len(raw)
        if scan > PICTURE_SCAN_CHARS:
            break
        if alt not in raw:  # (no text of the page says it)
            continue
        caption = _caption_in_block(img, alt, walk)
        if caption is not None:
            shown.setdefault(alt, set()).add(caption)
    if not shown or raw is None:
        return frozenset()
    text = " ".join(raw.split())
    # the scripts' and styles' texts, one string: each alt is counted in it once, not once a script (no alt holds
    # a newline)
    hidden = "\n".join(" ".join(el.text.split()) for el in tree.iter("script", "style") if el.text)
    # the page's text outside scripts and styles holds the alt only as often as its pictures' captions
    captions = []
    for alt, elements in shown.items():
        scan += len(text) + len(hidden)
        if scan > PICTURE_SCAN_CHARS:
            break
        if text.count(alt) - hidden.count(alt) <= len(elements):
            captions.append(alt)
    return frozenset(captions)


PULL_QUOTE_WORDS = 6
"""A pull quote is a sentence of the article set again: a few words at least (a shorter line inside a paragraph is a
phrase it happens to hold, "Thank you very much")."""
MAX_QUOTES = 50
"""``<blockquote>`` elements read per page for pull quotes (bounded: the page decides how many it has)."""
MAX_QUOTE_BLOCKS = 20
"""Paragraphs read per ``<blockquote>``."""


ATTRIBUTION_WORDS = 8
"""A quote's attribution beside its text ("— Advocate Dali Mpofu", "Interimstrainer Uwe Schubert", a post's
"— Name (@handle) October 21, 2017") is a few words."""
QUOTE_CHARS = 3000
"""A ``<blockquote>`` whose text is longer is read for its lines, not for an attribution (a pull quote is short)."""


def quote_lines(tree: HtmlElement, body: str) -> dict[str, str]:
    """The lines of ``body`` (whitespace-normalised) that are the text of a block inside a ``<blockquote>`` (one of
    its paragraphs, or the quote itself where it holds none), of ``PULL_QUOTE_WORDS`` words or more: a quotation, or
    a pull quote where a longer line of the text holds its words (cleaning tells them apart: ``clean_body``'s
    ``quotes``). Each maps to the :func:`text_key` of its quote's attribution, the quote's other text when that is
    one to ``ATTRIBUTION_WORDS`` words ("— Advocate Dali Mpofu"), else "". Compared by :func:`text_key`: the quote
    marks a pull quote adds, its case and spacing do not count."""
    quoted: dict[str, str] = {}
    # each block's key once: nested quotes read the same paragraphs (50 quotes one in another around 20 paragraphs
    # of 70 KB each read them 50 times: 1.1 s of CPU, twice the rest of the page's extraction)
    block_keys: dict[HtmlElement, str] = {}
    for quote in itertools.islice(tree.iter("blockquote"), MAX_QUOTES):
        blocks = list(itertools.islice(quote.iter("p"), MAX_QUOTE_BLOCKS)) or [quote]
        for block in blocks:
            if block not in block_keys:
                block_keys[block] = text_key(element_text(block))
        keys = [key for key in (block_keys[block] for block in blocks)
                if len(key.split(" ", PULL_QUOTE_WORDS)) >= PULL_QUOTE_WORDS]
        if not keys:
            continue
        # (a pull quote's box holds one quotation: where a quote holds several, its short text is a paragraph of
        # its own - a post written inside <blockquote>, "That is a promise." - not the attribution of one of them;
        # so the quote's whole text is read for an attribution only beside a single quotation)
        whole = element_text(quote) if len(keys) == 1 and (len(blocks) > 1 or blocks[0] is not quote) else ""
        rest = text_key(whole).replace(keys[0], " ", 1) if whole and len(whole) <= QUOTE_CHARS else ""
        rest = " ".join(rest.split())
        attribution = rest if len(rest.split(" ", ATTRIBUTION_WORDS)) <= ATTRIBUTION_WORDS else ""
        for key in keys:
            quoted.setdefault(key, attribution)
    if not quoted:
        return {}
    lines = (" ".join(raw.split()) for raw in body.split("\n"))
    return {line: quoted[key] for line in lines if (key := text_key(line)) in quoted}


def from_jsonld(tree: HtmlElement, body: str, ld_body: str | None) -> str | None:
    """The page's JSON-LD ``articleBody`` when it holds the extracted body and much more (precision lost part
    of a body split across containers), as paragraphs: the page's own blocks that it contains, in page order,
    or its own lines when the page's blocks do not cover it. None when it is not clearly better."""
    if not ld_body or not isinstance(ld_body, str) or word_count(ld_body) < LD_RATIO * word_count(body):
        return None
    if "](" in ld_body:
        ld_body = _without_markdown(ld_body)
    ld_key = text_key(ld_body)
    lines = [line for line in body.split("\n") if word_count(line) >= 8]
    if not lines or sum(text_key(line) in ld_key for line in lines) < LD_CONTAINS * len(lines):
        return None
    paragraphs: list[str] = []
    seen: set[str] = set()
    taken = ""  # the keys taken, one a line: "part of a key taken" is one substring search (a key has no newline),
    #            not one per key taken (6,000 paragraphs: 90 s)
    for block in tree.xpath(_BLOCKS):
        if block.xpath("ancestor::script or ancestor::noscript or ancestor::template"):
            continue
        text = " ".join(block.text_content().split())
        key = text_key(text)
        if len(key) >= 20 and key in ld_key and key not in taken:
            seen.add(key)
            taken += key + "\n"
            paragraphs.append(text)
    covered = sum(len(p) for p in seen)
    if covered >= 0.85 * len(ld_key):
        return "\n".join(paragraphs)
    return "\n".join(line.strip() for line in ld_body.replace("\r", "").split("\n") if line.strip())


# ------------------------------------------------------------------ body split over several containers
MIN_CONTINUATION_WORDS = 30
TWIN_LEVELS = 2
"""A twin continues the body only inside the body container's ancestor this many levels up (beside it after an ad,
or in a wrapper of its own), not in another column of the page."""
_IN_COMMENTS = etree.XPath(
    "boolean(ancestor-or-self::*[contains(translate(concat(@id, ' ', @class), 'COMENT', 'coment'), 'comment')])"
)


def _kind(el: HtmlElement | None) -> tuple[str, str | None] | None:
    return (el.tag, el.get("class")) if el is not None else None


def _core_classes(cls: str | None) -> frozenset[str]:
    """A class attribute's tokens less its modifiers ("-bottom-space", "block--last": a leading dash or a BEM
    "--"): the last of a split body's containers often lacks the spacing modifier of the others."""
    return frozenset(t for t in (cls or "").split() if not t.startswith("-") and "--" not in t)


_TWIN_BOXES = ("aside", "nav", "footer")
"""A twin of the body's container inside one of these (and the container not) is a box's: related stories set in the
body's own class, or with a modifier ("c-text c-text--related")."""


def continuation(tree: HtmlElement, body: str) -> str | None:
    """The body plus the paragraphs of its sibling containers: publishers split one body over several elements of
    the same tag and class, modifiers aside (after an inline ad, a "read more" box, or the paywall's cut), and
    extractors stop at the first. None when the body's container has no such twin with prose in it near it
    (``TWIN_LEVELS``) or in a wrapper of the container's own kind (a paywall's second half, deep in the page): a
    twin in another column of the page is that column's box."""
    if len(_headings(tree)) > 1:  # (before the body's keys: a test of the page's <h1>s is the cheaper)
        return None
    line_keys = {line: text_key(line) for line in body.split("\n") if word_count(line) >= 8}  # (read again below)
    keys = set(line_keys.values())
    if len(keys) < 2:
        return None
    # the body's container: the (tag, class) of the elements holding its paragraphs; a body may be one such
    # element or many (one per paragraph)
    kinds: dict[tuple[str, str], int] = {}
    read: dict[HtmlElement, str] = {}  # a paragraph's key, computed once (the twins' paragraphs are read up to 3 times)

    def key_of(block: HtmlElement) -> str:
        if block not in read:
            read[block] = text_key(block.text_content())
        return read[block]

    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None and parent.get("class") and key_of(p) in keys:
            kind = (parent.tag, parent.get("class"))
            kinds[kind] = kinds.get(kind, 0) + 1
    if not kinds:
        return None
    (tag, cls), matched = max(kinds.items(), key=lambda kv: kv[1])
    if matched < 2:
        return None
    # every twin, the body's own container included, in page order: the body's lines where they belong
    body_lines = body.split("\n")
    line_index: dict[str, int] = {}  # a line's key → its first line (a dict: a list lookup per block was quadratic)
    for i, line in enumerate(body_lines):
        line_index.setdefault(line_keys[line] if line in line_keys else text_key(line), i)
    ordered: list[str] = []
    used: set[int] = set()
    added = 0
    seen: set[str] = set()
    core = _core_classes(cls)
    # (a class whose core is ``core`` holds each of its tokens: one ``in`` test before the split of every class of
    # an element of the tag, ~0.1 ms a page)
    probe = max(core, key=len) if core else ""
    twins = [el for el in tree.iter(tag) if (other := el.get("class")) == cls
             or core and probe in (other or "") and _core_classes(other) == core]
    members = set(twins)
    container = max(twins, key=lambda t: sum(key_of(b) in keys for b in t.xpath("./p")))
    near = container
    for _ in range(TWIN_LEVELS):
        near = near.getparent() if near.getparent() is not None else near
    around = set(near.iter())  # (one walk: a set lookup per twin)
    parent = container.getparent()
    wrapper = (parent.tag, parent.get("class")) if parent is not None and parent.get("class") else None
    outside = set(container.iterancestors(*_TWIN_BOXES))  # (a body set in an <aside> itself: its twins are too)
    for twin in twins:
        if any(a in members for a in twin.iterancestors()):
            continue  # nested in another twin: read with it
        holds_body = twin is container
        if not holds_body and twin not in around and (wrapper is None or _kind(twin.getparent()) != wrapper):
            continue  # a box of another column in the same class (a sidebar's "module-content" teasers)
        if not holds_body and _IN_COMMENTS(twin):
            continue  # the readers' comments, in items of the same class as the post's (a blog's "item")
        if not holds_body and any(a.tag in _TWIN_BOXES and a not in outside for a in twin.iterancestors()):
            continue  # a related-stories box beside the body ("<aside><div class='c-text c-text--related'>")
        blocks = twin.xpath("./p | ./h2 | ./h3 | ./blockquote")
        for block in blocks:
            key = key_of(block)  # (the key of the block's text with its spacing normalised: the same words)
            if not key or key in seen:
                continue
            text = " ".join(block.text_content().split())
            seen.add(key)
            if key in line_index:
                index = line_index[key]
                used.add(index)
                ordered.append(body_lines[index])
                continue
            if holds_body:
                continue  # beside the body's own lines: the extractor left it out on purpose
            links = sum(len(a.text_content()) for a in block.iter("a"))
            if links > len(text) / 2:
                continue
            ordered.append(text)
            added += word_count(text)
    if added < MIN_CONTINUATION_WORDS:
        return None
    first = min(used) if used else len(body_lines)
    head = [line for i, line in enumerate(body_lines) if i < first and i not in used]
    tail = [line for i, line in enumerate(body_lines) if i > first and i not in used]
    return "\n".join([*head, *ordered, *tail])
