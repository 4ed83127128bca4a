"""A week of simulated runs → a day-partitioned dataset: crawls a local news site seven times (one "day" each:
new articles, one correction of an earlier article, a day with nothing new), with cross-run state and the default
feed (JSON lines on odd days, Parquet on even ones), files each run under its simulated day, then compacts.

    .venv/bin/python tools/simulate_week.py /tmp/week      # prints the dataset tree and row counts
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsproj.testing.server import FixtureServer, Site  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("harbour ferry council budget timetable passengers engine weather bridge market school river station "
         "library festival museum stadium hospital airport theatre mayor street night morning week road park "
         "water price rent train bus crew pier island coast storm").split()
START = date(2026, 11, 16)


def prose(seed: str, words: int = 180) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) + rnd.choice(("", "", "s", ".")) for _ in range(words))


class WeekSite(Site):
    def __init__(self) -> None:
        super().__init__(ROOT / "fixtures")
        self.pages: dict[str, bytes] = {}
        self.lastmod: dict[str, str] = {}

    def publish(self, slug: str, day: date, text: str, edited: bool = False) -> None:
        # a correction's lastmod is the real clock's (the crawler compares it with when it emitted the article)
        stamp = datetime.now(UTC).isoformat(timespec="seconds") if edited else f"{day}T09:00:00+00:00"
        self.lastmod[f"/{day:%Y/%m/%d}/{slug}"] = stamp
        paragraphs = "".join(f"<p>{p.strip()}.</p>" for p in text.split(".") if p.strip())
        self.pages[f"/{day:%Y/%m/%d}/{slug}"] = (
            f"<html lang='en'><head><title>{slug}</title><meta property='article:published_time' "
            f"content='{day}T08:00:00+01:00'></head><body><article><h1>{slug.replace('-', ' ').title()}</h1>"
            f"{paragraphs}</article></body></html>").encode()

    def lookup(self, path: str, query: str, base: str):
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode()
        if path == "/sitemap.xml":
            locs = "".join(f"<url><loc>{base}{p}</loc><lastmod>{self.lastmod[p]}</lastmod></url>"
                           for p in sorted(self.pages))
            return 200, {"Content-Type": "application/xml"}, (
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>').encode()
        if path in self.pages:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, self.pages[path]
        return None


def main(work: Path) -> int:
    shutil.rmtree(work, ignore_errors=True)
    output, state = work / "output", work / "state"
    site = WeekSite()
    server = FixtureServer(site).start()
    try:
        for i in range(7):
            day = START + timedelta(days=i)
            if i != 3:  # day 3: nothing new
                for n in range(3):
                    site.publish(f"story-{i}-{n}", day, prose(f"{i}-{n}"))
            if i >= 2 and 3 not in (i, i - 2):  # a correction of an article of two days before (its lastmod bumped)
                earlier = START + timedelta(days=i - 2)
                site.publish(f"story-{i - 2}-0", earlier, prose(f"{i - 2}-0") + " Correction appended.", edited=True)
            suffix = "parquet" if i % 2 else "jsonl"
            cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={server.base}/sitemap.xml",
                   "-s", "NEWSPROJ_ALLOW_PRIVATE=1", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "LOG_LEVEL=WARNING",
                   "-s", f"STATE_DIR={state}", "-s",
                   f"NEWSPROJ_DEFAULT_FEED={output}/%(site)s/%(date)s/%(run_id)s.{suffix}"]
            subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
            today = sorted(p for p in output.glob("*/*") if p.is_dir() and not _simulated(p.name))
            for folder in today:  # file the run under its simulated day
                target = folder.with_name(str(day))
                target.mkdir(exist_ok=True)
                for f in folder.iterdir():
                    f.rename(target / f.name)
                folder.rmdir()
    finally:
        server.stop()
    print("runs:")
    for manifest in sorted(output.glob("*/*/*.manifest.json")):
        data = json.loads(manifest.read_text())
        print(f"  {manifest.parent.name} {data['output']['file'] or '(no file: nothing new)'}: "
              f"{data['output']['records']} records")
    dataset = work / "dataset"
    subprocess.run([sys.executable, "-m", "newsproj.compact", "--output", str(output), "--dataset", str(dataset)],
                   cwd=ROOT, check=True)
    subprocess.run([sys.executable, "-m", "newsproj.compact", "--output", str(output), "--dataset", str(dataset)],
                   cwd=ROOT, check=True)  # again: nothing to do
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    print("dataset:")
    for path in sorted(dataset.rglob("*")):
        rel = path.relative_to(dataset)
        rows = f"  ({pq.read_metadata(path).num_rows} rows)" if path.suffix == ".parquet" else ""
        print(f"  {rel}{'/' if path.is_dir() else ''}{rows}")
    table = ds.dataset(dataset, partitioning="hive").to_table()
    counts = {row["day"]: row["url_count"] for row in table.group_by("day").aggregate([("url", "count")]).to_pylist()}
    print(f"pyarrow.dataset(hive): {table.num_rows} articles; by day: {dict(sorted(counts.items()))}")
    return 0


def _simulated(name: str) -> bool:
    return name.startswith(str(START)[:8]) and START <= date.fromisoformat(name) <= START + timedelta(days=6)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/newsproj-week")))
