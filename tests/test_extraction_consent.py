"""Provenance and consent signals: what the page and the crawl state, null when nothing is stated."""

from __future__ import annotations

import pytest

from newsproj.extraction import extract
from newsproj.extraction.consent import config_sha256, extractor, tdmrep_rule
from newsproj.items import TdmReservation

BODY = " ".join(f"Sentence number {i} of a long enough article about the harbour and its new ferry." for i in range(12))


def page(head: str = "", body_extra: str = "") -> str:
    return (f"<html lang='en'><head><title>Ferry news</title>{head}</head><body><article><h1>Ferry news</h1>"
            f"<p>{BODY}</p>{body_extra}</article></body></html>")


def meta_of(html: str, **hints):
    return extract(html, "https://news.example/2024/ferry", hints=hints, date_downloaded="2026-01-01T00:00:00+00:00"
                   ).article.metadata


def test_nothing_stated_gives_nulls_and_provenance_always():
    meta = meta_of(page())
    assert (meta.robotsTxt, meta.tdmReservation, meta.aiDirectives, meta.isAccessibleForFree, meta.license) == (
        None, None, None, None, None)
    assert meta.extractor == extractor()
    assert meta.extractor.newsproj and meta.extractor.trafilatura
    assert len(meta.extractor.config) == 64 and meta.extractor.config == config_sha256()


@pytest.mark.parametrize(
    ("head", "headers", "expected"),
    [
        ('<meta name="tdm-reservation" content="1"><meta name="tdm-policy" content="/tdm/policy.json">', {},
         TdmReservation(1, "https://news.example/tdm/policy.json", "meta")),
        ("", {"tdm-reservation": "1", "tdm-policy": "https://p.example/policy"},
         TdmReservation(1, "https://p.example/policy", "header")),
        # the header is the most specific statement: it wins over the meta tag
        ('<meta name="tdm-reservation" content="1">', {"tdm-reservation": "0"}, TdmReservation(0, None, "header")),
        ('<meta name="tdm-reservation" content="maybe">', {"tdm-reservation": "yes"}, None),
    ],
)
def test_tdm_reservation_by_precedence(head, headers, expected):
    hints = {"headers": headers} if headers else {}
    assert meta_of(page(head), **hints).tdmReservation == expected


@pytest.mark.parametrize(
    ("rules", "path", "expected"),
    [
        ([{"location": "/2024/*", "tdm-reservation": 1, "tdm-policy": "/policy.json"}], "/2024/ferry",
         TdmReservation(1, "https://news.example/policy.json", "tdmrep.json")),
        ([{"location": "/sport/*", "tdm-reservation": 1}, {"location": "/*", "tdm-reservation": 0}], "/2024/ferry",
         TdmReservation(0, None, "tdmrep.json")),
        ([{"location": "/2024/ferry$", "tdm-reservation": 1}], "/2024/ferry/more", None),
        ([{"location": "*", "tdm-reservation": 1}], "/2024/ferry", None),  # not a path: ignored
        ({"location": "/*"}, "/x", None),
        ([{"location": "/*", "tdm-reservation": "1"}], "/x", TdmReservation(1, None, "tdmrep.json")),
        ([{"location": "/*", "tdm-reservation": 7}], "/x", None),
    ],
)
def test_tdmrep_rules(rules, path, expected):
    assert tdmrep_rule(rules, path, "https://news.example" + path) == expected


def test_ai_directives_from_robots_meta_and_x_robots_tag():
    meta = meta_of(page('<meta name="robots" content="index, follow, noai">'),
                   headers={"x-robots-tag": "googlebot: noimageai, noai"})
    assert meta.aiDirectives == ["noai", "noimageai"]
    assert meta_of(page('<meta name="robots" content="noindex">')).aiDirectives is None


def test_access_and_licence_as_stated():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry news", '
          '"isAccessibleForFree": "False", "license": "https://creativecommons.org/licenses/by/4.0/"}</script>')
    meta = meta_of(page(ld))
    assert meta.isAccessibleForFree is False
    assert meta.license == "https://creativecommons.org/licenses/by/4.0/"
    linked = meta_of(page(ld, '<a rel="license" href="/licence">Licence</a>'))
    assert linked.license == "https://news.example/licence"  # rel=license first


def test_crawl_verdicts_archived_with_the_page_come_back():
    """A page read back from a WARC this crawler wrote: the robots.txt verdict and tdmrep.json rule the live crawl
    learnt are in its hints (crawl_hints), and become the same fields again."""
    from newsproj.extraction.consent import crawl_hints

    tdm = TdmReservation(1, "https://news.example/p", "tdmrep.json")
    meta = meta_of(page(), **crawl_hints("allowed", tdm))
    assert (meta.robotsTxt, meta.tdmReservation) == ("allowed", tdm)
    assert crawl_hints(None, TdmReservation(1, None, "meta")) == {}  # the page's own statement is read again
    assert meta_of(page(), robotsTxt="maybe", tdmrep="{not json").robotsTxt is None
    assert meta_of(page(), tdmrep='{"reservation": 5}').tdmReservation is None
