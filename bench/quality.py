"""Quality: crawl each ../shared/corpus/* folder served locally with `scrapy crawl news`, score with
../shared/tools/score.py, and score raw trafilatura (bare_extraction with metadata) on the same pages."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORE = SHARED / "tools" / "score.py"
FIGURES = ("body_f1", "coverage", "headline", "authors", "date", "language", "chrome")


def corpora() -> list[Path]:
    base = SHARED / "corpus"
    return sorted(p for p in base.iterdir() if (p / "truth.jsonl").exists()) if base.exists() else []


def score(corpus: Path, records: Path) -> dict[str, float | None]:
    out = subprocess.run([sys.executable, str(SCORE), str(corpus), str(records)], capture_output=True, text=True,
                         check=True).stdout
    last = out.strip().splitlines()[-1]
    figures: dict[str, float | None] = {}
    for part in last.split():
        key, _, value = part.partition("=")
        figures[key] = None if value == "n/a" else float(value)
    return figures


def crawl_corpus(corpus: Path, out: Path) -> None:
    """Serve the corpus at its original paths and crawl it from its robots.txt, as a user would a site."""
    subprocess.run(
        [sys.executable, "-m", "newsproj.testing.server", "--corpus", str(corpus), "--",
         sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start_urls={base}/robots.txt", "-O", str(out),
         "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING",
         "-s", "STATE_DIR="],  # every bench run scores the whole corpus: no cross-run state
        cwd=ROOT, check=True,
    )


def trafilatura_alone(corpus: Path, out: Path) -> None:
    import trafilatura

    with out.open("w", encoding="utf-8") as fh:
        for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            html = gzip.decompress((corpus / page["file"]).read_bytes()).decode("utf-8", "replace")
            doc = trafilatura.bare_extraction(html, url=page["url"], with_metadata=True, as_dict=True)
            if not doc:
                continue
            authors = [{"name": a.strip()} for a in (doc.get("author") or "").split(";") if a.strip()]
            fh.write(json.dumps({
                "url": page["url"], "canonicalUrl": page["url"], "headline": doc.get("title"),
                "articleBody": doc.get("text") or "", "authors": authors, "datePublished": doc.get("date"),
                "inLanguage": doc.get("language"),
            }) + "\n")


def run(workdir: Path) -> dict[str, dict[str, dict[str, float | None]]]:
    results: dict[str, dict[str, dict[str, float | None]]] = {}
    for corpus in corpora():
        ours, raw = workdir / f"{corpus.name}.newsproj.jsonl", workdir / f"{corpus.name}.trafilatura.jsonl"
        crawl_corpus(corpus, ours)
        trafilatura_alone(corpus, raw)
        results[corpus.name] = {"newsproj": score(corpus, ours), "trafilatura": score(corpus, raw)}
    return results


def table(results: dict[str, dict[str, dict[str, float | None]]]) -> str:
    def fmt(v: float | None) -> str:
        return "n/a" if v is None else f"{v:.3f}"

    rows = ["| corpus | figure | newsproj | trafilatura alone |", "| --- | --- | --- | --- |"]
    for name, both in results.items():
        for key in FIGURES:
            rows.append(f"| {name} | {key} | {fmt(both['newsproj'].get(key))} | {fmt(both['trafilatura'].get(key))} |")
    return "\n".join(rows)
