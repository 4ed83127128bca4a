"""`make bench`: quality on ../shared/corpus (when present). Results go to bench/results/ and stdout."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import quality

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    RESULTS.mkdir(exist_ok=True)
    if not quality.corpora():
        print("quality: ../shared/corpus not present, skipped")
        return 0
    results = quality.run(RESULTS)
    (RESULTS / "quality.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("## Quality (../shared/tools/score.py)\n")
    print(quality.table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
