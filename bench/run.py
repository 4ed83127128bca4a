"""`make bench`: quality on ../shared/corpus (when present), speed and memory, distributed mode, WARC in and out.
Results: bench/results/ and stdout. `make bench BENCH="quality distributed"` runs only those parts.

`BENCH_QUICK=1 make bench` skips the 10,000-page memory crawl.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from bench import distributed, quality, speed, warc

RESULTS = Path(__file__).resolve().parent / "results"
PARTS = ("quality", "speed", "distributed", "warc")


def main() -> int:
    only = set(sys.argv[1:]) or set(PARTS)
    unknown = sorted(only - set(PARTS))
    if unknown:  # (`make bench BENCH=qualty` ran no part and exited 0)
        print(f"bench: no part {', '.join(unknown)}; BENCH takes any of {', '.join(PARTS)} (make bench "
              f'BENCH="quality distributed")', file=sys.stderr)
        return 2
    RESULTS.mkdir(exist_ok=True)
    if "quality" in only:
        if quality.corpora():
            results = quality.run(RESULTS, quick=bool(os.environ.get("BENCH_QUICK")))
            (RESULTS / "quality.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
            print("## Quality (../shared/tools/score.py; half B held out, see bench/quality.py)\n")
            print(quality.table(results), flush=True)
        else:
            print("quality: ../shared/corpus not present, skipped")
    if "speed" in only:
        results = speed.run(quick=bool(os.environ.get("BENCH_QUICK")))
        (RESULTS / "speed.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
        print("\n## Speed and memory\n")
        print(speed.report(results))
    if "distributed" in only:
        results = distributed.run()
        (RESULTS / "distributed.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
        print("\n## Distributed mode\n")
        print(distributed.report(results))
    if "warc" in only:
        results = warc.run(save=RESULTS / "warc.json")
        print("\n## WARC in and out (bench/warc.py)\n")
        print(warc.report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
