"""A site's field selectors (parsel); an empty result means: use the generic extractor for that field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from parsel import Selector

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..sites import SiteConfig

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dt", "dd", "figcaption")
_BLOCK_XPATH = etree.XPath(
    " | ".join(f"descendant::{t}[not(ancestor::{' or ancestor::'.join(_BLOCKS)})]" for t in _BLOCKS)
)
_SKIP = ("script", "style", "noscript", "template", "button", "svg")


def _fold(text: str) -> str:
    return " ".join(text.split())


def _element_text(node: HtmlElement) -> str:
    """The element's visible text (script, style and similar subtrees left out), white space folded."""
    parts: list[str] = []

    def walk(el: HtmlElement) -> None:
        if isinstance(el.tag, str) and el.tag.lower() in _SKIP:
            return
        if el.tag == "br":
            parts.append(" ")
        if el.text and isinstance(el.tag, str):
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(node)
    return _fold("".join(parts))


def _paragraphs(node: object) -> list[str]:
    """For ``articleBody``: a selected container gives one paragraph per block inside it (``p``, headings,
    list items...); a selected block, or a container without blocks, gives its own text."""
    if isinstance(node, str):
        return [_fold(node)]
    blocks = _BLOCK_XPATH(node)  # type: ignore[arg-type]
    if not blocks:
        return [_element_text(node)]  # type: ignore[arg-type]
    return [_element_text(b) for b in blocks]


def _text(node: object) -> str:
    """A selected string as it is; a selected element as its text, white space folded."""
    if isinstance(node, str):
        return _fold(node)
    return _element_text(node)  # type: ignore[arg-type]


def apply(tree: HtmlElement, site: SiteConfig) -> dict[str, list[str]]:
    """Strings per field for the fields the site config overrides; fields that yield nothing are absent.

    For ``articleBody`` each selected element is one paragraph, or one per block when it is a container.
    """
    if not site.selectors:
        return {}
    sel = Selector(root=tree, type="html")
    out: dict[str, list[str]] = {}
    for field, spec in site.selectors.items():
        (source, expr), = spec.items()
        if source == "css":
            selected = sel.css(expr)
        elif source == "xpath":
            selected = sel.xpath(expr)
        else:  # meta: property=, name= or itemprop=
            selected = sel.xpath("//meta[@property=$k or @name=$k or @itemprop=$k]/@content", k=expr)
        if field == "articleBody":
            values = [v for s in selected for v in _paragraphs(s.root) if v]
        else:
            values = [v for v in (_text(s.root) for s in selected) if v]
        if values:
            out[field] = values
    return out
