"""URL policy: canonical form (courlan + w3lib), scope by host:port, trap limits."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import courlan
from w3lib.url import url_query_cleaner

_DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-)")
_ARTICLE_ID = re.compile(r"(?:[-_/]\d{5,}|\.s?html?)(?:$|[?#])")


def netloc(url: str) -> str:
    """``host:port`` of a URL, with the scheme's default port made explicit (scope compares these)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{host}:{port}"


def canonical_url(url: str) -> str:
    """``url`` without tracking parameters (utm_*, fbclid, session ids…), fragment, default port."""
    try:
        normalized = courlan.normalize_url(url)
    except ValueError:
        normalized = url
    return url_query_cleaner(normalized, (), remove=True, unique=False, keep_fragments=False)


def looks_like_article_url(url: str) -> bool:
    """A prior from the URL's shape only (dates, ids, long slugs); pages are judged by their content."""
    path = urlsplit(url).path
    if courlan.is_navigation_page(url):
        return False
    if _DATE_IN_PATH.search(path) or _ARTICLE_ID.search(path):
        return True
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last.count("-") >= 3


def trap_reason(url: str, max_length: int, max_query_params: int) -> str | None:
    """Why ``url`` looks like a crawler trap, or None."""
    if len(url) > max_length:
        return "url_too_long"
    parts = urlsplit(url)
    if len(parse_qsl(parts.query, keep_blank_values=True)) > max_query_params:
        return "too_many_query_params"
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 6 and len(set(segments)) <= len(segments) // 2:
        return "repeated_path_segments"
    return None
