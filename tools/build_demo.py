#!/usr/bin/env python3
"""Build the bundled demo news site, "The Demo Courier", under fixtures/demo/.

The site is served by newsproj's loopback fixture server, which maps URL paths to
files (``/x/y/`` -> ``x/y/index.html``) and replaces every ``{{BASE}}`` in a served
file (also inside ``.gz`` files) with its own base URL. Hence absolute URLs are
written as ``{{BASE}}/path`` and navigation links are relative.

The content is data under tools/demo/: one file per article in ``articles/`` (TOML
between ``+++`` lines, then the body's paragraphs) and everything else on the pages
in ``site.toml`` (author bios, comments, static pages, template C's chrome). This
script renders it in three page templates that mimic three different CMSes, section
listings with pagination, tag and author pages, static pages, robots.txt, sitemaps,
RSS/Atom feeds and ``truth.jsonl`` (the records a crawl from ``/`` must export). It
never reads the clock or the network, and writes the same bytes on every run:

    python tools/build_demo.py            # (re)write fixtures/demo/
    python tools/build_demo.py --check    # exit 1 if the committed files differ (tests/test_demo_site.py)

Article prose is fictional and written for this project, except the seed article
(a Euronews report of 5 September 2024), reproduced from the project's seed example
so that its chrome can be compared with a naive scrape of the real page.
"""

# ruff: noqa: E501  -- article prose and HTML template lines are kept whole for readability
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import struct
import sys
import textwrap
import tomllib
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "demo"

BASE = "{{BASE}}"  # replaced by the fixture server with e.g. http://127.0.0.1:43121
SITE_NAME = "The Demo Courier"
PAGE_SIZE = 4  # teasers per section page; older articles move to /<section>/page/N/
HOMEPAGE_SIZE = 8
FEED_SIZE = 15
NEWS_SITEMAP_SIZE = 10
GZIP_MTIME = 0  # fixed so that sitemap-news.xml.gz is reproducible

SECTIONS = {"world": "World", "business": "Business", "tech": "Tech"}


# ---------------------------------------------------------------------------------------- data model


@dataclass(frozen=True)
class Image:
    caption: str
    credit: str  # as printed on the page ("Copyright ... via AP", "Photo: NAME/Agency")


@dataclass(frozen=True)
class Article:
    template: str  # "A" (Euronews-like), "B" (bootstrap CMS), "C" (old blog)
    section: str
    slug: str
    headline: str
    published: str  # exactly as the page states it: ISO 8601 with offset, or a date
    body: tuple[str, ...]  # paragraphs; an entry starting with "## " is a subheading
    authors: tuple[str, ...] = ()
    modified: str | None = None
    lang: str = "en"
    description: str | None = None
    image: Image | None = None
    tags: tuple[str, ...] = ()

    @property
    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.published[:10])

    @property
    def path(self) -> str:
        d = self.date
        if self.template == "A":
            return f"/{self.section}/{d:%Y/%m/%d}/{self.slug}.html"
        if self.template == "B":
            return f"/{self.section}/articles/{self.slug}/"
        return f"/{self.section}/{d:%Y/%m}/{self.slug}.html"

    @property
    def url(self) -> str:
        return BASE + self.path

    @property
    def image_url(self) -> str | None:
        return f"{BASE}/media/{self.date:%Y/%m}/{self.slug}.png" if self.image else None

    @property
    def instant(self) -> dt.datetime:
        """Publication instant used for ordering and feeds.

        Template C pages only state a date; the CMS behind them publishes at 08:00 CEST.
        """
        if len(self.published) == 10:
            return dt.datetime.fromisoformat(self.published + "T08:00:00+02:00")
        return dt.datetime.fromisoformat(self.published)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body if not p.startswith("## ")]

    def text_lines(self) -> list[str]:
        return [p.removeprefix("## ") for p in self.body]


def prose(text: str) -> tuple[str, ...]:
    """Split a block of prose into paragraphs (blank-line separated, soft-wrapped)."""
    blocks = textwrap.dedent(text).strip().split("\n\n")
    return tuple(" ".join(line.strip() for line in b.splitlines()) for b in blocks)


DATA = Path(__file__).resolve().parent / "demo"
SITE = tomllib.loads((DATA / "site.toml").read_text(encoding="utf-8"))


def load_article(path: Path) -> Article:
    """One article file: TOML between ``+++`` lines, then the body's paragraphs (blank-line separated, soft-wrapped;
    ``## `` starts a subheading)."""
    _, head, body = path.read_text(encoding="utf-8").split("+++\n", 2)
    meta = tomllib.loads(head)
    image = meta.get("image")
    return Article(
        template=meta["template"], section=meta["section"], slug=meta["slug"], headline=meta["headline"],
        published=meta["published"], body=prose(body), authors=tuple(meta.get("authors", ())),
        modified=meta.get("modified"), lang=meta.get("lang", "en"), description=meta.get("description"),
        image=Image(image["caption"], image["credit"]) if image else None, tags=tuple(meta.get("tags", ())),
    )


_FILES = sorted((DATA / "articles").glob("*.md"))
_LOADED = {path.name: load_article(path) for path in _FILES}
BUSINESS = [a for a in _LOADED.values() if a.section == "business"]  # in file order (template B's "read more")
TECH = [a for a in _LOADED.values() if a.section == "tech"]
SEED = next(a for a in _LOADED.values() if a.slug == "putin-calls-ukraines-incursion-into-kursk-a-failure")
ARTICLES: list[Article] = sorted(
    (a for name, a in _LOADED.items() if not name.startswith("private-")), key=lambda a: a.instant, reverse=True
)
# Linked from the homepage, disallowed in robots.txt, absent from sitemaps, feeds and truth.
PRIVATE = next(a for name, a in _LOADED.items() if name.startswith("private-"))
SEED_RELATED = tuple(SITE["seed_related"])
AUTHOR_BIOS: dict[str, str] = SITE["author_bios"]
COMMENTS = tuple(tuple(c) for c in SITE["comments"])


# ---------------------------------------------------------------------------------------- helpers


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def author_path(name: str) -> str:
    return f"/author/{slugify(name)}/"


def tag_path(tag: str) -> str:
    return f"/tag/{tag}/"


def section_page_path(section: str, page: int) -> str:
    return f"/{section}/" if page == 1 else f"/{section}/page/{page}/"


def chunks(items: list[Article], size: int) -> list[list[Article]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def json_ld(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return '<script type="application/ld+json">\n' + text.replace("</", "<\\/") + "\n</script>"


def snippet(article: Article, words: int = 28) -> str:
    if article.description:
        return article.description
    tokens = article.paragraphs[0].split()
    return " ".join(tokens[:words]) + ("\u2026" if len(tokens) > words else "")


def section_articles(section: str) -> list[Article]:
    return [a for a in ARTICLES if a.section == section]


def tag_label(tag: str) -> str:
    return tag.replace("-", " ").capitalize()


def by_authors_text(names: Iterable[str], conj: str = "and") -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {conj} " + names[-1]


MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def human_date(article: Article) -> str:
    d = article.date
    if article.lang == "de":
        return f"{d:%d.%m.%Y}"
    if article.lang == "fr":
        return f"{d:%d/%m/%Y}"
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def rfc822(moment: dt.datetime) -> str:
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    offset = moment.strftime("%z")
    return (
        f"{days[moment.weekday()]}, {moment.day:02d} {months[moment.month - 1]} {moment.year} "
        f"{moment:%H:%M:%S} {offset}"
    )


# ---------------------------------------------------------------------------------------- shared chrome

NAV = (("/", "Home"), ("/world/", "World"), ("/business/", "Business"), ("/tech/", "Tech"))
FOOTER = (
    ("/about/", "About us"),
    ("/contact/", "Contact"),
    ("/newsletters/", "Newsletters"),
    ("/tag/elections/", "Elections"),
    ("/author/mara-lindqvist/", "Mara Lindqvist's column"),
    ("/rss.xml", "RSS"),
)
FEED_LINKS = (
    '<link rel="alternate" type="application/rss+xml" title="The Demo Courier" href="/rss.xml">\n'
    '<link rel="alternate" type="application/atom+xml" title="The Demo Courier" href="/atom.xml">'
)


def nav_items(fmt: str) -> str:
    return "\n".join(fmt.format(href=href, label=label) for href, label in NAV)


def footer_items(fmt: str) -> str:
    return "\n".join(fmt.format(href=href, label=label) for href, label in FOOTER)


# ---------------------------------------------------------------------------------------- template A
# A Euronews-like CMS: JSON-LD NewsArticle, BEM class names, share modal, ad slots between paragraphs.


def a_dates(article: Article, visible: bool) -> str:
    def fmt(iso: str, with_day: bool) -> str:
        moment = dt.datetime.fromisoformat(iso)
        offset = moment.utcoffset()
        assert offset is not None, iso
        hours = int(offset.total_seconds() // 3600)
        day = f"{moment:%d/%m/%Y} - " if with_day else ""
        return f"{day}{moment:%H:%M} GMT{hours:+d}"

    def time_tag(iso: str, with_day: bool) -> str:
        moment = dt.datetime.fromisoformat(iso)
        text = fmt(iso, with_day) if visible else ""
        return f'<time datetime="{moment:%Y-%m-%d %H:%M}">{text}</time>'

    parts = [f"Published on {time_tag(article.published, True)}"]
    if article.modified:
        same_day = article.modified[:10] == article.published[:10]
        parts.append(f"Updated {time_tag(article.modified, not same_day)}")
    elif not visible:
        parts.append("Updated")
    return '<div class="c-article-publication-date">' + " ".join(parts) + "</div>"


def a_related(article: Article) -> list[tuple[str, str]]:
    if article is SEED:
        return [(f"https://syndication.example.net/euronews/{slugify(t)}", t) for t in SEED_RELATED]
    others = [a for a in section_articles("world") if a is not article and a is not SEED]
    return [(a.path, a.headline) for a in others[:3]]


def render_a(article: Article) -> str:
    visible_dates = article is not SEED  # the seed page renders its dates client-side
    img = article.image
    assert img is not None
    jsonld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "headline": article.headline,
        "description": article.description,
        "datePublished": article.published,
        "dateModified": article.modified or article.published,
        "image": {
            "@type": "ImageObject",
            "url": article.image_url,
            "width": 1200,
            "height": 675,
            "caption": img.caption,
        },
        "inLanguage": article.lang,
        "articleSection": SECTIONS.get(article.section, "Exclusive"),
        "keywords": ", ".join(article.tags),
        "author": [{"@type": "Person", "name": n, "url": BASE + author_path(n)} for n in article.authors],
        "publisher": {
            "@type": "NewsMediaOrganization",
            "name": SITE_NAME,
            "logo": {"@type": "ImageObject", "url": f"{BASE}/media/logo.png"},
        },
    }
    if not article.modified:
        del jsonld["dateModified"]
    if not article.authors:
        del jsonld["author"]

    body_parts: list[str] = []
    paragraph_no = 0
    for block in article.body:
        if block.startswith("## "):
            body_parts.append(f"<h2>{esc(block[3:])}</h2>")
            continue
        paragraph_no += 1
        body_parts.append(f"<p>{esc(block)}</p>")
        if paragraph_no == 1 or paragraph_no % 4 == 0:
            body_parts.append(
                f'<div class="c-ad c-ad--inread" id="enw-ad-inread-{paragraph_no}">'
                '<span class="c-ad__label">ADVERTISEMENT</span><div class="c-ad__slot"></div></div>'
            )
    body_html = "\n".join(body_parts)

    byline = ", ".join(
        f'<a class="c-article-contributors__link" href="{author_path(n)}">{esc(n)}</a>' for n in article.authors
    )
    share_bar = (
        '<div class="c-article-share-bar"><button class="c-share-button js-share-open">'
        'Share this article</button><a class="c-comments-count" href="#comments">Comments</a></div>'
    )
    related = "\n".join(
        f'<li class="c-related__item"><article class="m-object"><a class="m-object__title" '
        f'href="{attr(href)}"><h3>{esc(title)}</h3></a></article></li>'
        for href, title in a_related(article)
    )

    return f"""<!DOCTYPE html>
<html lang="{article.lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} | {SITE_NAME}</title>
<meta name="description" content="{attr(article.description or "")}">
<link rel="canonical" href="{article.url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:title" content="{attr(article.headline)}">
<meta property="og:description" content="{attr(article.description or "")}">
<meta property="og:url" content="{article.url}">
<meta property="og:image" content="{article.image_url}">
<meta property="og:locale" content="en_GB">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:site" content="@democourier">
{json_ld(jsonld)}
</head>
<body class="enw-page enw-page--article">
<div id="cookie-consent" class="c-cookie-banner" role="dialog" aria-label="Cookie consent">
<p class="c-cookie-banner__text">We value your privacy. We and our partners store and access information on your device, such as cookies, to personalise content and ads, measure audiences and improve our services.</p>
<button class="c-cookie-banner__accept">Agree and close</button>
<button class="c-cookie-banner__settings">Learn more</button>
</div>
<header class="c-header">
<div class="c-header__top">
<a class="c-header__logo" href="/" aria-label="{SITE_NAME} home">{SITE_NAME}</a>
<nav class="c-header__services"><a class="c-header__service" href="/newsletters/"><span class="u-hide-large">Newsletter</span><span class="u-show-large">Newsletters</span></a><a class="c-header__service" href="/events/"><span class="u-hide-large">Events</span><span class="u-show-large">Events</span></a><a class="c-header__service" href="/podcasts/">Podcasts</a></nav>
<div class="c-loader" aria-hidden="true">Loader</div>
<div class="c-find-us"><span class="c-find-us__title">Find Us</span>
<ul class="c-find-us__list"><li><a href="https://social.example.net/@democourier" aria-label="Mastodon"></a></li><li><a href="https://video.example.net/democourier" aria-label="Video channel"></a></li></ul>
</div>
</div>
<nav class="c-header__menu" aria-label="Sections">
<ul>
{nav_items('<li class="c-header__menu-item"><a href="{href}">{label}</a></li>')}
</ul>
</nav>
</header>
<div class="c-ad c-ad--leaderboard" id="enw-ad-top"><span class="c-ad__label">ADVERTISEMENT</span><div class="c-ad__slot"></div></div>
<main id="enw-main-content" class="o-container">
<article class="o-article" data-article-id="{slugify(article.slug)}">
<div class="c-article-header">
<h1 class="c-article-title">{esc(article.headline)}</h1>
</div>
<div class="c-article-media">
<div class="c-article-media__caption-short">{esc(img.caption)}</div>
<figure class="c-article-figure">
<img class="c-article-figure__img" src="{article.image_url}" alt="{attr(img.caption)}" width="1200" height="675">
<figcaption class="c-article-caption"><span class="c-article-caption__text">{esc(img.caption)}</span> <span class="c-article-caption__copyright">{esc(img.credit)}</span></figcaption>
</figure>
<div class="c-article-media__copyright">{esc(img.credit)}</div>
</div>
<div class="c-article-byline">
<div class="c-article-contributors">By {byline}</div>
{a_dates(article, visible_dates)}
</div>
{share_bar}
<div class="c-share-modal" hidden>
<div class="c-share-modal__header"><span>Share this article</span><button class="c-share-modal__close">Close Button</button></div>
<div class="c-share-modal__embed"><p>Copy/paste the article video embed link below:</p><input readonly value="{article.url}"><button class="js-copy">Copy to clipboard</button><span class="c-share-modal__copied">Copied</span></div>
</div>
<div class="c-article-content js-article-content">
{body_html}
</div>
{share_bar}
</article>
<section class="c-related" aria-label="You might also like">
<h2 class="c-related__title">You might also like</h2>
<ul class="c-related__list">
{related}
</ul>
</section>
<aside class="c-newsletter-box">
<h3 class="c-newsletter-box__title">Stay informed</h3>
<p>Sign up to our newsletter and get the day's top stories delivered to your inbox every morning.</p>
<form class="c-newsletter-box__form" action="/newsletters/" method="get"><input type="email" name="email" placeholder="Your email address"><button type="submit">Subscribe</button></form>
</aside>
</main>
<footer class="c-footer">
<ul class="c-footer__links">
{footer_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<p class="c-footer__copyright">Copyright \u00a9 {SITE_NAME} 2024</p>
</footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- template B
# A bootstrap-based CMS: div soup, OpenGraph and article:* meta only (no JSON-LD), comments.


def b_time_text(iso: str) -> str:
    moment = dt.datetime.fromisoformat(iso)
    return f"{moment.day} {MONTHS_EN[moment.month - 1][:3]} {moment.year} \u00b7 {moment:%H:%M}"


def render_b(article: Article) -> str:
    img = article.image
    assert img is not None
    position = BUSINESS.index(article)
    others = [a for a in BUSINESS if a is not article]
    read_more = others[(position + 1) % len(others)]
    related = others[:3]
    comments = [COMMENTS[(2 * position) % len(COMMENTS)], COMMENTS[(2 * position + 1) % len(COMMENTS)]]

    body_parts: list[str] = []
    for number, paragraph in enumerate(article.paragraphs, start=1):
        body_parts.append(f"<p>{esc(paragraph)}</p>")
        if number == 2:
            body_parts.append(
                f'<p class="read-more"><strong>Read more:</strong> <a href="{read_more.path}">'
                f"{esc(read_more.headline)}</a></p>"
            )
        if number == 3:
            body_parts.append(
                '<div class="ad-slot ad-slot--inline my-4 text-center">'
                '<small class="text-muted text-uppercase">Advertisement</small>'
                '<div class="ad-slot__inner" data-ad-unit="business_inline"></div></div>'
            )
    body_html = "\n".join(body_parts)

    if article.authors:
        links = [f'<a rel="author" href="{author_path(n)}">{esc(n)}</a>' for n in article.authors]
        byline = f'<span class="byline__authors">By {by_authors_text(links)}</span>\n<span class="text-muted mx-1">\u00b7</span>\n'
    else:
        byline = ""
    updated = (
        (
            f'\n<span class="text-muted small ms-2">Updated <time class="updated" datetime="{article.modified}">'
            f"{b_time_text(article.modified)}</time></span>"
        )
        if article.modified
        else ""
    )
    modified_meta = (
        f'\n<meta property="article:modified_time" content="{article.modified}">' if article.modified else ""
    )
    description_meta = (
        f'\n<meta property="og:description" content="{attr(article.description)}">' if article.description else ""
    )
    comment_html = "\n".join(
        f'<div class="comment border-bottom py-2"><div class="comment__meta"><strong class="comment__author">{esc(name)}</strong> '
        f'<span class="text-muted small">{days + 1} days ago</span></div><p class="comment__text mb-1">{esc(text)}</p>'
        f'<button class="btn btn-link btn-sm p-0">Reply</button></div>'
        for days, (name, text) in enumerate(comments)
    )
    related_html = "\n".join(f'<li class="mb-2"><a href="{a.path}">{esc(a.headline)}</a></li>' for a in related)
    primary_tag = article.tags[0]

    return f"""<!doctype html>
<html lang="{article.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(article.headline)} \u2013 {SITE_NAME} Business</title>
<meta property="og:type" content="article">
<meta property="og:title" content="{attr(article.headline)}">{description_meta}
<meta property="og:url" content="{article.url}">
<meta property="og:image" content="{article.image_url}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="article:published_time" content="{article.published}">{modified_meta}
<meta property="article:section" content="Business">
<meta property="article:tag" content="{attr(", ".join(article.tags))}">
<link rel="canonical" href="{article.url}">
</head>
<body class="d-flex flex-column h-100">
<div class="alert alert-dark alert-dismissible fade show mb-0 rounded-0 cookie-alert" role="alert">
This site uses cookies to improve your experience and to show you relevant advertising. <a href="/about/" class="alert-link">Cookie policy</a>
<button type="button" class="btn btn-sm btn-light ms-2" data-bs-dismiss="alert">Accept</button>
</div>
<nav class="navbar navbar-expand-lg navbar-dark bg-dark">
<div class="container">
<a class="navbar-brand fw-bold" href="/">{SITE_NAME}</a>
<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#mainNav"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="mainNav">
<ul class="navbar-nav me-auto">
{nav_items('<li class="nav-item"><a class="nav-link" href="{href}">{label}</a></li>')}
</ul>
</div>
</div>
</nav>
<div class="container mt-3">
<div class="ad-slot ad-slot--leaderboard text-center mb-3"><small class="text-muted text-uppercase">Advertisement</small><div class="ad-slot__inner" data-ad-unit="business_top"></div></div>
<div class="row">
<div class="col-lg-8">
<nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">Home</a></li><li class="breadcrumb-item"><a href="/business/">Business</a></li></ol></nav>
<div class="post-header mb-3">
<a class="badge bg-primary text-decoration-none mb-2" href="{tag_path(primary_tag)}">{esc(tag_label(primary_tag))}</a>
<h1 class="post-title display-6 fw-bold">{esc(article.headline)}</h1>
<div class="byline d-flex flex-wrap align-items-center small">
{byline}<time class="published" datetime="{article.published}">{b_time_text(article.published)}</time>{updated}
</div>
</div>
<div class="share-buttons d-flex gap-2 mb-3">
<span class="small text-muted">Share</span>
<button class="btn btn-outline-secondary btn-sm" data-share="facebook">Facebook</button>
<button class="btn btn-outline-secondary btn-sm" data-share="twitter">Twitter</button>
<button class="btn btn-outline-secondary btn-sm" data-share="linkedin">LinkedIn</button>
<button class="btn btn-outline-secondary btn-sm" data-share="email">Email</button>
</div>
<figure class="figure w-100">
<img class="figure-img img-fluid rounded" src="{article.image_url}" alt="{attr(img.caption)}">
<figcaption class="figure-caption">{esc(img.caption)} <span class="figure-credit">({esc(img.credit)})</span></figcaption>
</figure>
<div class="article-body">
{body_html}
</div>
<p class="follow-us small mt-4">Follow us on Twitter <a href="https://social.example.net/@democourierbiz">@DemoCourierBiz</a> for the latest business news.</p>
<div class="card newsletter-box bg-light my-4">
<div class="card-body">
<h5 class="card-title">Sign up for our newsletter</h5>
<p class="card-text">The Morning Ledger: the business stories that matter, every weekday at 7am.</p>
<form class="d-flex gap-2" action="/newsletters/" method="get"><input class="form-control" type="email" name="email" placeholder="you@example.com"><button class="btn btn-primary" type="submit">Sign up</button></form>
</div>
</div>
<section class="comments mt-4" id="comments">
<h4 class="h5">Comments ({len(comments)})</h4>
{comment_html}
<p class="small text-muted mt-2">Comments are moderated. Please read our community guidelines before posting.</p>
</section>
</div>
<aside class="col-lg-4">
<div class="related-stories card mb-4">
<div class="card-body">
<h4 class="h6 text-uppercase">Related stories</h4>
<ul class="list-unstyled mb-0">
{related_html}
</ul>
</div>
</div>
<div class="ad-slot ad-slot--mpu text-center"><small class="text-muted text-uppercase">Advertisement</small><div class="ad-slot__inner" data-ad-unit="business_mpu"></div></div>
</aside>
</div>
</div>
<footer class="footer mt-auto py-4 bg-light border-top">
<div class="container">
<ul class="list-inline mb-2">
{footer_items('<li class="list-inline-item"><a href="{href}">{label}</a></li>')}
</ul>
<p class="small text-muted mb-0">\u00a9 2024 {SITE_NAME}. All rights reserved.</p>
</div>
</footer>
</body>
</html>
"""


# ---------------------------------------------------------------------------------------- template C
# An older blog engine: XHTML doctype, meta author/date, microdata, table-free but id-based layout.

C_CHROME: dict[str, dict[str, str]] = SITE["c_chrome"]
C_MOST_READ = tuple(SITE["c_most_read"])


def render_c(article: Article) -> str:
    words = C_CHROME[article.lang]
    date_text = human_date(article)
    if article.authors:
        author = ", ".join(f'<span itemprop="author">{esc(n)}</span>' for n in article.authors)
        posted = words["posted"].format(author=author, date=date_text)
    else:
        posted = words["posted_anon"].format(date=date_text)
    head_meta = []
    if article.authors:
        head_meta.append(f'<meta name="author" content="{attr(", ".join(article.authors))}" />')
    head_meta.append(f'<meta name="date" content="{article.published}" />')
    if article.description:
        head_meta.append(f'<meta name="description" content="{attr(article.description)}" />')
    head_meta.append(f'<meta name="keywords" content="{attr(", ".join(article.tags))}" />')
    if article.image:
        head_meta.append(f'<meta property="og:image" content="{article.image_url}" />')
    photo = ""
    if article.image:
        photo = (
            f'<div class="photo">\n<img src="{article.image_url}" alt="{attr(article.image.caption)}" width="480" height="270" />\n'
            f'<p class="caption">{esc(article.image.caption)}</p>\n<p class="credit">{esc(article.image.credit)}</p>\n</div>'
        )
    body_html = "\n".join(f"<h2>{esc(b[3:])}</h2>" if b.startswith("## ") else f"<p>{esc(b)}</p>" for b in article.body)
    tags_html = ", ".join(f'<a href="{tag_path(t)}" rel="tag">{esc(t)}</a>' for t in article.tags)
    most_read = "\n".join(
        f'<li><a href="{a.path}">{esc(a.headline)}</a></li>' for slug in C_MOST_READ for a in TECH if a.slug == slug
    )
    lang = article.lang

    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{esc(article.headline)} :: {SITE_NAME} Tech</title>
{chr(10).join(head_meta)}
<link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml" />
</head>
<body class="single">
<div id="cookie-notice">{esc(words["cookies"])} <a href="/about/">{words["more"]}</a> | <a href="#" class="cookie-ok">{words["ok"]}</a></div>
<div id="wrapper">
<div id="header">
<div id="logo"><a href="/">{SITE_NAME}</a></div>
<div id="tagline">{esc(words["desk"])}</div>
</div>
<ul id="nav">
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<div id="main">
<div id="content" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<h1 class="posttitle" itemprop="headline">{esc(article.headline)}</h1>
<p class="postmeta">{posted}<meta itemprop="datePublished" content="{article.published}" /></p>
{photo}
{body_html}
<p class="tags">{words["tags"]} {tags_html}</p>
<p class="tools"><a href="javascript:window.print()">{words["print"]}</a> | <a href="mailto:?subject={attr(article.headline)}">{words["email"]}</a> | <a href="#share">{words["share"]}</a></p>
</div>
<div id="sidebar">
<h3>{words["most_read"]}</h3>
<ol class="most-read">
{most_read}
</ol>
<h3>Sections</h3>
<ul>
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
</div>
</div>
<div id="footer">
{" | ".join(f'<a href="{href}">{label}</a>' for href, label in FOOTER)}
<br />&copy; 2024 {SITE_NAME}
</div>
</div>
</body>
</html>
"""


RENDERERS: dict[str, Callable[[Article], str]] = {"A": render_a, "B": render_b, "C": render_c}


# ---------------------------------------------------------------------------------------- site pages
# Homepage, section listings, tag and author pages and static pages share one front-end shell.


def shell(title: str, main: str, *, description: str, head_extra: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<meta name="description" content="{attr(description)}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{SITE_NAME}">
{FEED_LINKS}{head_extra}
</head>
<body class="site">
<header class="site-header">
<a class="site-header__logo" href="/">{SITE_NAME}</a>
<nav class="site-nav">
<ul>
{nav_items('<li><a href="{href}">{label}</a></li>')}
</ul>
</nav>
</header>
<main class="site-main">
{main}
</main>
<footer class="site-footer">
<ul>
{footer_items('<li><a href="{href}">{label}</a></li>')}
</ul>
<p>\u00a9 2024 {SITE_NAME}</p>
</footer>
</body>
</html>
"""


def teaser(article: Article, heading: str = "h3") -> str:
    by = f'<span class="teaser__by">{esc(by_authors_text(article.authors))}</span> ' if article.authors else ""
    return (
        f'<article class="teaser teaser--{article.section}">\n'
        f'<{heading} class="teaser__title"><a href="{article.path}">{esc(article.headline)}</a></{heading}>\n'
        f'<p class="teaser__meta">{by}<time datetime="{article.published}">{human_date(article)}</time></p>\n'
        f'<p class="teaser__text">{esc(snippet(article))}</p>\n</article>'
    )


def render_home() -> str:
    latest = "\n".join(teaser(a, "h2") for a in ARTICLES[:HOMEPAGE_SIZE])
    blocks = []
    for section, label in SECTIONS.items():
        items = "\n".join(f'<li><a href="{a.path}">{esc(a.headline)}</a></li>' for a in section_articles(section)[:3])
        blocks.append(
            f'<section class="section-block">\n<h2><a href="/{section}/">{label}</a></h2>\n<ul>\n{items}\n</ul>\n'
            f'<p><a class="more" href="/{section}/">More {label.lower()} news</a></p>\n</section>'
        )
    main = f"""<section class="top-stories">
<h1 class="visually-hidden">{SITE_NAME}: latest news</h1>
{latest}
</section>
<aside class="exclusive">
<p class="exclusive__label">Subscriber exclusive</p>
<h2><a href="{PRIVATE.path}">{esc(PRIVATE.headline)}</a></h2>
<p>{esc(PRIVATE.description or "")}</p>
</aside>
{chr(10).join(blocks)}
<section class="newsletter-promo"><h2>Newsletters</h2><p>Get our morning briefing and weekly columns by email. <a href="/newsletters/">Choose your newsletters</a></p></section>"""
    return shell(
        f"{SITE_NAME} \u2013 News from Europe and the world",
        main,
        description="Independent news, business and technology reporting from The Demo Courier.",
        head_extra=f'\n<link rel="canonical" href="{BASE}/">',
    )


def pagination(section: str, page: int, pages: int) -> str:
    links = []
    if page > 1:
        links.append(
            f'<a class="pagination__prev" rel="prev" href="{section_page_path(section, page - 1)}">\u2190 Newer</a>'
        )
    for n in range(1, pages + 1):
        if n == page:
            links.append(f'<span class="pagination__current" aria-current="page">{n}</span>')
        else:
            links.append(f'<a class="pagination__page" href="{section_page_path(section, n)}">{n}</a>')
    if page < pages:
        links.append(
            f'<a class="pagination__next" rel="next" href="{section_page_path(section, page + 1)}">Older \u2192</a>'
        )
    return '<nav class="pagination" aria-label="Pages">\n' + "\n".join(links) + "\n</nav>"


def render_section(section: str) -> dict[str, str]:
    label = SECTIONS[section]
    pages = chunks(section_articles(section), PAGE_SIZE)
    out = {}
    for number, items in enumerate(pages, start=1):
        path = section_page_path(section, number)
        head = [f'<link rel="canonical" href="{BASE}{path}">']
        if number > 1:
            head.append(f'<link rel="prev" href="{section_page_path(section, number - 1)}">')
        if number < len(pages):
            head.append(f'<link rel="next" href="{section_page_path(section, number + 1)}">')
        title = label if number == 1 else f"{label} \u2013 page {number}"
        main = (
            f'<h1 class="listing-title">{esc(title)}</h1>\n<div class="listing">\n'
            + "\n".join(teaser(a) for a in items)
            + "\n</div>\n"
            + pagination(section, number, len(pages))
        )
        out[path] = shell(
            f"{title} | {SITE_NAME}",
            main,
            description=f"The latest {label.lower()} news from {SITE_NAME}.",
            head_extra="\n" + "\n".join(head),
        )
    return out


def linked_tags() -> list[str]:
    """Tags that some page links to: template B's category badge, template C's tag line, the footer."""
    tags = {"elections"}
    for a in ARTICLES:
        if a.template == "B":
            tags.add(a.tags[0])
        elif a.template == "C":
            tags.update(a.tags)
    return sorted(tags)


def render_tag(tag: str) -> str:
    items = [a for a in ARTICLES if tag in a.tags]
    main = (
        f'<h1 class="listing-title">Topic: {esc(tag_label(tag))}</h1>\n'
        f'<p class="listing-intro">All our stories tagged \u201c{esc(tag)}\u201d, newest first.</p>\n<div class="listing">\n'
        + "\n".join(teaser(a) for a in items)
        + "\n</div>"
    )
    return shell(f"{tag_label(tag)} | {SITE_NAME}", main, description=f"Stories about {tag_label(tag).lower()}.")


def render_author(name: str) -> str:
    items = [a for a in ARTICLES if name in a.authors]
    main = (
        f'<div class="author-card">\n<h1>{esc(name)}</h1>\n<p class="author-card__bio">{esc(AUTHOR_BIOS[name])}</p>\n</div>\n'
        f'<h2>Latest from {esc(name)}</h2>\n<div class="listing">\n' + "\n".join(teaser(a) for a in items) + "\n</div>"
    )
    return shell(f"{name} | {SITE_NAME}", main, description=AUTHOR_BIOS[name])


STATIC_PAGES = {path: (page["title"], page["text"]) for path, page in SITE["static"].items()}


def render_static(path: str) -> str:
    title, text = STATIC_PAGES[path]
    team = ", ".join(f'<a href="{author_path(n)}">{esc(n)}</a>' for n in sorted(AUTHOR_BIOS))
    parts = []
    for block in prose(text):
        if block.startswith("## "):
            parts.append(f"<h2>{esc(block[3:])}</h2>")
        elif block == "{team}":
            parts.append(f'<p class="team">{team}</p>')
        else:
            parts.append(f"<p>{esc(block)}</p>")
    main = f'<div class="page">\n<h1>{esc(title)}</h1>\n' + "\n".join(parts) + "\n</div>"
    return shell(f"{title} | {SITE_NAME}", main, description=f"{title} \u2013 {SITE_NAME}.")


# ---------------------------------------------------------------------------------------- robots, sitemaps, feeds

ROBOTS = f"""User-agent: *
Disallow: /private/

Sitemap: {BASE}/sitemap_index.xml
"""


def render_sitemap_index() -> str:
    entries = "\n".join(
        f"  <sitemap>\n    <loc>{BASE}/{name}</loc>\n    <lastmod>{ARTICLES[0].modified or ARTICLES[0].published}</lastmod>\n  </sitemap>"
        for name in ("sitemap-articles.xml", "sitemap-news.xml.gz")
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</sitemapindex>\n"
    )


def render_sitemap_articles() -> str:
    entries = "\n".join(
        f"  <url>\n    <loc>{a.url}</loc>\n    <lastmod>{a.modified or a.published}</lastmod>\n  </url>"
        for a in ARTICLES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "\n</urlset>\n"
    )


def render_sitemap_news() -> str:
    entries = "\n".join(
        f"""  <url>
    <loc>{a.url}</loc>
    <news:news>
      <news:publication>
        <news:name>{SITE_NAME}</news:name>
        <news:language>{a.lang}</news:language>
      </news:publication>
      <news:publication_date>{a.published}</news:publication_date>
      <news:title>{esc(a.headline)}</news:title>
    </news:news>
  </url>"""
        for a in ARTICLES[:NEWS_SITEMAP_SIZE]
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
        '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + entries + "\n</urlset>\n"
    )


def render_rss() -> str:
    items = []
    for a in ARTICLES[:FEED_SIZE]:
        creators = "".join(f"\n      <dc:creator>{esc(n)}</dc:creator>" for n in a.authors)
        items.append(f"""    <item>
      <title>{esc(a.headline)}</title>
      <link>{a.url}</link>
      <guid isPermaLink="true">{a.url}</guid>
      <pubDate>{rfc822(a.instant)}</pubDate>{creators}
      <category>{SECTIONS[a.section]}</category>
      <description>{esc(snippet(a))}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{SITE_NAME}</title>
    <link>{BASE}/</link>
    <atom:link href="{BASE}/rss.xml" rel="self" type="application/rss+xml"/>
    <description>Latest news from {SITE_NAME}</description>
    <language>en</language>
    <lastBuildDate>{rfc822(ARTICLES[0].instant)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""


def render_atom() -> str:
    entries = []
    for a in ARTICLES[:FEED_SIZE]:
        authors = "".join(f"\n    <author><name>{esc(n)}</name></author>" for n in a.authors)
        updated = dt.datetime.fromisoformat(a.modified).isoformat() if a.modified else a.instant.isoformat()
        entries.append(f"""  <entry>
    <title>{esc(a.headline)}</title>
    <link rel="alternate" type="text/html" href="{a.url}"/>
    <id>{a.url}</id>
    <published>{a.instant.isoformat()}</published>
    <updated>{updated}</updated>{authors}
    <summary>{esc(snippet(a))}</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>{SITE_NAME}</title>
  <link rel="alternate" type="text/html" href="{BASE}/"/>
  <link rel="self" type="application/atom+xml" href="{BASE}/atom.xml"/>
  <id>{BASE}/</id>
  <updated>{ARTICLES[0].instant.isoformat()}</updated>
  <author><name>{SITE_NAME}</name></author>
{chr(10).join(entries)}
</feed>
"""


# ---------------------------------------------------------------------------------------- truth and images


def truth_record(a: Article) -> dict:
    return {
        "path": a.path,
        "template": a.template,
        "headline": a.headline,
        "authors": [{"name": n} for n in a.authors],
        "datePublished": a.published,
        "dateModified": a.modified,
        "inLanguage": a.lang,
        "description": a.description,
        "mainImage": a.image_url,
        "articleBody": "\n".join(a.text_lines()),
    }


def render_truth() -> str:
    return "".join(
        json.dumps(truth_record(a), ensure_ascii=False) + "\n" for a in sorted(ARTICLES, key=lambda a: a.path)
    )


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A small solid-colour PNG (placeholder photo)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height, 9))
        + chunk(b"IEND", b"")
    )


def image_colour(slug: str) -> tuple[int, int, int]:
    seed = zlib.crc32(slug.encode())
    return (64 + seed % 128, 64 + (seed >> 8) % 128, 64 + (seed >> 16) % 128)


# ---------------------------------------------------------------------------------------- README (generated site map)


def file_for(path: str) -> str:
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def hrefs(text: str) -> list[str]:
    return sorted(set(re.findall(r'href="(/[^"#?]*)"', text)))


def inbound_links(pages: dict[str, str]) -> dict[str, list[str]]:
    """For each article path, the HTML pages (by URL path) that link to it."""
    found: dict[str, list[str]] = {a.path: [] for a in ARTICLES}
    for page_path, text in pages.items():
        for href in hrefs(text):
            if href in found and href != page_path:
                found[href].append(page_path)
    return found


def link_depths(pages: dict[str, str]) -> dict[str, int]:
    """Clicks from / to each HTML page, following same-site links and obeying robots.txt."""
    depths = {"/": 0}
    frontier = ["/"]
    while frontier:
        following = []
        for page in frontier:
            for href in hrefs(pages[page]):
                if href in pages and href not in depths and not href.startswith("/private/"):
                    depths[href] = depths[page] + 1
                    following.append(href)
        frontier = following
    return depths


def listing_position(article: Article) -> str:
    index = section_articles(article.section).index(article)
    return section_page_path(article.section, index // PAGE_SIZE + 1)


def render_readme(pages: dict[str, str]) -> str:
    inbound = inbound_links(pages)
    depths = link_depths(pages)
    homepage = {a.path for a in ARTICLES if "/" in inbound[a.path]}

    def kinds(article: Article) -> str:
        sources = set()
        for page in inbound[article.path]:
            if page.startswith(("/tag/", "/author/")):
                sources.add(page.split("/")[1])
            elif page in pages and any(page == a.path for a in ARTICLES):
                sources.add("articles")
        return ", ".join(sorted(sources))

    rows = [
        f"| {a.template} | {a.lang} | `{a.path}` | {'yes' if a.path in homepage else ''} | "
        f"`{listing_position(a)}` | {kinds(a)} | {depths[a.path]} |"
        for a in ARTICLES
    ]
    paginated = [a.path for a in ARTICLES if a.path not in homepage and "/page/" in listing_position(a)]
    news = ", ".join(f"`{a.path}`" for a in ARTICLES[:NEWS_SITEMAP_SIZE])
    return f"""# The Demo Courier — demo news site

Generated by `tools/build_demo.py` (do not edit by hand; run `python tools/build_demo.py`).
Served by newsproj's loopback fixture server: `/x/y/` → `x/y/index.html`, other paths → the file of that
name, `{{{{BASE}}}}` → the server's base URL (also inside `.gz`). `truth.jsonl` (the records a crawl from `/`
must export, sorted by `path`) and this README are not linked from any page.

## Pages

| kind | URL paths |
| --- | --- |
| homepage | `/` — {HOMEPAGE_SIZE} newest articles, 3 per section, the private "exclusive" |
| sections | `/world/`, `/business/`, `/tech/`, each paginated by {PAGE_SIZE}: `/<section>/page/2/`, `/<section>/page/3/` |
| articles, template A (Euronews-like, JSON-LD) | `/world/YYYY/MM/DD/<slug>.html` |
| articles, template B (bootstrap CMS, OpenGraph + `article:*` meta, no JSON-LD) | `/business/articles/<slug>/` |
| articles, template C (old blog, `meta name=author/date`, microdata, no canonical) | `/tech/YYYY/MM/<slug>.html` |
| not articles | `/about/`, `/contact/`, `/newsletters/`, `/events/`, `/podcasts/`, `/tag/<tag>/`, `/author/<name>/` |
| private (robots.txt `Disallow: /private/`, linked from `/` only, not in sitemaps, feeds or truth) | `{PRIVATE.path}` |
| discovery | `/robots.txt` → `/sitemap_index.xml` → `/sitemap-articles.xml` (all {len(ARTICLES)} articles, `lastmod`) and `/sitemap-news.xml.gz` (Google News, {NEWS_SITEMAP_SIZE} newest; also as plain `/sitemap-news.xml`); `/rss.xml` and `/atom.xml` ({FEED_SIZE} newest) |
| images | `/media/YYYY/MM/<slug>.png` (placeholders; `og:image` of articles that have one) |

The seed article (the Euronews page behind `seed-example.txt`) is `{SEED.path}`.
Its "You might also like" links point off-site (`https://syndication.example.net/...`), and every template
links off-site to `social.example.net`: a crawl must stay on the fixture server's host and port.

## Things a crawler should cope with

- Three templates with different metadata: A has JSON-LD (`NewsArticle`, several `author`s possible),
  B has only `article:published_time` / `article:modified_time` and `<a rel="author">` bylines (two authors on
  some pages), C has `meta name="author"`, a date-only `meta name="date"` and no `<link rel="canonical">`.
- Articles without an author: {", ".join(f"`{a.path}`" for a in ARTICLES if not a.authors)}.
- Articles without a description: {", ".join(f"`{a.path}`" for a in ARTICLES if a.description is None)}.
- Articles without an image: {", ".join(f"`{a.path}`" for a in ARTICLES if a.image is None)}.
- Non-English (template C, `<html lang>` and localised chrome): {", ".join(f"`{a.path}` ({a.lang})" for a in ARTICLES if a.lang != "en")}.
- Chrome to strip: cookie banners, ad slots between paragraphs ("ADVERTISEMENT", "Advertisement"), share bars,
  photo captions and credits (A repeats its credit twice), bylines and dates, "Read more:" links inside the
  B body, newsletter boxes, related-story lists, B reader comments, C "Tags:" and "Print | Email | Share" lines
  and "Most read" sidebar. `articleBody` in the truth holds paragraphs and subheadings only.
- Articles that a listing-only crawl (`/` plus section pages) finds only on `/<section>/page/N/`
  (they are also linked from tag/author pages and some from other articles, see the table):
  {", ".join(f"`{p}`" for p in paginated)}.
- Every article is reachable from `/` by links alone (at most {max(depths[a.path] for a in ARTICLES)} clicks, obeying
  robots.txt); no article is only in the sitemaps or feeds. The feeds and sitemaps list subsets (see above).
- Articles in the news sitemap: {news}.

## Articles, newest first

"listed on" is the section page that lists the article; "also linked from" counts tag and author pages and
other articles (related, "Read more", "Most read"); "clicks" is the link distance from `/`.

| template | lang | path | on `/` | listed on | also linked from | clicks |
| --- | --- | --- | --- | --- | --- | --- |
{chr(10).join(rows)}
"""


# ---------------------------------------------------------------------------------------- build


def build() -> dict[str, bytes]:
    """Every output file, keyed by its path relative to fixtures/demo/."""
    pages: dict[str, str] = {"/": render_home()}
    for section in SECTIONS:
        pages.update(render_section(section))
    for article in ARTICLES:
        pages[article.path] = RENDERERS[article.template](article)
    pages[PRIVATE.path] = render_a(PRIVATE)
    for tag in linked_tags():
        pages[tag_path(tag)] = render_tag(tag)
    for name in sorted({n for a in ARTICLES + [PRIVATE] for n in a.authors}):
        pages[author_path(name)] = render_author(name)
    for path in STATIC_PAGES:
        pages[path] = render_static(path)

    files: dict[str, bytes] = {file_for(p): text.encode() for p, text in pages.items()}
    news = render_sitemap_news().encode()
    files.update(
        {
            "robots.txt": ROBOTS.encode(),
            "sitemap_index.xml": render_sitemap_index().encode(),
            "sitemap-articles.xml": render_sitemap_articles().encode(),
            "sitemap-news.xml": news,
            "sitemap-news.xml.gz": gzip.compress(news, compresslevel=9, mtime=GZIP_MTIME),
            "rss.xml": render_rss().encode(),
            "atom.xml": render_atom().encode(),
            "truth.jsonl": render_truth().encode(),
            "README.md": render_readme(pages).encode(),
            "media/logo.png": png(32, 32, (20, 40, 90)),
        }
    )
    for article in ARTICLES + [PRIVATE]:
        if article.image_url:
            files[article.image_url.removeprefix(BASE + "/")] = png(16, 9, image_colour(article.slug))
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with fixtures/demo/ instead of writing")
    parser.add_argument("--out", type=Path, default=OUT, help="the site's folder (default: fixtures/demo)")
    args = parser.parse_args(argv)
    out = args.out
    files = build()
    existing = {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} if out.exists() else set()
    if args.check:
        stale = sorted(
            name for name, data in files.items() if not (out / name).is_file() or (out / name).read_bytes() != data
        )
        extra = sorted(existing - set(files))
        for name in stale:
            print(f"differs: {name}", file=sys.stderr)
        for name in extra:
            print(f"not generated: {name}", file=sys.stderr)
        return 1 if stale or extra else 0
    for name in sorted(existing - set(files)):
        (out / name).unlink()
    for name, data in sorted(files.items()):
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    print(f"wrote {len(files)} files under {out}/ ({len(ARTICLES)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
