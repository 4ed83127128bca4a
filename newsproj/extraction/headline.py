"""The displayed headline: the page's visible heading that agrees with its metadata titles.

A page states its title several times: JSON-LD ``headline``, ``og:title``/``twitter:title``, ``<title>`` (often
"Headline | Site", "Site: Section: Headline"), and it shows one in a heading. The record takes what the reader sees:

1. the first visible heading (an ``<h1>``, else an ``<h2>``/``<h3>`` or an element whose class or id names a title
   or headline, in page order) whose text *agrees* with a metadata title: equal to one of them, to a part of one
   between separators, or the full form of a truncated one (compared by words; a heading and a title that part
   the same letters into other words, "Saj's"/"Sajs", agree too); a heading that is the site's name
   (``og:site_name``, the host's name, the holder its copyright notice names, a link to the home page) is the
   masthead, not the headline, and so is a heading that repeats a whole title with the site's name in it (the title
   bar, "Site | Section | Headline"), and so is a page's first heading, an ``<h1>``, that starts or ends a title
   whose rest a heading further down shows ("Seth's Blog: Entering sync markets": the post's ``<h3>``); an
   ``<h1>`` that shows a declared title (JSON-LD, og:/twitter:title) and after a separator a label of a word or two,
   the page's kind ("2014 Acura RLX - Review" where og:title is "2014 Acura RLX"), agrees with it;
2. else the metadata title, best first (JSON-LD, og:title, ``<title>``), without the site's name and the section
   parts around it (a site's name also before a colon, "Site.com: Headline", or in parentheses at the end,
   "Headline (from Site)", or glued by hyphens without spaces with its sections' names, "Headline-Section-Site";
   a list of search keywords is no part of a headline): what the reader sees in the tab;
   but where the page states only a ``<title>`` and it shares no word with the article (a title of two names
   in a few words: with the article's first lines, "Seattle Post-Intelligencer: Hockey" above a hockey story; a
   longer one that no heading agrees with: less than a third of its words, "Football Transfer News, Live Football
   Scores, FA Cup Scores" above a story that says "football"), it is the site's or the section's name ("Local
   Sports Wire"; also where a heading shows it, when it is all that title holds besides the site's name:
   "cbs11tv.com - Local Sports Wire" above the story's <h2>): the heading whose words the article's first lines
   use is the headline;
   and where no heading agrees with a ``<title>`` stated alone, the page's first ``<h1>`` is the headline when the
   article uses its words ("Feed Article | Business |" above the h1 "Microsoft won't launch iPhone rival");
   but before the metadata title: the page's ``<h1>`` that states in other words the story a declared title states
   (JSON-LD and og:title an SEO headline, "Lido heatwave: record crowds - latest news"; the reader sees "Swimmers
   return to the lido as the heatwave peaks"), sharing two of its words and a third of them with it;
3. else the first ``<h1>``.
A kicker shown in its own element inside the heading keeps a separator ("Kicker: Headline", never "KickerHeadline").
Whether a kicker is part of the headline, the headline the page declares (JSON-LD, ``<meta name=headline>``,
og:/twitter:title; not the ``<title>``) says: a heading "Kicker: Headline" whose declared headline is "Headline"
gives "Headline" (also where the heading is a whole title too: an <h1> and JSON-LD "FCB-Coach Miller: …" with
og:title "Coach Miller: …"); a heading "Headline" whose schema.org headline is "Kicker: Headline" gives that (og:title
is not asked for this: a blog's name often stands before its headline there). Titles that differ in their separators
only ("A - B", "A: B") are written as the heading shows them. Bold text (an old layout's heading) that starts or ends
a title does not outweigh the JSON-LD headline of a page that declares one (a teaser's label, "City Marathon 2024").

Not done, measured: the page's social title (og:title equal to twitter:title) where it is the shown heading with words
taken out ("Swedish police to investigate reports of leaks to violent gangs" beside the <h1> "... reports of
information leaks to violent gangs"). It is the news-dev truth on Euronews and the Evening Standard (their site files
take og:title), and half A, registry off, went from 0.853 to 0.897 headlines; half B of msv-chaos-dev went from 0.980
to 0.960 (two pages whose truth is the heading), so the generic rule stays the shown heading.
"""

from __future__ import annotations

import itertools
import re
from html import unescape
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import soft_failures
from ..discovery.urls import registrable_domain
from ..text import CJK_CLASS, text_key
from .normalize import BYLINE_START, clean_text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from .metadata import Heading, PageMeta

SEPARATORS = re.compile(r"(?<!\s)\s+(?:[|–—·•:»>~/-]|::|--|-{1,2}>)\s+|(?<!\s)\s*[|：｜]\s*|_(?=[A-Z])"
                        rf"|(?<=[{CJK_CLASS}])_|_(?=[{CJK_CLASS}])"
                        r"|(?<=\w)-\s+(?!(?:and|or|to|und|oder|bis|et|ou|y|o|e|og|en)\b)")
"""Between a headline and the site or section names in a title: " | ", " - ", " – ", " : ", " » ", "_English_",
a full-width colon or bar ("Headline：Site", CJK sites' titles), an underscore beside a Chinese or Japanese
character ("市图书馆新馆下月正式开放_城市新闻_东城网": Chinese portals' "headline_section_site"; a headline has no
underscore of its own), "Music- " (a hyphen after a word and before a space: never inside a headline's words, save a
suspended one, "pre- and post-war")."""
MAX_PARTS = 8
SITE_NAME_WORDS = 4
"""A site's name is a few words; a text inside a copyright notice is taken for it only up to this long."""
KICKER_WORDS = 8
"""A kicker (topic label) before the headline is a few words."""
LABEL_WORDS = 2
"""A label of the page's kind after a declared title in its <h1> ("Review", "Live blog") is a word or two."""


def _squash(text: str) -> str:
    return re.sub(r"\W", "", text.casefold())


_GENERIC_LABELS = frozenset(("www", "news", "blog", "blogs", "mobile", "edition", "online", "sport", "sports",
                             "home", "web", "www2", "www1", "article", "articles", "story", "stories", "feeds"))
"""Host labels that name no site ("news.example.com", "theaustralian.news.com.au": "news" is no site's name)."""


def host_label(url: str) -> tuple[str, ...]:
    """("tageszeitung",) for https://www.tageszeitung.it/...: the names a site's host is made of, the registrable
    domain's first (news.bbc.co.uk → bbc), then its subdomains' ("icscotland" of icscotland.icnetwork.co.uk); a
    generic word (news, blog, www) is none, and an IP address or a one-label host (localhost) has none."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ()
    domain = registrable_domain(host, private=False)  # (a hosted blog's name is a subdomain's: weaker evidence)
    if domain is None:
        return ()
    below = host[: -len(domain) - 1] if host.endswith("." + domain) else ""
    subdomains = below.rsplit(".", MAX_HOST_LABELS)[-MAX_HOST_LABELS:] if below else []
    labels = [domain.partition(".")[0], *reversed(subdomains)]
    return tuple(label for label in labels if len(label) >= 3 and label not in _GENERIC_LABELS)


MAX_HOST_LABELS = 10


def _names_site(text: str, label: str, whole: bool = False) -> bool:
    """The text is (mostly) a host's name: the label is the text's words run together, a run of at least half of
    them or its last words ("TheStar.com", "The Bolton News", "BBC News", "icScotland", "Die Neue Südtiroler
    Tageszeitung"), or the text names the domain
    ("Autopia from Wired.com"). A word inside a longer text is no site's name ("Bad news comes in threes" on
    news.com.au, "Towleroad Talking Points: Election Day" on towleroad.com).

    ``whole``: a subdomain's label (a blog's or a section's name on a host of many, "nuttynomads.posterous.com"),
    weaker evidence: the text is the label and nothing more ("Nutty Nomads: Tripfilms Interview!" is a headline
    that names the blog)."""
    words = re.findall(r"\w+", text.casefold())[:SITE_LABEL_WORDS + 1]
    if not words or len(words) > SITE_LABEL_WORDS:
        return False
    if re.search(rf"(?<!\w){re.escape(label)}\.[a-z]{{2,}}", text.casefold()):
        return True
    if _NAMED_BEFORE_COLON.search(text):
        return False  # "Brainy Gamer: Crafting wonder": the site's name before the headline, not a name alone
    if whole:
        return "".join(words) == label
    for start in range(len(words)):
        run = ""
        for end in range(start, len(words)):
            run += words[end]
            if len(run) >= len(label):
                if run == label and (2 * (end - start + 1) >= len(words) or end == len(words) - 1):
                    return True
                break
    return False


SITE_LABEL_WORDS = 6
_NAMED_BEFORE_COLON = re.compile(r"\w[:：]\s+\w+\s+\w")


MAX_TITLE = 1000
"""Characters of a title read (a page-controlled string; a headline is far shorter)."""


def bounded(headline: str) -> str:
    """The headline of a record: at most ``MAX_TITLE`` characters; a longer one (a <title> of a megabyte, a template's
    keyword dump with no separator in it) is cut at the end of its last word within the limit (where that leaves
    most of it; mid-word in a text without spaces) and noted as the soft failure ``headline_cut``."""
    if len(headline) <= MAX_TITLE:
        return headline
    soft_failures.note("headline_cut")
    cut = headline[: MAX_TITLE + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_TITLE // 2 else cut[:MAX_TITLE]).rstrip()


def parts(title: str) -> list[str]:
    """A title's parts between separators (linear: each separator match starts where white space starts)."""
    found = [p.strip() for p in SEPARATORS.split(title[:MAX_TITLE], maxsplit=MAX_PARTS)]
    return [p for p in found if p]


def _site_like(text: str, site_names: tuple[str, ...], label: tuple[str, ...], owners: tuple[str, ...] = ()) -> bool:
    """A title part or a heading that is the site's name (``og:site_name``; a copyright holder's, which a site's
    name of a few words may be part of: "© 2007 The Independent on Saturday & Independent Online"; the host's) or a
    domain name. A brand alone is not ("PlayStation - Sony cuts price", "BlackRock: …" name what the headline is
    about): a page served from an address that names no site is known by its own links' host (``own_site`` in
    metadata.py)."""
    squashed = _squash(text)
    if not squashed:
        return True
    for site_name in site_names:
        if squashed == _squash(site_name) or (len(squashed) >= 4 and squashed in _squash(site_name)):
            return True
    short = len(text.split()) <= SITE_NAME_WORDS  # (a longer text inside a notice is a caption's, not a name)
    for owner in owners:
        if squashed == _squash(owner) or (short and len(squashed) >= 4 and squashed in _squash(owner)):
            return True
    if any(len(name) >= 4 and _names_site(text, name.replace("-", ""), whole=i > 0) for i, name in enumerate(label)):
        return True
    if _keywords(text):
        return True
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[a-z]{2,})+", text.strip().casefold()))


_KEYWORD = re.compile(r"[^,]{1,40}")
MIN_KEYWORDS = 4
LONG_KEYWORDS = 6
"""In a list of this many items or more, an item may be a word longer ("Premier League Football Transfer News")."""


def _keywords(text: str) -> bool:
    """A list of search keywords, not a headline: four or more comma-separated items of a few capitalised words
    ("Football Transfer News, Football News, Fixtures, Results"); items of up to five words in a list of six or
    more ("Premier League Football Transfer News, Football News, Fixtures, Results, Match Reports, Stats": a
    headline of five commas is rare, one of four names a few things and then says what they did, "Apple, Google,
    Microsoft, Amazon Face New EU Probe")."""
    items = text[:MAX_TITLE].split(",")
    if len(items) < MIN_KEYWORDS:
        return False
    most = 5 if len(items) >= LONG_KEYWORDS else 4
    return all(_KEYWORD.fullmatch(i) and 0 < len(i.split()) <= most and all(w[:1].isupper() or not w[:1].isalpha()
                                                                           for w in i.split()) for i in items)


def _unescaped(text: str) -> str:
    return unescape(unescape(text))


_MASTHEADS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))
"""Tags of a heading whose link to the home page makes its text the site's name (not a ``<nav>`` holding a link
home beside the page's title)."""


def choose(page: PageMeta, url: str = "", body: str | None = None) -> str | None:
    """The displayed headline of a page (see the module's docstring), or None when it states none. ``body``: the
    article's text, when extraction has it (step 2's check)."""
    ld = page.article.get("headline") if page.article else None
    if isinstance(ld, list):
        ld = ld[0] if ld and isinstance(ld[0], str) else None
    found = [
        clean_text(_unescaped(m)) for m in (ld, page.head_headline, page.meta.get("og:title"),
                                           page.meta.get("twitter:title"), page.title)
        if isinstance(m, str) and m.strip()
    ]
    # (the site's name: its og:site_name, and the text of a masthead, a heading that links the home page: "Snowdrops
    # | Hillside Notes" under <h1><a href="/">Hillside Notes</a></h1> is the post "Snowdrops")
    site_name = tuple(n for n in (page.meta.get("og:site_name"),) if n) + tuple(
        h.text for h in page.headings
        if h.home_link and h.tag in _MASTHEADS and 0 < len(h.text.split()) <= SITE_NAME_WORDS)
    owners = tuple(page.owners)
    label = host_label(url) if url else ()
    untrimmed = [m for m in found if m]
    found = [_site_trimmed(m, site_name, label, owners) if m else m for m in found]
    metas: list[str] = [m for m in found if m]
    # the titles the page declares for the article (JSON-LD, <meta name=headline>, og:, twitter:), not the
    # browser's <title>
    declared = {text_key(m): m for m in metas[: len(metas) - 1 if page.title else len(metas)]}
    # (schema.org's headline: never a site's or blog's name before it, as og:title often has)
    schema = {text_key(m): m for m in found[: bool(ld) + bool(page.head_headline)] if m}
    # (a heading that shows a title whole, with the site's name the trimming took off, agrees with it: "Nutty
    # Nomads: Tripfilms Interview!" on a blog of that name)
    whole = {text_key(m) for m in metas + untrimmed}
    squashed = {_squash(m): m for m in untrimmed + metas}
    pieces = {headline_part(m, site_name, label, owners) for m in metas} - {""}
    pieces_squashed = {p.replace(" ", "") for p in pieces}
    # a metadata title that is the heading cut short (with or without an ellipsis)
    # (not the <title>: a site's name there starts many headings)
    cut = metas[:-1] if page.title else metas
    # (one that ends with the site's name is whole: a heading holding it and more is a dateline's block, "Headline
    # THE GAZETTE October 24, 2017")
    truncated = [text_key(m.rstrip(".…").rstrip()) + " " for m in cut if len(m.split()) >= 4
                 and not any(_site_like(p, site_name, label, owners) for p in parts(m)[1:])]
    weaker: str | None = None
    for heading in page.headings:
        text = clean_text(heading.text) or ""
        k = text_key(text)
        if not k or heading.home_link or _site_like(text, site_name, label, owners):
            continue
        if k in whole or _squash(text) in squashed:
            # a whole metadata title: the strongest agreement; written as the one of the two that parts more words
            # (the heading's markup may glue words its punctuation parted, "KickerHeadline"; a title may drop
            # an apostrophe the heading shows, "Sajs")
            same = [m for m in metas + untrimmed if text_key(m) == k]
            # (of titles that differ in their separators only, the one the heading writes: "Rückbau: Kühltürme
            # gesprengt" shown, JSON-LD "Rückbau - Kühltürme gesprengt")
            meta = next((m for m in same if len(parts(m)) == len(parts(text))), None) or (
                same[0] if same else squashed[_squash(text)])
            meta_parts = parts(meta)
            if len(meta_parts) > 1 and any(_site_like(p, site_name, label, owners) for p in meta_parts):
                continue  # the title bar shown on the page ("Site | Section | Headline"), not the headline
            kicked = _kicker_of(text, k, declared)
            if kicked:
                return kicked
            return meta if len(text_key(meta).split()) >= len(k.split()) else text
        if any(k.startswith(t) and len(t) >= len(k) / 2 for t in truncated):
            return text  # the full form of a metadata title cut short
        if weaker:
            continue
        kicked = _kicker_of(text, k, declared)
        if kicked:
            # the heading is a kicker + the headline the page declares: the kicker is a label, not the headline
            weaker = kicked
            continue
        kicked = next((t for t_key, t in schema.items() if _kicker_of(t, t_key, {k: text})
                       and not _site_like(t[: len(t) - len(text)], site_name, label, owners)), None)
        if kicked:
            # the headline the page declares is a kicker + the heading: the kicker is shown apart, but is part of it
            weaker = kicked
            continue
        # a part of a title between separators, or a title without its site or section part cut at a separator
        # the heading holds itself
        # (or a kicker of a few words before one of those)
        rest = _rest_shown(k, whole, page.headings) if heading.position == 0 and heading.tag == "h1" and \
            len(k.split()) >= 2 else None
        if rest and not _site_like(rest, site_name, label, owners):
            # the page's first heading, an <h1>, starts or ends a title, and a heading further down is the rest of it:
            # the first is the blog's or site's name (a masthead) beside the headline ("Seth's Blog: Entering sync
            # markets")
            weaker = rest
            continue
        if ((k in pieces or k.replace(" ", "") in pieces_squashed) and word_length(k) >= 2) or (
            len(k.split()) >= 3 and (heading.tag not in _BOLD or not schema)
            and any(w.startswith(k + " ") or w.endswith(" " + k) for w in whole)
        ) or any(k.endswith(" " + p) and len(k.split()) - len(p.split()) <= KICKER_WORDS for p in pieces
                 if len(p.split()) >= 2):
            weaker = text
            continue
        # an <h1> that shows a declared title and a label of the page's kind after a separator ("2014 Acura RLX
        # - Review" under og:title "2014 Acura RLX"): the headline shown, not a teaser further down that ends with
        # that title ("Shopping for a 2014 Acura RLX?")
        shown = parts(text)
        if heading.tag == "h1" and len(shown) == 2 and text_key(shown[0]) in declared and \
                len(text_key(shown[0]).split()) >= 2 and 0 < len(shown[1].split()) <= LABEL_WORDS:
            weaker = text
    if weaker:
        if body and len(metas) == 1 and page.title and text_key(weaker) == text_key(" ".join(
                p for p in parts(metas[0]) if not _site_like(p, site_name, label, owners))):
            # a heading that is all a <title> stated alone holds besides the site's name is the section's name
            # shown as a masthead ("cbs11tv.com - Local Sports Wire" above the story's <h2>) where the article
            # uses none of its words: the step-2 check below
            return _heading_of(weaker, page.headings, body, (site_name, label, owners)) or weaker
        return weaker
    restated = _restated_h1(page.headings, list(declared.values()), (site_name, label, owners))
    if restated:
        return restated
    for meta in metas:
        kept = [p for p in parts(meta) if not _site_like(p, site_name, label, owners)]
        if not kept:
            continue
        chosen = strip_sections(meta, kept)
        if body and len(metas) == 1 and page.title:
            # only a <title> and no heading agrees with it: a title that shares no word with the article is the
            # site's or the section's name ("Local Sports Wire", "The Hindu News Update Service"); the headline
            # is a heading whose words the article's first lines use
            return _heading_of(chosen, page.headings, body, (site_name, label, owners), loose=True) or _shown_h1(
                page.headings, body, (site_name, label, owners)) or chosen
        return chosen
    if page.headline_h1:
        return clean_text(page.headline_h1)
    # only the site's name in the metadata: the first heading of the page that is not the masthead (one whose words
    # the article uses, where a first one shares none: "England" above "McCarthy is not for sale"), else that name
    for heading in page.headings:
        if heading.tag != "b" and not heading.home_link and not _site_like(heading.text, site_name, label, owners):
            text = clean_text(heading.text) or ""
            return (_heading_of(text, page.headings, body, (site_name, label, owners)) if body else None) or text
    return metas[0] if metas else None


_LEAD = re.compile(r"([^:]{2,60}?):\s+")
_TAIL = re.compile(r"\s*\((?:from\s+)?([^()]{2,60})\)\s*$", re.I)
_FROM_SITE = re.compile(r"\(from (?:[A-Z0-9][\w.'&-]*\s?){1,5}\)")
"""'(from The Bolton News)': a syndicated title's source, a name of a few capitalised words, whatever the host."""


def _site_trimmed(title: str, site_name: tuple[str, ...], label: tuple[str, ...], owners: tuple[str, ...]) -> str:
    """A title without the site's name before a colon that follows a word ("KalingaTimes.com: Headline") or in
    parentheses at its end ("Headline (The Bolton News)"; "(from Name Of Few Words)" on any host, where the page is
    served from another host than its own): separators a title holds in its own words too
    ("Algeria: Al-Qaeda claims attack"), so only taken off where what they part is the site's name."""
    flat = " ".join(title[:MAX_TITLE].split())  # (single spaces: the patterns' \s* never rescan a run of them)
    if _site_like(flat, site_name, label, owners):
        return title  # the site's name and its tagline ("CSTV.com: #1 in College Sports"): no headline to keep
    tail = _TAIL.search(flat)
    if tail and tail.start() > 0 and (_site_like(tail.group(1), site_name, label, owners) or _FROM_SITE.fullmatch(
            tail.group(0).strip())):
        title = flat = flat[: tail.start()]
    glued = _glued_site_tail(flat, site_name, label, owners)
    if glued:
        title = flat = glued
    lead = _LEAD.match(flat)
    if lead and len(flat[lead.end():].split()) >= 2 and len(parts(lead.group(1))) == 1 and \
            _site_like(lead.group(1), site_name, label, owners):
        title = flat[lead.end():]
    return title


GLUED_SECTIONS = 3
"""Section names glued by hyphens between a headline and the site's name ("-India Buzz-Entertainment-"): a few."""
GLUED_SECTION_WORDS = 3


def _glued_site_tail(flat: str, site_name: tuple[str, ...], label: tuple[str, ...], owners: tuple[str, ...]) -> str:
    """The headline of a title that ends with the site's name and its sections each after a hyphen without spaces
    ("Kat to go to London... with Sallu-India Buzz-Entertainment-The Times of India": a template that glues them;
    no ``SEPARATORS`` match, a hyphen inside a headline's word, "Al-Qaeda", is glued too), or "" where the title has
    no such tail: the last part must be the site's name, each part between a section's name of up to
    ``GLUED_SECTION_WORDS`` words that starts with a capital, and the hyphen glued on both sides (a headline's own
    compound, "die-off", is never taken off: what follows it is no site's name). One ``rsplit``, bounded."""
    pieces = flat.rsplit("-", GLUED_SECTIONS + 1)
    # (a subdomain's name too, as a run of the part's words: the glued tail is evidence enough, "The Times of
    # India" on timesofindia.indiatimes.com)
    if len(pieces) < 2 or not _glued(pieces[-1]) or not (_site_like(pieces[-1], site_name, label, owners) or any(
            len(name) >= 4 and _names_site(pieces[-1], name.replace("-", "")) for name in label)):
        return ""
    cut = len(pieces) - 1
    while cut > 1 and _glued(pieces[cut - 1]) and pieces[cut - 1][:1].isupper() and \
            len(pieces[cut - 1].split()) <= GLUED_SECTION_WORDS:
        cut -= 1
    head = "-".join(pieces[:cut])
    if head[-1:].isspace() or len(head.split()) < 3:
        return ""
    return head


def _glued(piece: str) -> bool:
    return bool(piece) and not piece[0].isspace() and not piece[-1].isspace()


_CONTENT_WORD = re.compile(r"\w{4,}")
BODY_CHARS = 20_000
"""Characters of the article read for its words (the words of a title or a heading are in its first lines)."""
LEAD_CHARS = 500
HEADING_WORDS = 15


def _words(text: str) -> set[str]:
    return {w for w in _CONTENT_WORD.findall(text.casefold()) if not w.isdigit()}


def _heading_of(title: str, headings: list[Heading], body: str,
                site: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], loose: bool = False) -> str | None:
    """When ``title`` shares no word of four letters or more with the article (a title of up to
    ``SITE_NAME_WORDS`` words made of two names, around a separator or a colon: with its first lines; ``loose``, a
    longer title no heading agrees with: less than a third of its words), the first heading of 2 to 15 words (an
    <h1>-<h3> or a title/headline element: not bold text, not the masthead, no byline, no teaser cut short by an
    ellipsis) with two words of the article's first lines and two fifths of its words in the article (a headline of
    product names, "CES: iSleep to iDream with iPod-ready bed", shares few with the text); else None."""
    article = _words(body[:BODY_CHARS])
    lead = _words(body[:LEAD_CHARS])
    # (a title of a few words, a site's and a section's name, "Seattle Post-Intelligencer: Hockey", may share a
    # word with a story of that section further down, not with its first lines; a title of a few words that is no
    # two names, "Ferry strike called", is a short headline: a subheading is no better one where the text uses it)
    # (a longer title, most of whose words the article does not use, is the site's tagline or a section's keywords,
    # "Football Transfer News, Live Football Scores, FA Cup Scores" above a story that says "football" once)
    title_words = _words(title)
    short = len(title.split(None, SITE_NAME_WORDS)) <= SITE_NAME_WORDS
    if short and (len(parts(title)) > 1 or _LEAD.match(title[:MAX_TITLE]) is not None):
        if title_words & lead:
            return None
    elif short:
        if title_words & article:
            return None
    elif title_words & article and not (loose and 3 * len(title_words & article) < len(title_words)):
        return None
    for heading in headings:
        text = clean_text(heading.text) or ""
        if heading.home_link or heading.tag in _BOLD or not 2 <= len(text.split()) <= HEADING_WORDS:
            continue
        if text.endswith(("...", "…")) or BYLINE_START.match(text) or _site_like(text, *site):
            continue
        words = _words(text)
        if len(words & lead) >= 2 and 5 * len(words & article) >= 2 * len(words):
            return text
    return None


_BOLD = frozenset(("b", "strong", "font"))


def _shown_h1(headings: list[Heading], body: str,
              site: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> str | None:
    """The page's first ``<h1>`` when it is the story's heading shown above a ``<title>`` that no heading agrees with
    (the title a page states alone is then another text: an older headline, a search title, "Feed Article |
    Business"): 2 to 15 words, no masthead, no byline, not cut short, at least half of its words of four letters or
    more in the article and one in its first lines (a section's label, "Local Sports Wire", or a box's, "Other News
    in Technology", is not about the story); else None."""
    heading = next((h for h in headings if h.tag == "h1"), None)
    if heading is None or heading.home_link:
        return None
    text = clean_text(heading.text) or ""
    if not 2 <= len(text.split()) <= HEADING_WORDS or text.endswith(("...", "…")) or BYLINE_START.match(text):
        return None
    if _site_like(text, *site):
        return None
    words = _words(text)
    used = words & _words(body[:BODY_CHARS])
    return text if words & _words(body[:LEAD_CHARS]) and 2 * len(used) >= len(words) else None


RESTATED_WORDS = 4
"""A heading of fewer words that shares words with a declared title is a label ("Lido heatwave"), not its story's
headline in other words."""
MAX_H1S = 3
MAX_OTHER_HEADINGS = 20
"""Headings compared with a restated <h1> (bounded: the page decides how many it has)."""


def _restated_h1(headings: list[Heading], declared: list[str],
                 site: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]) -> str | None:
    """The page's ``<h1>`` that states in other words the story its declared titles state (JSON-LD and og:title an
    SEO headline, "Lido heatwave: record crowds as temperatures hit 33C - latest news", the heading shown to the
    reader "Swimmers return to the lido as the heatwave peaks"): of the first ``MAX_H1S`` ``<h1>``, the first of
    ``RESTATED_WORDS`` to 15 words, no masthead, no byline, not cut short, that shares two words of four letters or
    more, and a third of its own, with the declared title it shares most with, but less than two thirds; else None.
    (A heading that shares two thirds of its words or more with one is that title lightly reworded, "… die in Laos
    'methanol poisoning' as police detain hostel bosses" beside "Laos methanol poisonings: … as police detain hostel
    bosses": the title the publisher declares stays, as corpora annotate it.) None too when another heading (of the
    first ``MAX_OTHER_HEADINGS``) shares more words with a declared title: it shows that story, the <h1> is a label
    above it."""
    if not declared:
        return None
    titles = [_words(t) for t in declared]
    for heading in [h for h in headings if h.tag == "h1"][:MAX_H1S]:
        text = clean_text(heading.text) or ""
        if heading.home_link or not RESTATED_WORDS <= len(text.split()) <= HEADING_WORDS:
            continue
        if text.endswith(("...", "…")) or BYLINE_START.match(text) or _site_like(text, *site):
            continue
        words = _words(text)
        shared = max(len(words & t) for t in titles)
        if shared >= 2 and 3 * shared >= len(words) > 3 * shared / 2:
            # (another heading that shares more words with a declared title shows that title's story: the <h1> is
            # a label above it, "Exclusive interview with the mayor of the city" over "Mayor vows to fix every
            # pothole by summer")
            if any(h is not heading and h.tag not in _BOLD and max(len(_words(h.text[:MAX_TITLE]) & t)
                                                                  for t in titles) > shared
                   for h in headings[:MAX_OTHER_HEADINGS]):
                return None
            return text
    return None


def _rest_shown(key: str, whole: set[str], headings: list[Heading]) -> str | None:
    """The text of a heading after the first that is the rest of a title that starts or ends with ``key``."""
    rests = {w[len(key):].strip() if w.startswith(key + " ") else w[: -len(key)].strip()
             for w in whole if w.startswith(key + " ") or w.endswith(" " + key)}
    rests = {r for r in rests if len(r.split()) >= 2}
    if not rests:
        return None
    return next((clean_text(h.text) for h in headings if h.position > 0 and text_key(h.text) in rests), None)


_WORD = re.compile(r"\w+")
_KICKER_END = re.compile(r"\W*?[:|–—·•»/-]")


def _kicker_of(heading: str, key: str, declared: dict[str, str]) -> str | None:
    """The declared headline that a heading (``key``: its words) shows after a kicker of a few words and a
    separator ("Kultur : ...", "Onlineversand aus Fernost: ..."), or None."""
    for title_key, title in declared.items():
        extra = len(key.split()) - len(title_key.split())
        if len(title_key.split()) < 3 or not 0 < extra <= KICKER_WORDS or not key.endswith(" " + title_key):
            continue
        words = [m.end() for m in itertools.islice(_WORD.finditer(heading), extra)]
        if len(words) == extra and _KICKER_END.match(heading, words[-1]):
            return title
    return None


_CJK = re.compile(f"[{CJK_CLASS}]")
"""Kana and CJK ideographs: scripts written without spaces between words."""


def word_length(text: str) -> int:
    """The words of a title's part; a Chinese or Japanese text, written without spaces, counts one word per two of
    its kana and ideographs ("市立図書館、開館時間を夜10時まで延長" is a headline of many words, not one)."""
    cjk = len(_CJK.findall(text[:MAX_TITLE]))
    return len(text.split()) + cjk // 2 if cjk else len(text.split())


def headline_part(title: str, site_name: tuple[str, ...], label: tuple[str, ...], owners: tuple[str, ...] = ()) -> str:
    """The key of the part of a title that can be its headline: of the parts that are not the site's name, the one
    with strictly the most words (:func:`word_length`; "" when none stands out: a kicker is as long as the rest)."""
    kept = sorted((p for p in parts(title) if not _site_like(p, site_name, label, owners)),
                  key=lambda p: -word_length(p))
    if len(kept) < 2 or word_length(kept[0]) > word_length(kept[1]):
        return text_key(kept[0]) if kept else ""
    return ""


def strip_sections(title: str, kept: list[str]) -> str:
    """A title without its site-name parts; of what is left, the headline is the part that is clearly longest
    (section names are a word or two; words as :func:`word_length` counts them, a Chinese title's too), or all of it
    when no part stands out."""
    all_parts = parts(title)
    if len(kept) == len(all_parts):
        if len(kept) > 2:
            longest = max(kept, key=word_length)
            if all(word_length(longest) >= 2 * word_length(p) for p in kept if p is not longest):
                return longest
        return title
    if len(kept) == 1:
        return kept[0]
    longest = max(kept, key=word_length)
    if all(word_length(longest) >= 2 * word_length(p) for p in kept if p is not longest):
        return longest
    # the parts left are the headline split at a separator of its own ("Hughes - McCarthy is not for sale"), when
    # no site's name stands between them; else the longest run of them ("Slow Start Cost the Majors in Ottawa -
    # OurSports Central - Independent and Minor League Sports News")
    runs: list[list[str]] = [[]]
    for part in all_parts:
        if part in kept:
            runs[-1].append(part)
        elif runs[-1]:
            runs.append([])
    runs = [run for run in runs if run]
    if len(runs) > 1:
        kept = max(runs, key=lambda run: sum(word_length(p) for p in run))
        if len(kept) == 1:
            return kept[0]
    first, last = title.find(kept[0]), title.rfind(kept[-1])
    return title[first : last + len(kept[-1])] if 0 <= first < last else " - ".join(kept)


KICKER_LINE_WORDS = 5
KICKER_LINE_CHARS = 50
MAX_HEADINGS = 10
"""Headings compared with the headline to find the one shown (bounded: the page decides how many it has)."""
_SENTENCE_END = re.compile(r"[.!?。！？।]\W{0,2}$")


def kicker_above(tree: HtmlElement, body: str, headline: str) -> bool:
    """Whether the body's first line is the kicker shown right above the headline's heading, in an element of its
    own ("<p class=kicker>Analysis</p><h1>Headline</h1>", "ข่าวเด่น" above a Thai <h1>): a label of up to
    ``KICKER_LINE_WORDS`` words, no sentence, that the page shows before the headline, not a line of the text."""
    first = body.split("\n", 1)[0].strip()
    if not first or "\n" not in body or len(first) > KICKER_LINE_CHARS or \
            len(first.split()) > KICKER_LINE_WORDS or _SENTENCE_END.search(first):
        return False
    key = text_key(headline)
    for heading in itertools.islice(tree.iter("h1", "h2"), MAX_HEADINGS):
        if text_key(heading.text_content()) != key:
            continue
        element = heading
        for _level in range(3):  # (the heading in a wrapper of its own: <header><div><h1>)
            before = element.getprevious()
            while before is not None and not isinstance(before.tag, str):
                before = before.getprevious()  # (a comment)
            if before is not None:
                return " ".join(before.text_content().split()) == first
            element = element.getparent()
            if element is None or element.tag in ("body", "html"):
                break
    return False
