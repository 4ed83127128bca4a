#!/usr/bin/env python3
"""Build the bundled demo news site, "The Demo Courier", under fixtures/demo/.

The site is served by newsproj's loopback fixture server, which maps URL paths to
files (``/x/y/`` -> ``x/y/index.html``) and replaces every ``{{BASE}}`` in a served
file (also inside ``.gz`` files) with its own base URL. Hence absolute URLs are
written as ``{{BASE}}/path`` and navigation links are relative.

The content is data under tools/demo/: one file per article in ``articles/`` (TOML
between ``+++`` lines, then the body's paragraphs) and everything else on the pages
in ``site.toml`` (author bios, comments, static pages, template C's chrome); the
page shells are ``templates/`` (``string.Template``: ``${name}`` placeholders). This
script fills them: three article templates that mimic three different CMSes, section
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
import string
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


TEMPLATES = DATA / "templates"


def render(template: str, **values: object) -> str:
    """``tools/demo/templates/TEMPLATE`` with its ``${name}`` placeholders filled (``$$`` is a dollar sign)."""
    return string.Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


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

    return render("a.html",
        article_lang=article.lang,
        headline=esc(article.headline),
        site_name=SITE_NAME,
        description_attr=attr(article.description or ""),
        article_url=article.url,
        headline_attr=attr(article.headline),
        article_image_url=article.image_url,
        json_ld=json_ld(jsonld),
        nav_items=nav_items('<li class="c-header__menu-item"><a href="{href}">{label}</a></li>'),
        slugify_article_slug=slugify(article.slug),
        esc_img_caption=esc(img.caption),
        attr_img_caption=attr(img.caption),
        esc_img_credit=esc(img.credit),
        byline=byline,
        dates=a_dates(article, visible_dates),
        share_bar=share_bar,
        body_html=body_html,
        related=related,
        footer_items=footer_items('<li><a href="{href}">{label}</a></li>'),
    )


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

    return render("b.html",
        article_lang=article.lang,
        headline=esc(article.headline),
        site_name=SITE_NAME,
        headline_attr=attr(article.headline),
        description_meta=description_meta,
        article_url=article.url,
        article_image_url=article.image_url,
        article_published=article.published,
        modified_meta=modified_meta,
        keywords_attr=attr(", ".join(article.tags)),
        nav_items=nav_items('<li class="nav-item"><a class="nav-link" href="{href}">{label}</a></li>'),
        tag_path_primary_tag=tag_path(primary_tag),
        primary_tag=esc(tag_label(primary_tag)),
        byline=byline,
        published_text=b_time_text(article.published),
        updated=updated,
        attr_img_caption=attr(img.caption),
        esc_img_caption=esc(img.caption),
        esc_img_credit=esc(img.credit),
        body_html=body_html,
        len_comments=len(comments),
        comment_html=comment_html,
        related_html=related_html,
        footer_items=footer_items('<li class="list-inline-item"><a href="{href}">{label}</a></li>'),
    )


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

    return render("c.html",
        lang=lang,
        headline=esc(article.headline),
        site_name=SITE_NAME,
        head_meta="\n".join(head_meta),
        esc_words_cookies=esc(words["cookies"]),
        words_more=words["more"],
        words_ok=words["ok"],
        esc_words_desk=esc(words["desk"]),
        nav_items=nav_items('<li><a href="{href}">{label}</a></li>'),
        posted=posted,
        article_published=article.published,
        photo=photo,
        body_html=body_html,
        words_tags=words["tags"],
        tags_html=tags_html,
        words_print=words["print"],
        headline_attr=attr(article.headline),
        words_email=words["email"],
        words_share=words["share"],
        words_most_read=words["most_read"],
        most_read=most_read,
        footer_links=" | ".join(f'<a href="{href}">{label}</a>' for href, label in FOOTER),
    )


RENDERERS: dict[str, Callable[[Article], str]] = {"A": render_a, "B": render_b, "C": render_c}


# ---------------------------------------------------------------------------------------- site pages
# Homepage, section listings, tag and author pages and static pages share one front-end shell.


def shell(title: str, main: str, *, description: str, head_extra: str = "") -> str:
    return render("shell.html",
        esc_title=esc(title),
        attr_description=attr(description),
        site_name=SITE_NAME,
        feed_links=FEED_LINKS,
        head_extra=head_extra,
        nav_items=nav_items('<li><a href="{href}">{label}</a></li>'),
        main=main,
        footer_items=footer_items('<li><a href="{href}">{label}</a></li>'),
    )


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
    return render("rss.xml",
        site_name=SITE_NAME,
        base=BASE,
        last_build=rfc822(ARTICLES[0].instant),
        items="\n".join(items),
    )


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
    return render("atom.xml",
        site_name=SITE_NAME,
        base=BASE,
        updated=ARTICLES[0].instant.isoformat(),
        entries="\n".join(entries),
    )


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
    return render("readme.md",
        homepage_size=HOMEPAGE_SIZE,
        page_size=PAGE_SIZE,
        private_path=PRIVATE.path,
        len_articles=len(ARTICLES),
        news_sitemap_size=NEWS_SITEMAP_SIZE,
        feed_size=FEED_SIZE,
        seed_path=SEED.path,
        without_authors=", ".join(f"`{a.path}`" for a in ARTICLES if not a.authors),
        without_description=", ".join(f"`{a.path}`" for a in ARTICLES if a.description is None),
        without_image=", ".join(f"`{a.path}`" for a in ARTICLES if a.image is None),
        not_english=", ".join(f"`{a.path}` ({a.lang})" for a in ARTICLES if a.lang != "en"),
        paginated=", ".join(f"`{p}`" for p in paginated),
        max_depth=max(depths[a.path] for a in ARTICLES),
        news=news,
        rows="\n".join(rows),
    )


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
