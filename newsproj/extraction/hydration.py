"""The body of a page rendered in the browser: HTML shipped inside the page's scripts as a JSON string.

Single-page apps (Next.js ``self.__next_f.push``/``__NEXT_DATA__``, Nuxt, React Query state) send an empty
``<body>`` and the article as data. When the document itself holds too little text, the longest HTML fragment
found in a script's string literals is the article's body markup; it is parsed like any page.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

import lxml.html
from lxml.etree import ParserError

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MIN_CHARS = 400
"""Text (tags removed) a fragment must hold to count as an article body."""

_STRING = re.compile(r'"((?:[^"\\]|\\.){400,})"', re.S)
_MARKUP = re.compile(r"<(?:p|br|div|h2|h3|blockquote)\b", re.I)
_SKIP_TYPES = {"application/ld+json", "text/template", "text/css"}


def _fragments(script: str):
    for match in _STRING.finditer(script):
        raw = match.group(1)
        if "\\u003c" not in raw and "<" not in raw:
            continue
        try:
            value = json.loads(f'"{raw}"')
        except ValueError:
            continue
        # a string holding JSON data (escaped twice, or a React flight row "5:[...]"): look inside it
        if value.count('":') > 5:
            yield from _fragments(value)
        elif _MARKUP.search(value):
            yield value


def _text_length(fragment: str) -> int:
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return 0
    for bad in root.xpath(".//script | .//style | .//noscript"):
        bad.drop_tree()
    return len(" ".join(root.text_content().split()))


def embedded_html(tree: HtmlElement) -> str | None:
    """The longest article-like HTML fragment in the page's scripts, as a document to extract from, or None."""
    best, best_len = "", 0
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() in _SKIP_TYPES or script.get("src") or not script.text:
            continue
        for fragment in _fragments(script.text):
            length = _text_length(fragment)
            if length > best_len:
                best, best_len = fragment, length
    if best_len < MIN_CHARS:
        return None
    return f"<html><body><article>{best}</article></body></html>"
