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

Every expectation can fail: ``test_every_expectation_can_fail`` changes each one and expects the case to fail
(``min_f1`` raised by ``F1_SLACK`` included, so floors follow the score).
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
    # the function an extraction worker runs in a crawl (parse → extract → verdict → clean), then validation
    site = sites.load(case.parent.name)
    return page_outcome(html, meta["url"], site, "2000-01-01T00:00:00+00:00"), truth


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


def check_field(field: str, expected, got, truth: dict | None) -> None:
    """Compare one field of a record with its expectation (see the module docstring); AssertionError if it fails."""
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


def _record(case: Path) -> tuple[dict, dict | None]:
    outcome, truth = _outcome(case)
    assert outcome.dropped is None, f"page dropped: {outcome.dropped}"
    record = outcome.record()
    assert record is not None
    return record, truth


@pytest.mark.parametrize(("case", "field"), _field_params())
def test_field(case, field):
    record, truth = _record(case)
    check_field(field, _load(case, "expected.json")[field], record[field], truth)


# ---------------------------------------------------------------------------------------------- mutation check

F1_SLACK = 0.03
"""A ``min_f1`` floor is at most this far below today's score: raising it by this much must fail the test. When
extraction gets better, the floor follows (the message gives the value); a floor far below the score would let a
regression of that size pass unseen."""


def _mutations(field: str, expected, got) -> list[tuple[str, object]]:
    """Expectations that differ from ``expected`` in one respect each, and that the record must not meet."""
    if field == "articleBody" and isinstance(expected, dict):
        out: list[tuple[str, object]] = []
        if "min_f1" in expected:
            out.append(("min_f1", {**expected, "min_f1": round(expected["min_f1"] + F1_SLACK, 4)}))
        if expected.get("starts_with"):
            out.append(("starts_with", {**expected, "starts_with": ["A first line no page has."]
                                        + expected["starts_with"][1:]}))
        if "contains" in expected:
            out.append(("contains", {**expected, "contains": [*expected["contains"], "A line no page has."]}))
        if "excludes" in expected:
            out.append(("excludes", {**expected, "excludes": [*expected["excludes"], got.split("\n")[0]]}))
        return out
    if field == "authors":
        return [("authors", [*expected, "Nobody Example"])]
    if field in ("datePublished", "dateModified") and isinstance(expected, str):
        day = int(expected[8:10])
        return [(field, f"{expected[:8]}{day % 28 + 1:02d}{expected[10:]}")]
    if field == "inLanguage" and isinstance(expected, str):
        return [(field, "xx" if expected.split("-")[0] != "xx" else "yy")]
    if isinstance(expected, str):
        return [(field, expected + " (mutated)")]
    if isinstance(expected, list):
        return [(field, [*expected, {"name": "mutated"}])]
    if isinstance(expected, dict):
        return [(field, {**expected, "url": "http://mutated.example/"})]
    return [(field, "mutated")]  # null


@pytest.mark.parametrize("case", _cases(), ids=_case_id)
def test_every_expectation_can_fail(case):
    """Mutation check: each expectation, changed in one respect, fails against today's record (so every expected
    value is checked, and every ``min_f1`` floor sits within ``F1_SLACK`` of today's score)."""
    record, truth = _record(case)
    survived = []
    for field, expected in _load(case, "expected.json").items():
        for what, mutated in _mutations(field, expected, record[field]):
            try:
                check_field(field, mutated, record[field], truth)
            except AssertionError:
                continue
            if what == "min_f1":
                f1 = shingle_f1(truth["body"], record["articleBody"]) if truth else 0.0
                survived.append(f"articleBody.min_f1 {expected['min_f1']} is loose: today's F1 is {f1:.4f}, set "
                                f"min_f1 to {max(0.0, int(f1 * 100) / 100 - 0.01):.2f}")
            else:
                survived.append(f"{field}: changed {what}, still passes")
    assert survived == []
