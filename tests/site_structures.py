"""A news site with the STRUCTURE real news sites have, for measuring discovery coverage from the homepage (links
only) and from robots.txt (issue 11, probe19): sections and subsections paginated 12 deep in every way sites do it
(``?page=N``, ``/page/N/``, ``/section/N``, an "Older posts" link, ``<link rel="next">`` only, a pager showing
"1 2 3 … 12 Next"), date archives and an endless calendar beside them, tag and author pages, a "load more" button
with a real ``href``; article URLs of many shapes (``/2024/05/06/slug/``, ``/sport/123456``, ``/story.php?id=N``,
``/a/slug.html``, ``/slug-123456``, AMP twins); links written every way (relative under ``<base href>``,
protocol-relative, uppercase host, ``utm_*``/``fbclid``, ``#comments``); articles linked only from a JSON-LD
``ItemList``, only inside ``<noscript>``, only from the RSS feed the homepage advertises.

Pages are served by :class:`tests.sites.PageSite` (``path?query`` → page). The text is generated here (short prose
of 150-400 words, distinct per article); no page of any corpus is copied."""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field

from tests.sites import PageSite

SITE = "The Riverside Gazette"
HTML = "text/html; charset=utf-8"

_PLACES = ("Ashcombe Marlow Kettering Dunmore Halbrook Penrith Oakham Selby Tarrant Wexley Brampton Corwen Yarmouth "
           "Ludlow Fenwick Harlow Ilsley Jarrow Kendal Lydney Morley Nantwich Olney Pershore Rugeley Stroud Thirsk "
           "Uckfield Ventnor Whitby").split()
_SUBJECTS = ("the ferry service|the new library|the harbour wall|the tram extension|a school merger|the flood "
             "barrier|the market hall|the cycle network|the water main|the hospital car park|the youth centre|the "
             "street lights|the bus depot|the swimming baths|the allotments|the museum roof|the river path|the "
             "orchestra|the town clock|the cricket ground").split("|")
_PEOPLE = ("Ada Marsh|Ben Okafor|Carla Ruiz|Dev Patel|Ellen Brooks|Farid Haddad|Grace Lin|Hugo Stein|Ines "
           "Moreau|Jon Bailey").split("|")
_OPENERS = (
    "{place} councillors voted on {day} to approve a revised plan for {subject}, ending {n} months of argument.",
    "Residents of {place} packed the town hall on {day} evening to hear how {subject} will change over {n} years.",
    "Work on {subject} in {place} will begin in {month}, officials confirmed on {day}, after {n} delays.",
    "A report published on {day} found that {subject} in {place} needs repairs costing {n} million pounds.",
    "Campaigners in {place} have collected {n} hundred signatures in a week calling for {subject} to stay open.",
)
_MIDDLES = (
    "The decision follows a consultation in which {n} people in {place} gave their views, most of them in favour.",
    "Engineers told the meeting that the worst of the damage to {subject} dates from the storms of {year}.",
    "Local traders said they had been given too little notice and asked for deliveries to be allowed before {hour}.",
    "{person}, who has lived beside {subject} for {n} years, said the change was long overdue and very welcome.",
    "The opposition group argued that the {n} million pounds could have been spent on services used every day.",
    "A spokesperson for the county said the money would come from reserves set aside in the budget of {year}.",
    "Figures released with the plan show that use of {subject} has risen by {n} per cent since {year}.",
    "Contractors will work in phases so that {subject} stays partly open through the {season} months.",
    "The chair of the {place} residents' association welcomed the plan but asked for monthly progress reports.",
    "Schools near {subject} will be told of any closures at least {n} days in advance, the council promised.",
    "An independent review of {subject} is expected to report to the cabinet before the end of {month}.",
    "Volunteers have offered to run guided walks past {subject} while the work goes on, {person} said.",
    "Insurance claims linked to {subject} reached {n} last winter, according to papers seen by this newspaper.",
    "The nearest alternative to {subject} is a {n}-minute drive away, which older residents say is too far.",
)
_CLOSERS = (
    "A final decision on the second phase is due in {month}, and residents can comment until then.",
    "The council will publish a timetable for {subject} on its website once contractors are appointed.",
    "An open meeting about {subject} will be held at {place} library next {day} at {hour}.",
)
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday".split()
_MONTHS = "January February March April May June July August September October November".split()
_SEASONS = "spring summer autumn winter".split()


@dataclass
class Story:
    """One article of the site: where it is served, the URL it is canonical under, how it is linked."""

    n: int
    path: str
    """Where the page is served (path and query)."""
    headline: str
    paras: list[str]
    author: str
    date: str  # YYYY-MM-DD
    section: str
    canonical: str | None = None
    """The page's ``<link rel=canonical>`` (path), when it names another URL than its own (an AMP twin)."""
    linked_as: str | None = None
    """The href listings give (an AMP URL, a variant), when not ``path``."""
    extra_paths: list[str] = field(default_factory=list)
    """Other paths that serve the same page (a trailing-slash variant), canonical to ``path``."""

    @property
    def truth(self) -> str:
        """The URL (path) a record of this article must have as its ``canonicalUrl``."""
        return self.canonical or self.path


def _prose(n: int, place: str, subject: str, person: str) -> list[str]:
    rng = random.Random(n * 7919 + 13)
    fill = {"place": place, "subject": subject, "person": person, "day": rng.choice(_DAYS),
            "month": rng.choice(_MONTHS), "season": rng.choice(_SEASONS), "year": 2010 + rng.randrange(14),
            "hour": f"{rng.randrange(6, 11)}am", "n": 3 + rng.randrange(90)}
    middles = rng.sample(_MIDDLES, rng.randrange(4, 10))
    paras = [rng.choice(_OPENERS).format(**fill)]
    for k in range(0, len(middles), 2):  # paragraphs of one or two sentences
        paras.append(" ".join(m.format(**{**fill, "n": fill["n"] + 7 * k + 1}) for m in middles[k:k + 2]))
    paras.append(rng.choice(_CLOSERS).format(**fill))
    paras.append(f"Story reference {n}: reporting by {person} in {place}.")  # (no two articles share all sentences)
    return paras


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def _nav() -> str:
    sections = [("News", "/news/"), ("Local", "/news/local/"), ("Sport", "/sport/"), ("Business", "/business/"),
                ("Opinion", "/opinion/"), ("Culture", "/culture/"), ("Tech", "/tech/"), ("Archive", "/archive/"),
                ("Events", "/events/calendar/2024/05/"), ("Authors", "/authors/")]
    return "<nav class='main-nav'>" + " | ".join(f"<a href='{h}'>{t}</a>" for t, h in sections) + "</nav>"


def _page(title: str, body: str, head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)} | {SITE}"
            f"</title>{head}</head><body><header><a href='/'>{SITE}</a>{_nav()}</header>{body}"
            f"<footer><a href='/about/'>About</a> <a href='/contact/'>Contact</a> © 2024 {SITE}</footer>"
            "</body></html>")


def article_page(story: Story) -> str:
    head = (f"<meta property='og:type' content='article'><meta name='author' content='{story.author}'>"
            f"<meta property='article:published_time' content='{story.date}T08:00:00+00:00'>")
    if story.canonical:
        head += f"<link rel='canonical' href='{{{{BASE}}}}{story.canonical}'>"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in story.paras)
    return _page(story.headline, (
        f"<main><article><h1>{html.escape(story.headline)}</h1><p class='byline'>By {story.author}</p>"
        f"<time datetime='{story.date}'>{story.date}</time><div class='story-body'>{body}</div>"
        f"<p><a href='/tag/{_slug(story.section)}/'>More {story.section}</a></p></article></main>"), head)


def _teasers(stories: list[Story], href=None) -> str:
    href = href or (lambda s: s.linked_as or s.path)
    return "".join(
        f"<div class='teaser'><h3><a href='{html.escape(href(s), quote=True)}'>{html.escape(s.headline)}</a></h3>"
        f"<p>{html.escape(s.paras[0][:90])}…</p></div>" for s in stories)


@dataclass
class Section:
    name: str
    root: str  # "/news/"
    style: str  # how its pages are numbered and linked
    pages: int
    per_page: int
    article_shape: str
    absolute: bool = False
    """Teasers link ``http://host/path`` (WordPress writes every link so), not ``/path``."""
    stories: list[Story] = field(default_factory=list)

    def page_url(self, k: int) -> str:
        """Page ``k`` (1-based) of the section."""
        if k == 1:
            return self.root
        return {
            "query": f"{self.root}?page={k}",
            "pagepath": f"{self.root}page/{k}/",
            "number": f"{self.root.rstrip('/')}/{k}",
            "older": f"{self.root}page/{k}/",
            "relnext": f"{self.root}?page={k}",
            "loadmore": f"{self.root}more?offset={(k - 1) * self.per_page}",
            "elided": f"{self.root}?page={k}",
        }[self.style]

    def pager(self, k: int) -> tuple[str, str]:
        """``(head, body)`` markup that leads from page ``k`` on."""
        last = self.pages
        nxt = self.page_url(k + 1) if k < last else None
        if self.style == "relnext":
            return (f"<link rel='next' href='{nxt}'>" if nxt else ""), ""
        if self.style == "older":
            return "", (f"<div class='nav-links'><a href='{nxt}'>Older posts</a></div>" if nxt else "")
        if self.style == "loadmore":
            return "", (f"<a class='button load-more' href='{nxt}'>Load more</a>" if nxt else "")
        if self.style == "elided":  # "1 2 3 … 12 Next": the middle pages only from their neighbours' Next
            shown = sorted({1, 2, 3, k, last})
        else:
            shown = list(range(1, last + 1))
        links = " ".join(f"<a href='{self.page_url(p)}'>{p}</a>" if p != k else f"<span>{p}</span>" for p in shown)
        return "", f"<div class='pager'>{links}{f' … <a href={nxt!r}>Next</a>' if nxt else ''}</div>"


SHAPES = {
    "dated": lambda s, sec: f"/{s.date.replace('-', '/')}/{_slug(s.headline)}/",
    "sportid": lambda s, sec: f"/sport/{100000 + s.n * 37}",
    "newsid": lambda s, sec: f"/news/{200000 + s.n * 41}",
    "php": lambda s, sec: f"/story.php?id={s.n + 300}",
    "html": lambda s, sec: f"/a/{_slug(s.headline)}.html",
    "rootslug": lambda s, sec: f"/{_slug(s.headline)[:40].strip('-')}-{400000 + s.n}",
    "amp": lambda s, sec: f"/tech/{_slug(s.headline)}/",
}


@dataclass
class StructuredSite:
    pages: dict[str, tuple[str, str]]
    stories: list[Story]
    listings: list[str]
    only: dict[str, list[Story]]
    """The articles reachable one way only, by that way (``itemlist``, ``noscript``, ``rss``, ``tag``, ``author``,
    ``archive``: a day archive page of one story, ``homemore``: the homepage's "load more" page)."""

    @property
    def truth(self) -> set[str]:
        return {s.truth for s in self.stories}


def build(pages_deep: int = 12, per_page: int = 2) -> StructuredSite:
    """The site. Sections are ``pages_deep`` pages of ``per_page`` stories each (newest first); the homepage's top
    stories open every section's first page again ("Top stories" box), as real sections do."""
    sections = [
        Section("News", "/news/", "elided", pages_deep, per_page, "dated"),
        Section("Local", "/news/local/", "older", pages_deep, per_page, "newsid"),
        Section("Sport", "/sport/", "number", pages_deep, per_page, "sportid"),
        Section("Business", "/business/", "relnext", pages_deep, per_page, "php"),
        Section("Opinion", "/opinion/", "query", pages_deep, per_page, "rootslug", absolute=True),
        Section("Culture", "/culture/", "loadmore", 5, per_page, "html", absolute=True),
        Section("Tech", "/tech/", "pagepath", 4, per_page, "amp"),
    ]
    stories: list[Story] = []

    def new_story(section: str, shape: str) -> Story:
        n = len(stories)
        place, subject = _PLACES[n % len(_PLACES)], _SUBJECTS[(n * 7) % len(_SUBJECTS)]
        person = _PEOPLE[n % len(_PEOPLE)]
        day = 28 - (n % 27)
        verb = ("plan approved", "faces delay", "to reopen", "costs rise", "petition grows")[n % 5]
        story = Story(n, "", f"{place}: {subject[0].upper()}{subject[1:]} {verb} ({n})",
                      _prose(n, place, subject, person), person, f"2024-{5 - (n // 27) % 4:02d}-{day:02d}", section)
        story.path = SHAPES[shape](story, section)
        if shape == "amp":  # listings link the AMP twin; it names the article as canonical
            story.linked_as = f"/amp{story.path}"
            story.extra_paths.append(story.linked_as)
        stories.append(story)
        return story

    for section in sections:
        section.stories = [new_story(section.name, section.article_shape)
                           for _ in range(section.pages * section.per_page)]
    # articles reachable one way only
    only = {k: [new_story("Extra", "dated") for _ in range(2)] for k in
            ("itemlist", "noscript", "rss", "tag", "author", "archive", "homemore")}
    top = [sec.stories[0] for sec in sections]

    pages: dict[str, tuple[str, str]] = {}
    for story in stories:
        pages[story.path] = (HTML, article_page(story))
        for extra in story.extra_paths:
            amp = Story(**{**story.__dict__, "canonical": story.path})
            pages[extra] = (HTML, article_page(amp))
    listings: list[str] = []

    def listing(path: str, title: str, body: str, head: str = "") -> None:
        listings.append(path)
        pages[path] = (HTML, _page(title, f"<main><h1>{html.escape(title)}</h1>{body}</main>", head))

    top_box = f"<aside class='top-stories'><h2>Top stories</h2>{_teasers(top)}</aside>"
    for section in sections:
        for k in range(1, section.pages + 1):
            chunk = section.stories[(k - 1) * section.per_page: k * section.per_page]
            head, pager = section.pager(k)
            teasers = _teasers(chunk, (lambda s: "{{BASE}}" + s.path) if section.absolute else None)
            listing(section.page_url(k), f"{section.name}" + (f", page {k}" if k > 1 else ""),
                    (top_box if k == 1 else "") + teasers + pager, head)

    # homepage: top stories linked every way a homepage writes links
    variants = [
        lambda s: f"{s.path}?utm_source=homepage&utm_medium=web",
        lambda s: f"{s.path}#comments",
        lambda s: "//{{HOST}}" + s.path + ("&fbclid=Xy12" if "?" in s.path else "?fbclid=Xy12"),
        lambda s: "HTTP://{{HOST}}" + s.path,
        lambda s: s.path.lstrip("/"),  # relative, resolved against <base href="/">
        lambda s: s.linked_as or s.path,
        lambda s: s.path,
    ]
    top_links = "".join(f"<h2><a href='{variants[i % len(variants)](s)}'>{html.escape(s.headline)}</a></h2>"
                        for i, s in enumerate(top))
    item_list = json.dumps({"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": i + 1, "url": "{{BASE}}" + s.path} for i, s in enumerate(only["itemlist"])]})
    noscript = "<noscript><ul>" + "".join(f"<li><a href='{s.path}'>{html.escape(s.headline)}</a></li>"
                                          for s in only["noscript"]) + "</ul></noscript>"
    tags = "".join(f"<a href='/tag/{t}/'>{t}</a> " for t in ("flooding", "transport"))
    listing("/", SITE, (
        f"<section class='lead'>{top_links}</section>{noscript}"
        f"<div class='topics'>Topics: {tags}</div>"
        f"<div id='latest'>{_teasers(stories[60:62])}<a class='btn' href='/latest?page=2'>Load more stories</a></div>"
        f"<script type='application/ld+json'>{item_list}</script>"),
        "<base href='/'><link rel='alternate' type='application/rss+xml' title='RSS' href='/feeds/all.rss'>")
    listing("/latest?page=2", "Latest", _teasers(only["homemore"]))
    listing("/tag/flooding/", "Flooding", _teasers(only["tag"]))
    listing("/tag/transport/", "Transport", _teasers(stories[:3]))
    listing("/authors/", "Our writers", "".join(f"<a href='/author/{_slug(p)}/'>{p}</a> " for p in _PEOPLE[:3]))
    listing(f"/author/{_slug(_PEOPLE[0])}/", _PEOPLE[0], _teasers(only["author"]))
    for p in _PEOPLE[1:3]:
        listing(f"/author/{_slug(p)}/", p, _teasers(stories[5:7]))
    for tag in {_slug(s.section) for s in stories}:  # linked from articles only: not followed, but served
        pages.setdefault(f"/tag/{tag}/", (HTML, _page(tag, "<main><h1>Tag</h1></main>")))
    # date archives: /archive/ → month → day pages (/2024/05/06/), the day pages list that day's stories
    days: dict[str, list[Story]] = {}
    for s in [*only["archive"], *sections[0].stories[-4:]]:
        days.setdefault(s.date, []).append(s)
    months = sorted({d[:7] for d in days})
    listing("/archive/", "Archive", "".join(f"<a href='/archive/{m.replace('-', '/')}/'>{m}</a> " for m in months))
    for m in months:
        listing(f"/archive/{m.replace('-', '/')}/", f"Archive {m}", "".join(
            f"<a href='/{d.replace('-', '/')}/'>{d}</a> " for d in sorted(days) if d.startswith(m)))
    for d, ss in days.items():
        listing(f"/{d.replace('-', '/')}/", f"Stories of {d}", _teasers(ss))
    # RSS, advertised on the homepage only
    items = "".join(f"<item><title>{html.escape(s.headline)}</title><link>{{{{BASE}}}}{s.path}</link></item>"
                    for s in only["rss"])
    pages["/feeds/all.rss"] = ("application/rss+xml", f"<?xml version='1.0'?><rss version='2.0'><channel><title>"
                                                      f"{SITE}</title><link>{{{{BASE}}}}/</link>{items}</channel></rss>")
    pages["/about/"] = (HTML, _page("About", "<main><h1>About us</h1><p>We are a small newsroom.</p></main>"))
    pages["/robots.txt"] = ("text/plain", "User-agent: *\nDisallow: /search\nSitemap: {{BASE}}/sitemap.xml\n")
    urls = "".join(f"<url><loc>{{{{BASE}}}}{html.escape(s.path)}</loc></url>" for s in stories)
    pages["/sitemap.xml"] = ("application/xml", "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/"
                                                 f"schemas/sitemap/0.9'>{urls}</urlset>")
    return StructuredSite(pages, stories, listings, only)


class StructureSite(PageSite):
    """The site's pages (:class:`tests.sites.PageSite`), and an endless calendar beside them (:class:`CalendarTrap`).
    A page is answered under its URL with the tracking parameters its links add (``utm_*``, ``fbclid``), as a
    publisher's server answers it: the crawl requests a link as linked."""

    def lookup(self, path: str, query: str, base: str):  # type: ignore[override]
        query = "&".join(p for p in query.split("&") if p and not p.startswith(("utm_", "fbclid=")))
        page = None if query else calendar_lookup(path)
        if page is not None:
            self.served.append(path)
            return 200, {"Content-Type": HTML}, page.encode()
        return super().lookup(path, query, base)


class CalendarTrap:
    """``/events/calendar/YYYY/MM/``: an endless calendar (previous and next month, every day of the month), no
    article anywhere in it; served by :meth:`lookup` for any month."""

    @staticmethod
    def page(year: int, month: int) -> str:
        prev = (year, month - 1) if month > 1 else (year - 1, 12)
        nxt = (year, month + 1) if month < 12 else (year + 1, 1)
        days = " ".join(f"<a href='/events/calendar/{year}/{month:02d}/{d:02d}/'>{d}</a>" for d in range(1, 29))
        return _page(f"Events {year}-{month:02d}", (
            f"<main><h1>Events</h1><a href='/events/calendar/{prev[0]}/{prev[1]:02d}/'>Previous</a> "
            f"<a href='/events/calendar/{nxt[0]}/{nxt[1]:02d}/'>Next</a><div>{days}</div>"
            "<p>No events this month.</p></main>"))


def calendar_lookup(path: str) -> str | None:
    parts = [p for p in path.split("/") if p]
    if len(parts) in (4, 5) and parts[:2] == ["events", "calendar"] and all(p.isdigit() for p in parts[2:]):
        year, month = int(parts[2]), int(parts[3])
        if 1 <= month <= 12:
            return CalendarTrap.page(year, month)
    return None
