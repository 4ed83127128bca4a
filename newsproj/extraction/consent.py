"""Provenance and consent signals of a record (``metadata``): what made it, and what the publisher states about
its use. Pure: the page's tree and metadata, plus its response's consent headers in the page's hints. Every signal
is null when the site says nothing; none is ever guessed.

- TDM reservation (W3C TDMRep): the ``tdm-reservation`` / ``tdm-policy`` response headers, else the
  ``<meta name="tdm-reservation">`` / ``tdm-policy`` tags; else (added by ``pipelines/consent.py``) the first rule
  of the host's ``/.well-known/tdmrep.json`` whose ``location`` matches the URL's path (:func:`tdmrep_rule`);
- AI-usage directives: ``noai``/``noimageai`` tokens of the robots ``<meta>`` tags and ``X-Robots-Tag`` headers;
- ``isAccessibleForFree`` and ``license`` as the page states them (JSON-LD, ``rel=license``).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..discovery.urls import absolute_url
from ..items import Extractor, TdmReservation
from .normalize import clean_text

if TYPE_CHECKING:
    from .metadata import PageMeta

CONSENT_HEADERS = ("tdm-reservation", "tdm-policy", "x-robots-tag")
"""Response headers the spider hands to extraction (``hints["headers"]``, lowercased names)."""
AI_TOKENS = ("noai", "noimageai")
"""Robots directives about AI use that sites state (DeviantArt's, adopted by others); other tokens are ignored."""
MAX_RULES = 1000
"""tdmrep.json rules read at most (the file is the site's: bounded like any page input)."""
MAX_VALUE = 2000


# ------------------------------------------------------------------ provenance


@cache
def config_sha256() -> str:
    """SHA-256 over the extraction configuration: every site file and the chrome vocabulary, read as package data."""
    digest = hashlib.sha256()
    sites = resources.files("newsproj.sites")
    for entry in sorted((e for e in sites.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name):
        digest.update(f"sites/{entry.name}\0".encode())
        digest.update(entry.read_bytes())
    digest.update(b"cleaning/chrome.toml\0")
    digest.update(resources.files("newsproj.cleaning").joinpath("chrome.toml").read_bytes())
    return digest.hexdigest()


@cache
def extractor() -> Extractor:
    from importlib.metadata import PackageNotFoundError, version

    from .. import __version__

    try:
        trafilatura = version("trafilatura")
    except PackageNotFoundError:  # pragma: no cover - it is a dependency
        import trafilatura as module

        trafilatura = getattr(module, "__version__", "unknown")
    return Extractor(newsproj=__version__, trafilatura=trafilatura, config=config_sha256())


# ------------------------------------------------------------------ TDMRep


def _reservation(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return value
    if isinstance(value, str) and value.strip() in ("0", "1"):
        return int(value.strip())
    return None


def _policy(value: Any, base: str) -> str | None:
    return absolute_url(value[:MAX_VALUE], base) if isinstance(value, str) else None


def _location_pattern(location: str) -> re.Pattern[str] | None:
    """A TDMRep ``location`` (a path, ``*`` for any run of characters, an optional ``$`` end anchor) as a regex."""
    if not location.startswith("/") or len(location) > MAX_VALUE:
        return None
    anchored = location.endswith("$")
    body = location[:-1] if anchored else location
    return re.compile("".join(".*" if ch == "*" else re.escape(ch) for ch in body) + ("$" if anchored else ""))


def tdmrep_rule(rules: Any, path: str, base: str) -> TdmReservation | None:
    """The first rule of a parsed tdmrep.json whose ``location`` matches ``path``; None when none does."""
    if not isinstance(rules, list):
        return None
    for rule in rules[:MAX_RULES]:
        if not isinstance(rule, dict) or not isinstance(rule.get("location"), str):
            continue
        pattern = _location_pattern(rule["location"])
        if pattern is None or not pattern.match(path):
            continue
        reservation = _reservation(rule.get("tdm-reservation"))
        if reservation is None:
            return None
        return TdmReservation(reservation=reservation, policy=_policy(rule.get("tdm-policy"), base),
                              source="tdmrep.json")
    return None


def tdm_reservation(page: PageMeta, headers: dict[str, str], url: str) -> TdmReservation | None:
    """The header first, then ``<meta>`` (TDMRep's precedence: the most specific statement wins; the host's
    tdmrep.json comes last, added by the crawl: ``pipelines/consent.py``)."""
    header = _reservation(headers.get("tdm-reservation"))
    if header is not None:
        return TdmReservation(reservation=header, policy=_policy(headers.get("tdm-policy"), url), source="header")
    meta = _reservation(page.meta.get("tdm-reservation"))
    if meta is not None:
        return TdmReservation(reservation=meta, policy=_policy(page.meta.get("tdm-policy"), url), source="meta")
    return None


# ------------------------------------------------------------------ directives, access, licence


def ai_directives(headers: dict[str, str], robots: list[str]) -> list[str] | None:
    """``noai``/``noimageai`` from robots ``<meta>`` tags and ``X-Robots-Tag`` (``bot: noai`` counts too).
    ``robots``: the tags' content as :func:`metadata.read` found it (``PageMeta.robots``)."""
    values = list(robots[:20])
    if headers.get("x-robots-tag"):
        values.append(headers["x-robots-tag"])
    found: list[str] = []
    for value in values:
        for token in re.split(r"[,\s]+", value[:MAX_VALUE].lower()):
            token = token.rpartition(":")[2]
            if token in AI_TOKENS and token not in found:
                found.append(token)
    return found or None


def accessible_for_free(page: PageMeta) -> bool | None:
    value = page.article.get("isAccessibleForFree") if page.article else None
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    return None


def license_of(page: PageMeta, url: str) -> str | None:
    for href in page.license_hrefs[:5]:
        link = absolute_url(str(href)[:MAX_VALUE], url)
        if link:
            return link
    value = page.article.get("license") if page.article else None
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id") or value.get("name")
    if isinstance(value, str):
        text = clean_text(value[:MAX_VALUE])
        if text:
            return absolute_url(text, url) if text.startswith(("http://", "https://", "/")) else text
    return None


def header_hints(headers: Any) -> dict[str, Any]:
    """The page hint ``headers``: the consent headers of a response (Scrapy ``Headers``), lowercased names."""
    found = {
        name: ", ".join(v.decode("latin-1") for v in headers.getlist(name))[:MAX_VALUE]
        for name in CONSENT_HEADERS if headers.get(name)
    }
    return {"headers": found} if found else {}


def crawl_hints(robots: str | None, tdm: TdmReservation | None) -> dict[str, str]:
    """What the crawl learnt about the page's host (robots.txt verdict, tdmrep.json rule), as WARC hints: a record
    made later from the archived page (``warc`` spider) carries the same consent fields as the live record."""
    hints = {"robotsTxt": robots} if robots else {}
    if tdm is not None and tdm.source == "tdmrep.json":
        hints["tdmrep"] = json.dumps({"reservation": tdm.reservation, "policy": tdm.policy})
    return hints


def _archived_tdmrep(value: Any) -> TdmReservation | None:
    try:
        data = json.loads(value) if isinstance(value, str) and len(value) <= MAX_VALUE else None
    except ValueError:
        return None
    reservation = _reservation(data.get("reservation")) if isinstance(data, dict) else None
    if reservation is None or not isinstance(data, dict):
        return None
    policy = data.get("policy")
    return TdmReservation(reservation, policy if isinstance(policy, str) else None, "tdmrep.json")


def signals(page: PageMeta, url: str, hints: dict[str, Any]) -> dict[str, Any]:
    """The consent fields of ``Metadata`` the page states (``hints["headers"]``: its response's consent headers).

    ``robotsTxt`` and a tdmrep.json reservation are the crawl's to add (``pipelines/consent.py``); a page read back
    from a WARC this crawler wrote has them in its hints (:func:`crawl_hints`)."""
    given = hints.get("headers")
    headers: dict[str, str] = given if isinstance(given, dict) else {}
    robots = hints.get("robotsTxt")
    return {
        "robotsTxt": robots if robots in ("allowed", "disallowed", "absent") else None,
        "tdmReservation": tdm_reservation(page, headers, url) or _archived_tdmrep(hints.get("tdmrep")),
        "aiDirectives": ai_directives(headers, page.robots),
        "isAccessibleForFree": accessible_for_free(page),
        "license": license_of(page, url),
    }
