"""A site's field selectors (parsel); an empty result means: use the generic extractor for that field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from parsel import Selector

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..sites import SiteConfig


def _text(node: object) -> str:
    """A selected string as it is; a selected element as its text, white space folded."""
    if isinstance(node, str):
        return " ".join(node.split())
    return " ".join(node.text_content().split())  # type: ignore[attr-defined]


def apply(tree: HtmlElement, site: SiteConfig) -> dict[str, list[str]]:
    """Strings per field for the fields the site config overrides; fields that yield nothing are absent.

    For ``articleBody`` each selected element is one paragraph.
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
        values = [v for v in (_text(s.root) for s in selected) if v]
        if values:
            out[field] = values
    return out
