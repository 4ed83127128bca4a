"""The quality bench's newspaper4k baseline, our side of it: the records its subprocess writes (from a stub
extractor, so no baseline venv is needed), the process-wide refusal of the network it runs under, and a venv that
cannot be made leaving the column out with one line instead of a figure."""

from __future__ import annotations

import gzip
import json
import re
import socket
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from bench import baselines, quality
from bench.baseline_newspaper4k import records

ROOT = Path(__file__).resolve().parent.parent


def _page(tmp_path: Path, name: str, html: str) -> dict[str, str]:
    path = tmp_path / f"{name}.html.gz"
    path.write_bytes(gzip.compress(html.encode("utf-8")))
    return {"url": f"https://example.org/{name}", "path": str(path)}


def test_records_from_the_extractor_fields(tmp_path: Path) -> None:
    jobs = [_page(tmp_path, "story", "<html><p>Prose.</p></html>"), _page(tmp_path, "empty", "<html></html>"),
            _page(tmp_path, "broken", "<html>boom</html>")]

    def fields(html: str, url: str) -> dict[str, Any]:
        if "boom" in html:
            raise ValueError("cannot parse")
        if "Prose" not in html:
            return {"title": "", "text": "  ", "authors": [], "publish_date": None, "language": ""}
        return {"title": "A headline", "text": "First paragraph.\n\nSecond one.", "authors": ["Ann Bee", " "],
                "publish_date": datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))), "language": ""}

    errors: Counter[str] = Counter()
    got = list(records(jobs, fields, errors))
    assert got == [{"url": "https://example.org/story", "canonicalUrl": "https://example.org/story",
                    "headline": "A headline", "articleBody": "First paragraph.\n\nSecond one.",
                    "authors": [{"name": "Ann Bee"}], "datePublished": "2024-05-01T09:30:00+02:00",
                    "inLanguage": None}]
    assert errors == {"no body": 1, "ValueError: cannot parse": 1}


def test_the_baseline_process_cannot_reach_the_network(tmp_path: Path) -> None:
    """Even a server on 127.0.0.1 is out of reach once refuse_network() ran, and every attempt is counted: a
    connect, a name lookup by any of the socket module's functions, a datagram sent without a connect."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        script = (
            "import socket, urllib.request\n"
            "from bench.baseline_newspaper4k import refuse_network\n"
            f"socket.create_connection(('127.0.0.1', {port})).close()\n"  # reachable before
            "attempts = refuse_network()\n"
            "failed = 0\n"
            f"for call in (lambda: socket.create_connection(('127.0.0.1', {port})),\n"
            f"             lambda: urllib.request.urlopen('http://127.0.0.1:{port}/', timeout=5),\n"
            "             lambda: socket.getaddrinfo('localhost', 80),\n"
            "             lambda: socket.gethostbyname('localhost'),\n"
            "             lambda: socket.gethostbyname_ex('localhost'),\n"
            "             lambda: socket.gethostbyaddr('127.0.0.1'),\n"
            f"             lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('127.0.0.1', {port}))"
            "):\n"
            "    try:\n"
            "        call()\n"
            "    except OSError:\n"
            "        failed += 1\n"
            "print(failed, len(attempts))\n"
        )
        proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    failed, attempts = map(int, proc.stdout.split())
    assert failed == 7
    assert attempts >= 7


def test_a_venv_that_cannot_be_made_leaves_the_column_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lock = tmp_path / "baselines.lock"
    lock.write_text(f"{tmp_path / 'missing-1.0-py3-none-any.whl'} --hash=sha256:{'0' * 64}\n", encoding="utf-8")
    venv = tmp_path / "venv"
    monkeypatch.setattr(baselines, "LOCK", lock)
    monkeypatch.setenv("BENCH_BASELINES_VENV", str(venv))
    corpus = tmp_path / "corpus"
    (corpus / "html").mkdir(parents=True)
    (corpus / "html" / "1.html.gz").write_bytes(gzip.compress(b"<html><p>x</p></html>"))
    with pytest.raises(baselines.Unavailable) as caught:
        quality.newspaper4k_records(corpus, [{"id": "1", "url": "https://example.org/1", "file": "html/1.html.gz"}])
    assert "could not be made" in str(caught.value) and "\n" not in str(caught.value)
    assert not venv.exists()  # no half-made venv taken for a good one next time

    summary = {"pages": 1, "matched": 1, "coverage": 1.0, "body_f1": 0.9}
    results: dict[str, Any] = {"halves": ["B"], "corpora": {"c": {
        "sitemap/registry": {"B": summary, "B_pages": []}, "trafilatura": {"B": summary}}},
        "newspaper4k": {"left_out": str(caught.value), "runs": {}}}
    text = quality.table(results)
    assert text.splitlines()[0] == "| corpus | half | figure | sitemap/registry | trafilatura |"
    assert f"newspaper4k left out: {caught.value}" in text.splitlines()

    results["corpora"]["c"]["newspaper4k"] = {"B": summary | {"body_f1": 0.8}}
    results["newspaper4k"] = {"left_out": None, "lock": "bench/baselines.lock", "runs": {"c": {
        "version": "0.9.6", "pages": 1, "records": 1, "errors": {}, "network_attempts": 0}}}
    lines = quality.table(results).splitlines()
    assert lines[0].endswith("| trafilatura | newspaper4k |")
    assert "| c | B | body_f1 | 0.900 | 0.900 | 0.800 |" in lines
    assert "c: newspaper4k 0.9.6: 1/1 pages with a record (own venv from bench/baselines.lock)" in lines


def test_newsproj_does_not_import_the_baselines_it_is_measured_against() -> None:
    """newspaper4k is a bench baseline only: no module of the package imports it, and requirements.lock (what
    `make install` and `make test` install) does not pin it."""
    imports = re.compile(r"^\s*(?:import|from)\s+(?:newspaper|tldextract|nltk)\b", re.M)
    for path in (ROOT / "newsproj").rglob("*.py"):
        assert not imports.search(path.read_text(encoding="utf-8")), path
    assert "newspaper4k" not in (ROOT / "requirements.lock").read_text(encoding="utf-8")


def test_a_directory_the_bench_did_not_make_is_never_removed_for_the_venv(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """BENCH_BASELINES_VENV pointed at the project's own .venv (or any directory of someone's): the bench says so in
    one line and leaves it as it is, instead of removing it to make the baseline venv there."""
    lock = tmp_path / "baselines.lock"
    lock.write_text(f"{tmp_path / 'missing-1.0-py3-none-any.whl'} --hash=sha256:{'0' * 64}\n", encoding="utf-8")
    monkeypatch.setattr(baselines, "LOCK", lock)
    theirs = tmp_path / "venv"
    (theirs / "bin").mkdir(parents=True)
    (theirs / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (theirs / "bin" / "python").write_text("", encoding="utf-8")
    with pytest.raises(baselines.Unavailable) as caught:
        baselines.python(theirs)
    assert "did not make" in str(caught.value) and "\n" not in str(caught.value)
    assert (theirs / "pyvenv.cfg").exists() and (theirs / "bin" / "python").exists()

    (theirs / baselines.MARK).write_text("", encoding="utf-8")  # one of ours, left half-made: made again
    with pytest.raises(baselines.Unavailable, match="could not be made"):
        baselines.python(theirs)
    assert not theirs.exists()


def test_pages_a_baseline_beats_by_the_gap() -> None:
    """``--beaten``: the pages where trafilatura or readability beats the item path by the gap or more, most beaten
    first; a page a baseline has no record of scores 0 for it."""
    ours = [{"id": "a", "url": "u/a", "f1": 0.50}, {"id": "b", "url": "u/b", "f1": 0.90},
            {"id": "c", "url": "u/c", "f1": 0.10}, {"id": "d", "url": "u/d", "f1": 0.97}]
    theirs = {"trafilatura": [{"id": "a", "f1": 0.56}, {"id": "b", "f1": 0.94}, {"id": "c", "f1": 0.80}],
              "readability": [{"id": "a", "f1": 0.40}, {"id": "b", "f1": 0.93}, {"id": "d", "f1": 0.99}]}
    assert quality.beaten(ours, theirs, 0.05) == [
        (0.10, {"trafilatura": 0.80, "readability": 0.0}, "c", "u/c"),
        (0.50, {"trafilatura": 0.56, "readability": 0.40}, "a", "u/a"),
    ]


def test_a_dump_row_names_the_headline_given_beside_the_truths(tmp_path: Path) -> None:
    """``--dump``: a row of a page whose truth has a title says which headline the record gave (None without a
    record), so two dumps show what a headline became, not only that it changed; rows of untitled pages stay."""
    records = tmp_path / "records.jsonl"
    records.write_text(json.dumps({"url": "https://example.org/a", "headline": "Ferries run late again"}) + "\n",
                       encoding="utf-8")
    pages = [{"id": "a", "url": "https://example.org/a", "title": "Ferries run late"},
             {"id": "b", "url": "https://example.org/b", "title": "Harbour closes"},
             {"id": "c", "url": "https://example.org/c"}]
    rows = [{"id": p["id"], "url": p["url"], "f1": 1.0} for p in pages]
    assert quality.with_headlines(rows, pages, records) == [
        {"id": "a", "url": "https://example.org/a", "f1": 1.0, "headline": "Ferries run late again",
         "truth_headline": "Ferries run late"},
        {"id": "b", "url": "https://example.org/b", "f1": 1.0, "headline": None, "truth_headline": "Harbour closes"},
        {"id": "c", "url": "https://example.org/c", "f1": 1.0},
    ]


def test_make_bench_refuses_a_part_it_does_not_have(tmp_path):
    """``make bench BENCH=NAME`` runs ``python -m bench.run NAME``: a misspelt part (``BENCH=qualty``) ran no part at
    all and exited 0, so a job comparing results read the last run's (docs24). One line and exit 2, nothing run."""
    proc = subprocess.run([sys.executable, "-m", "bench.run", "qualty", "speed"], cwd=Path(__file__).parents[1],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.strip() == ('bench: no part qualty; BENCH takes any of quality, speed, distributed, warc '
                                   '(make bench BENCH="quality distributed")')
