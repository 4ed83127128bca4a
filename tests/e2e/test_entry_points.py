"""Documented ways to start a run, run as the docs write them: ``make crawl`` (README, quick start) through make
and the venv's ``scrapy`` script, README's WARC out-and-in commands, and the cron entry of docs/operations.md,
taken from the pages and run by ``sh`` in a fresh checkout with cron's bare environment. Only what cannot run here
is replaced: the project's path, the lock's path, the site (a registry folder holding ``example-news`` on the
loopback demo server, ``NEWSPROJ_SITES_DIR``), the setting that allows a loopback site, and ``mail`` (a shell
function writing to a file)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import ROOT, read_jsonl

VENV = Path(sys.prefix)


def _paths(records: list[dict]) -> list[str]:
    return sorted(urlsplit(r["url"]).path for r in records)


def test_make_crawl_writes_every_demo_article(tmp_path, demo_truth):
    if shutil.which("make") is None:
        pytest.skip("no make on this machine")
    make = ["make", f"VENV={VENV}"]
    if subprocess.run([*make, "-q", "install"], cwd=ROOT, capture_output=True).returncode != 0:
        pytest.skip(f"{VENV} is not installed from this requirements.lock (make install)")  # no pip from a test
    assert re.search(r"^CRAWL_OUT \?= output/demo\.jsonl$", (ROOT / "Makefile").read_text(), re.M)
    assert "make crawl   # crawls the bundled demo news site over loopback HTTP → output/demo.jsonl" in (
        ROOT / "README.md").read_text(encoding="utf-8")
    out = tmp_path / "out" / "demo.jsonl"
    proc = subprocess.run([*make, "crawl", f"CRAWL_OUT={out}"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert _paths(read_jsonl(out)) == sorted(t["path"] for t in demo_truth)
    assert f"records: {len(demo_truth)} in {out}" in proc.stdout


def cron_entry() -> str:
    """The one crontab entry of docs/operations.md's ``cron`` block."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```cron\n(.*?)```", text, re.S)
    entries = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert len(entries) == 1, f"a crontab entry is one line (cron has no line continuation): {entries}"
    return entries[0]


def fresh_project(tmp_path: Path) -> Path:
    """A checkout as a user has it: no logs/, jobs/, state/, output/ or warc/ (the package and the venv linked)."""
    project = tmp_path / "srv"
    project.mkdir()
    for name in ("newsproj", "scrapy.cfg"):
        (project / name).symlink_to(ROOT / name)
    (project / ".venv").symlink_to(VENV)
    return project


def example_news(tmp_path: Path, base: str) -> Path:
    """A registry folder (``NEWSPROJ_SITES_DIR``) holding the docs' ``example-news``, served on loopback."""
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "example-news.toml").write_text(
        f'name = "example-news"\nhosts = ["127.0.0.1"]\n\n[discovery]\nseeds = ["{base}/"]\n', encoding="utf-8")
    return sites


def test_readme_warc_out_then_in_gives_the_crawls_records(tmp_path, demo_server, demo_truth):
    """README, *WARC in and out*: archive a site's pages, then re-extract them, the two commands as written, in one
    checkout (so with its default STATE_DIR, state/: the re-extraction wrote nothing before it passed
    ``-s STATE_DIR=``, every article being the crawl's, unchanged)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"## WARC in and out\n\n```sh\n(.*?)```", readme, re.S)
    archive, replay = (re.sub(r"\s+#.*$", "", line).replace("NAME", "example-news")
                       for line in block.splitlines()[:2])
    assert archive.startswith(".venv/bin/scrapy crawl news ") and replay.startswith(".venv/bin/scrapy crawl warc ")
    project = fresh_project(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           "NEWSPROJ_SITES_DIR": str(example_news(tmp_path, demo_server.base))}
    for command in (f"{archive} -s NEWSPROJ_ALLOW_PRIVATE=1", replay):
        proc = subprocess.run(["/bin/sh", "-c", command], cwd=project, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, (command, proc.stderr[-3000:])
    crawled, replayed = read_jsonl(project / "articles.jsonl"), read_jsonl(project / "again.jsonl")
    assert _paths(crawled) == _paths(replayed) == sorted(t["path"] for t in demo_truth)
    by_url = {r["url"]: r for r in crawled}
    for record in replayed:
        assert record["headline"] == by_url[record["url"]]["headline"]
        warc, original = record["metadata"]["warc"], by_url[record["url"]]["metadata"]["warc"]
        assert warc["file"] == f"warc/example-news/{original['file']}"  # the source as listed; DIR-relative
        assert (warc["offset"], warc["recordId"]) == (original["offset"], original["recordId"])


def test_the_documented_cron_entry_runs_on_a_fresh_clone_and_again(tmp_path, demo_server, demo_truth):
    if not Path("/usr/bin/flock").exists() and not Path("/bin/flock").exists():
        pytest.skip("no flock (util-linux) on this machine: the documented entry needs it")
    schedule = cron_entry().split(None, 5)
    assert len(schedule) == 6 and schedule[0] == "*/30", schedule
    command = schedule[5]
    project = fresh_project(tmp_path)
    sites = example_news(tmp_path, demo_server.base)
    for old, new in (("cd /srv/newsproj ", f"cd {project} "),
                     ("/tmp/newsproj-example.lock", str(tmp_path / "example.lock")),
                     ("-s JOBDIR=", "-s NEWSPROJ_ALLOW_PRIVATE=1 -s JOBDIR=")):
        assert old in command, f"{old!r} is no longer in the cron entry: update this test with the docs"
        command = command.replace(old, new, 1)
    mailbox = tmp_path / "mail"
    script = f'mail() {{ cat >> "{mailbox}"; }}\n{command}\n'
    cron_env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SHELL": "/bin/sh", "LANG": "C.UTF-8",
                "NEWSPROJ_SITES_DIR": str(sites)}

    def run() -> None:
        proc = subprocess.run(["/bin/sh", "-c", script], cwd=tmp_path, env=cron_env, capture_output=True, text=True,
                              timeout=300)
        log = project / "logs" / "example-news.log"
        assert not mailbox.exists(), (mailbox.read_text(), proc.stderr[-2000:],
                                      log.read_text()[-3000:] if log.exists() else "no log")
        assert proc.returncode == 0

    run()
    (written,) = (project / "output" / "example-news").glob("*/*.jsonl")
    assert _paths(read_jsonl(written)) == sorted(t["path"] for t in demo_truth)
    assert (project / "jobs" / "example-news").is_dir()
    run()  # the next half hour: the same JOBDIR, nothing new to write
    assert list((project / "output" / "example-news").glob("*/*.jsonl")) == [written]
    summaries = [line for line in (project / "logs" / "example-news.log").read_text().splitlines()
                 if "newsproj summary:" in line]
    assert len(summaries) == 2 and "newsproj summary: 0 articles" in summaries[1], summaries
