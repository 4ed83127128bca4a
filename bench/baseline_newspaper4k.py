"""newspaper4k as a bench baseline, run by the interpreter of its own venv (``.venv-baselines``, made by
:mod:`bench.baselines` from ``bench/baselines.lock``), never by the product's: newspaper4k is not a dependency of
newsproj and this script imports nothing of newsproj or of the ``bench`` package.

``python bench/baseline_newspaper4k.py JOBS OUT``: JOBS holds one ``{"url", "path"}`` a line (``path``: a corpus
page, ``.html.gz``); OUT gets one score.py record a line (url, canonicalUrl, headline, articleBody, authors,
datePublished, inLanguage) for every page newspaper4k gave a body; stdout gets one JSON line: newspaper4k's
version, pages, records, the errors by kind, and the network attempts refused.

Offline by construction: an ``Article`` is built from the page's HTML (``download(input_html=...)``, no fetch),
``fetch_images=False`` (otherwise the top image is downloaded to measure it), ``follow_meta_refresh=False``; no
``nlp()`` (keywords and summary need NLTK's punkt data, which it would download); tldextract, should anything call
it, reads its bundled suffix list. On top of that every socket connect and name lookup of the process raises, and
the attempts are counted in the summary line: a baseline that needs the network shows up, it is never fed.
"""

from __future__ import annotations

import gzip
import json
import socket
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import Any

Fields = Callable[[str, str], dict[str, Any]]


def refuse_network() -> list[str]:
    """Make every socket connect and name lookup of this process raise; the list fills with the attempts."""
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:2] or args[:1])[:200])
        raise OSError("bench baseline: no network")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.socket.sendto = refuse  # type: ignore[method-assign]  (a datagram needs no connect: DNS by hand)
    socket.create_connection = refuse  # type: ignore[assignment]
    # every name lookup, not getaddrinfo alone: gethostbyname("localhost") answered before
    for lookup in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
        setattr(socket, lookup, refuse)
    return attempts


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value) if value else None


def record(url: str, fields: dict[str, Any]) -> dict[str, Any] | None:
    """score.py's record from what the extractor gave (``title``, ``text``, ``authors``, ``publish_date``,
    ``language``); ``None`` when it gave no body (the page then scores 0, as a page without a record)."""
    body = (fields.get("text") or "").strip()
    if not body:
        return None
    authors = [{"name": str(a).strip()} for a in fields.get("authors") or () if str(a).strip()]
    return {"url": url, "canonicalUrl": url, "headline": fields.get("title") or None, "articleBody": body,
            "authors": authors, "datePublished": _iso(fields.get("publish_date")),
            "inLanguage": fields.get("language") or None}


def records(jobs: Iterable[dict[str, str]], fields: Fields, errors: Counter[str]) -> Iterator[dict[str, Any]]:
    """A record for every job whose page the extractor gave a body; a page it raises on (counted in ``errors``
    by exception type) or gives no body has none."""
    for job in jobs:
        with open(job["path"], "rb") as fh:
            html = gzip.decompress(fh.read()).decode("utf-8", "replace")  # (as the other baselines read it)
        try:
            found = record(job["url"], fields(html, job["url"]))
        except Exception as exc:  # noqa: BLE001 - a baseline that raises scores 0 on that page
            message = " ".join(str(exc).replace("*", " ").split())  # (NLTK's: a framed, many-line text)
            errors[f"{type(exc).__name__}: {message[:80]}"] += 1
            continue
        if found is None:
            errors["no body"] += 1
            continue
        yield found


def newspaper_fields() -> tuple[str, Fields]:
    """(newspaper4k's version, a function (html, url) -> its fields), configured offline."""
    import newspaper
    from newspaper import Article, Config

    try:  # nothing on the Article path calls tldextract (Source and categories do): should it, no download
        import tldextract.tldextract as tx

        tx.TLD_EXTRACTOR = tx.TLDExtract(suffix_list_urls=(), cache_dir=None)
    except ImportError:
        pass

    def fields(html: str, url: str) -> dict[str, Any]:
        config = Config()
        config.fetch_images = False
        config.follow_meta_refresh = False
        config.memoize_articles = False
        article = Article(url, config=config)
        article.download(input_html=html)
        article.parse()
        return {"title": article.title, "text": article.text, "authors": article.authors,
                "publish_date": article.publish_date, "language": article.meta_lang}

    return str(newspaper.__version__), fields


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: baseline_newspaper4k.py JOBS OUT", file=sys.stderr)
        return 2
    attempts = refuse_network()
    version, fields = newspaper_fields()
    with open(argv[0], encoding="utf-8") as fh:
        jobs = [json.loads(line) for line in fh if line.strip()]
    errors: Counter[str] = Counter()
    n = 0
    with open(argv[1], "w", encoding="utf-8") as out:
        for found in records(jobs, fields, errors):
            out.write(json.dumps(found, ensure_ascii=False) + "\n")
            n += 1
    print(json.dumps({"version": version, "pages": len(jobs), "records": n, "errors": dict(errors.most_common()),
                      "network_attempts": len(attempts), "network_examples": attempts[:3]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
