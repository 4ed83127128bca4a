"""Site registry: one TOML file per site in this folder, data only. ``load(name)``, ``for_url(url)``.

The loader is strict: unknown keys, wrong types and regexes/XPaths/CSS that do not compile raise
:class:`SiteConfigError` naming the file, the key and the problem, before the crawl makes a request.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from cssselect import SelectorError
from lxml import etree
from parsel.csstranslator import HTMLTranslator

from ..exceptions import SiteConfigError

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

SITES_DIR: Traversable = (
    Path(os.environ["NEWSPROJ_SITES_DIR"]) if os.environ.get("NEWSPROJ_SITES_DIR") else files(__name__)
)
"""The registry folder: this package's data, read through ``importlib.resources`` (so it works from scrapyd's egg
or any zip), or ``$NEWSPROJ_SITES_DIR`` (read once, at import) to use another folder."""
FIELDS = ("headline", "articleBody", "authors", "datePublished", "dateModified", "description", "mainImage")
_SOURCES = ("css", "xpath", "meta")
_TOP = {"name", "hosts", "language", "timezone", "discovery", "extraction", "cleaning"}
_DISCOVERY = {"seeds", "article_urls", "deny_urls"}
_EXTRACTION = {*FIELDS, "prune_xpath"}
_CLEANING = {"drop_lines"}


@dataclass(frozen=True, slots=True)
class SiteConfig:
    name: str
    hosts: tuple[str, ...]
    language: str | None = None
    timezone: str | None = None
    seeds: tuple[str, ...] = ()
    article_urls: tuple[str, ...] = ()
    deny_urls: tuple[str, ...] = ()
    selectors: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per field: ``{"css": ...}``, ``{"xpath": ...}`` or ``{"meta": name-or-property}``."""
    prune_xpath: tuple[str, ...] = ()
    drop_lines: tuple[str, ...] = ()
    path: str = ""

    def matches_article(self, url: str) -> bool:
        """Whether the URL's path, or its path and query, matches one of ``article_urls``.

        The path alone is tried too, so ``'^/article/[\\w-]+/?$'`` still matches a URL that a feed
        tagged with ``?utm_source=...``."""
        return _matches(self.article_urls, url) or _matches(self.article_urls, url.split("?", 1)[0])

    def denies(self, url: str) -> bool:
        """Whether the URL's path (and query) matches one of ``deny_urls``."""
        return _matches(self.deny_urls, url)


def _matches(patterns: tuple[str, ...], url: str) -> bool:
    parts = urlsplit(url)
    target = f"{parts.path}?{parts.query}" if parts.query else parts.path
    return any(re.search(p, target) for p in patterns)


def _fail(path: Traversable, key: str, problem: str) -> SiteConfigError:
    return SiteConfigError(f"sites/{path.name}: {key}: {problem}")


def _strings(path: Traversable, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(path, key, "expected a list of strings")
    return tuple(value)


def _regexes(path: Traversable, key: str, value: Any) -> tuple[str, ...]:
    out = _strings(path, key, value)
    for i, pattern in enumerate(out):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(path, f"{key}[{i}]", f"invalid regex {pattern!r}: {exc}") from None
    return out


def _check_xpath(path: Traversable, key: str, expr: str) -> None:
    try:
        etree.XPath(expr)
    except etree.XPathSyntaxError as exc:
        raise _fail(path, key, f"invalid XPath {expr!r}: {exc}") from None


def _check_css(path: Traversable, key: str, expr: str) -> None:
    try:
        HTMLTranslator().css_to_xpath(expr)
    except SelectorError as exc:
        raise _fail(path, key, f"invalid CSS {expr!r}: {exc}") from None


def _table(path: Traversable, key: str, value: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(path, key, "expected a table")
    unknown = sorted(set(value) - allowed)
    if unknown:
        where = f"{key}.{unknown[0]}" if key else unknown[0]
        raise _fail(path, where, f"unknown key (expected one of {sorted(allowed)})")
    return value


def parse(path: Traversable) -> SiteConfig:
    """Load and check one site file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SiteConfigError(f"sites/{path.name}: {exc}") from None
    _table(path, "", data, _TOP)
    name = data.get("name")
    stem = path.name.removesuffix(".toml")
    if name != stem:
        raise _fail(path, "name", f"must equal the file stem {stem!r}, got {name!r}")
    hosts = _strings(path, "hosts", data.get("hosts"))
    if not hosts:
        raise _fail(path, "hosts", "at least one host is required")
    for key in ("language", "timezone"):
        if key in data and not isinstance(data[key], str):
            raise _fail(path, key, "expected a string")
    disc = _table(path, "[discovery]", data.get("discovery", {}), _DISCOVERY)
    extr = _table(path, "[extraction]", data.get("extraction", {}), _EXTRACTION)
    clean = _table(path, "[cleaning]", data.get("cleaning", {}), _CLEANING)
    seeds = _strings(path, "[discovery].seeds", disc.get("seeds", []))
    for i, seed in enumerate(seeds):
        if urlsplit(seed).scheme not in ("http", "https"):
            raise _fail(path, f"[discovery].seeds[{i}]", f"expected an http(s) URL, got {seed!r}")
    selectors: dict[str, dict[str, str]] = {}
    for fname in FIELDS:
        if fname not in extr:
            continue
        spec = extr[fname]
        key = f"[extraction].{fname}"
        if not isinstance(spec, dict) or len(spec) != 1:
            raise _fail(path, key, "expected one of { css = ... }, { xpath = ... }, { meta = ... }")
        (source, expr), = spec.items()
        if source not in _SOURCES or not isinstance(expr, str):
            raise _fail(path, key, f"unknown source {source!r} (expected one of {list(_SOURCES)})")
        if source == "css":
            _check_css(path, key, expr)
        elif source == "xpath":
            _check_xpath(path, key, expr)
        selectors[fname] = {source: expr}
    prune = _strings(path, "[extraction].prune_xpath", extr.get("prune_xpath", []))
    for i, expr in enumerate(prune):
        _check_xpath(path, f"[extraction].prune_xpath[{i}]", expr)
    return SiteConfig(
        name=name,
        hosts=tuple(h.lower() for h in hosts),
        language=data.get("language"),
        timezone=data.get("timezone"),
        seeds=seeds,
        article_urls=_regexes(path, "[discovery].article_urls", disc.get("article_urls", [])),
        deny_urls=_regexes(path, "[discovery].deny_urls", disc.get("deny_urls", [])),
        selectors=selectors,
        prune_xpath=prune,
        drop_lines=_regexes(path, "[cleaning].drop_lines", clean.get("drop_lines", [])),
        path=str(path),
    )


def names() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in SITES_DIR.iterdir() if p.name.endswith(".toml"))


@cache
def load(name: str) -> SiteConfig:
    """The site named ``name``; ``SiteConfigError`` when there is no such file or it is invalid."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name or ""):
        raise SiteConfigError(f"-a site={name}: expected lowercase letters, digits, '-' or '_': a site name, "
                              f"one of: {', '.join(names())}")
    path = SITES_DIR / f"{name}.toml"
    if not path.is_file():
        raise SiteConfigError(f"sites/{name}.toml: no such site; use -a site=NAME with one of: {', '.join(names())}")
    return parse(path)


def all_sites() -> list[SiteConfig]:
    return [load(n) for n in names()]


@cache
def _host_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name in names():
        try:
            site = load(name)
        except SiteConfigError:
            continue  # a broken file fails its own test and its own -a site= run, not every crawl
        for host in site.hosts:
            index[host] = name
    return index


def for_url(url: str) -> SiteConfig | None:
    """The registered site whose hosts include the URL's host (``www.`` ignored), if any."""
    host = (urlsplit(url).hostname or "").lower()
    index = _host_index()
    for candidate in (host, host.removeprefix("www."), f"www.{host}"):
        if candidate in index:
            return load(index[candidate])
    return None


def for_tree(url: str, tree: Any) -> SiteConfig | None:
    """:func:`for_page` for a parsed page (an lxml tree): its canonical link or ``og:url`` read from the tree, only
    where its URL names no site."""
    site = for_url(url)
    if site is not None:
        return site
    found = _own_url(tree).strip()
    try:
        canonical = urljoin(url, found) if found else None
    except ValueError:  # a link urljoin refuses ("http://[x"): the page's own URL decides
        canonical = None
    return for_url(canonical) if canonical else None


def _own_url(tree: Any) -> str:
    """``string((//link[@rel='canonical']/@href | //meta[@property='og:url']/@content)[1])``: the first of them in
    the document, from lxml's walk of its ``<link>`` and ``<meta>`` elements (the XPath's two ``//`` walks of every
    node cost ~0.2 ms a page of the dev corpora, this ~0.04 ms)."""
    for el in tree.getroottree().getroot().iter("link", "meta"):
        if el.tag == "link":
            value = el.get("href") if el.get("rel") == "canonical" else None
        else:
            value = el.get("content") if el.get("property") == "og:url" else None
        if value is not None:
            return str(value)
    return ""


def for_page(url: str, canonical: str | None = None) -> SiteConfig | None:
    """The site of a page: by its URL's host, else by its canonical URL's host.

    The second covers a publisher's page fetched from another host: a mirror, a saved copy, or the corpus served
    on 127.0.0.1 by ``make bench`` (its pages keep their ``<link rel=canonical>``).
    """
    return for_url(url) or (for_url(canonical) if canonical else None)
