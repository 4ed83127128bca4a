"""Per-site fixture cases: ``fixtures/sites/<name>/<YYYY-MM-DD>/`` (web-poet style, one test per field).

A case folder holds ``meta.json`` (``url``, ``fetched``, and where the page is) and ``expected.json`` (expected
values per field, in record order). The page is either ``page.html.gz`` in the folder (hand-written pages) or a
page of ``../shared/corpus`` (``"corpus": "news-dev/<id>"``), which may not be copied into the repository: those
cases skip when ``../shared`` is absent.

Expected values: a string, list or null is compared exactly (authors as the list of names); a date given as
``YYYY-MM-DD`` only has to fall on that day; a language without a region (``en``) is met by any region of it;
``articleBody`` may instead be a table with ``min_f1`` (4-gram shingle F1 against the corpus truth, the score
of ``../shared/tools/score.py``), ``starts_with``, ``contains`` and ``excludes`` (lists of lines). Fields the
generic path still gets wrong on a page are listed with the reason under ``unchecked`` in ``meta.json``.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from newsproj import sites
from newsproj.commands.extract import Outcome, page_outcome
from newsproj.items import Article

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "fixtures" / "sites"
CORPUS = ROOT.parent / "shared" / "corpus"
RECORD_FIELDS = list(Article.__dataclass_fields__)
_BODY_KEYS = {"min_f1", "starts_with", "contains", "excludes"}


def _cases() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*/*") if p.is_dir())


def _case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


def _load(case: Path, name: str) -> dict:
    return json.loads((case / name).read_text(encoding="utf-8"))


@cache
def _truth(corpus: str) -> dict[str, dict]:
    lines = (CORPUS / corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines()
    return {page["id"]: page for page in map(json.loads, filter(str.strip, lines))}


def _page(case: Path) -> tuple[str, dict | None]:
    """The page's HTML and, for a corpus page, its truth record."""
    meta = _load(case, "meta.json")
    if "corpus" in meta:
        corpus, page_id = meta["corpus"].split("/", 1)
        if not (CORPUS / corpus / "truth.jsonl").is_file():
            pytest.skip(f"../shared/corpus/{corpus} is not present")
        truth = _truth(corpus)[page_id]
        return gzip.decompress((CORPUS / corpus / truth["file"]).read_bytes()).decode("utf-8"), truth
    return gzip.decompress((case / "page.html.gz").read_bytes()).decode("utf-8"), None


@cache
def _outcome(case: Path) -> tuple[Outcome, dict | None]:
    html, truth = _page(case)
    meta = _load(case, "meta.json")
    # corpus pages reach the crawl through a sitemap, so they are judged as listed pages
    site = sites.load(case.parent.name)
    return page_outcome(html, meta["url"], site, "2000-01-01T00:00:00+00:00", listed=True), truth


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _shingles(text: str, n: int = 4) -> Counter:
    toks = _tokens(text)
    if len(toks) < n:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def shingle_f1(truth: str, pred: str) -> float:
    """The body F1 of the Article Extraction Benchmark (and ../shared/tools/score.py)."""
    t, p = _shingles(truth), _shingles(pred)
    tp = sum((t & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(t.values())
    return 2 * precision * recall / (precision + recall)


# ---------------------------------------------------------------------------------------------- registry coverage


@pytest.mark.parametrize("name", sites.names())
def test_every_registered_site_has_a_case(name):
    cases = [c for c in _cases() if c.parent.name == name]
    assert cases, f"site {name!r} has no fixture case under fixtures/sites/{name}/<YYYY-MM-DD>/"


def test_every_case_folder_is_a_registered_site():
    assert {c.parent.name for c in _cases()} <= set(sites.names())


# ---------------------------------------------------------------------------------------------- case shape


@pytest.mark.parametrize("case", _cases(), ids=_case_id)
def test_case_is_well_formed(case):
    meta = _load(case, "meta.json")
    expected = _load(case, "expected.json")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(-\w+)?", case.name), "case folder must be named YYYY-MM-DD[-suffix]"
    assert set(meta) <= {"url", "fetched", "corpus", "note", "unchecked", "fallback"}, sorted(meta)
    assert set(meta.get("fallback", [])) <= set(sites.load(case.parent.name).selectors), "fallback: not a site rule"
    assert meta["url"].startswith(("http://", "https://"))
    assert meta.get("fetched") is None or case.name.startswith(meta["fetched"][:10])
    assert ("corpus" in meta) != (case / "page.html.gz").is_file(), "a case has page.html.gz or a corpus page"
    keys = list(expected)
    assert keys, "expected.json is empty"
    assert set(keys) <= set(RECORD_FIELDS), f"unknown fields: {set(keys) - set(RECORD_FIELDS)}"
    assert keys == sorted(keys, key=RECORD_FIELDS.index), "expected.json keys must be in record order"
    assert not set(meta.get("unchecked", {})) & set(keys), "a field is either expected or unchecked"
    body = expected.get("articleBody")
    if isinstance(body, dict):
        assert body and set(body) <= _BODY_KEYS, sorted(body)
        assert "min_f1" not in body or "corpus" in meta, "min_f1 needs a corpus truth to compare with"


@pytest.mark.parametrize("case", _cases(), ids=_case_id)
def test_case_url_belongs_to_its_site(case):
    """The case's URL is routed to this site and its discovery patterns take it as an article."""
    site = sites.load(case.parent.name)
    url = _load(case, "meta.json")["url"]
    assert sites.for_url(url) == site
    assert site.matches_article(url), f"{url} does not match [discovery].article_urls"
    assert not site.denies(url), f"{url} matches [discovery].deny_urls"


# ---------------------------------------------------------------------------------------------- one test per field


def _field_params() -> list:
    params = []
    for case in _cases():
        for field in _load(case, "expected.json"):
            params.append(pytest.param(case, field, id=f"{_case_id(case)}:{field}"))
    return params


@pytest.mark.parametrize(("case", "field"), _field_params())
def test_field(case, field):
    outcome, truth = _outcome(case)
    assert outcome.dropped is None, f"page dropped: {outcome.dropped}"
    record = outcome.record()
    assert record is not None
    expected, got = _load(case, "expected.json")[field], record[field]
    if field == "authors":
        assert [a["name"] for a in got] == expected
    elif field in ("datePublished", "dateModified") and isinstance(expected, str) and len(expected) == 10:
        assert isinstance(got, str) and got[:10] == expected
    elif field == "articleBody" and isinstance(expected, dict):
        lines = got.split("\n")
        if "min_f1" in expected:
            assert truth is not None
            f1 = shingle_f1(truth["body"], got)
            assert f1 >= expected["min_f1"], f"body F1 {f1:.3f} < {expected['min_f1']}"
        if "starts_with" in expected:
            assert lines[: len(expected["starts_with"])] == expected["starts_with"]
        for line in expected.get("contains", []):
            assert line in lines, f"missing line: {line!r}"
        for line in expected.get("excludes", []):
            assert line not in lines, f"chrome line kept: {line!r}"
    elif field == "inLanguage" and isinstance(expected, str) and "-" not in expected:
        assert isinstance(got, str) and got.split("-")[0] == expected  # "en" is met by "en-GB"
    else:
        assert got == expected
