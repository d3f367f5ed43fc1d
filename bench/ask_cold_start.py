"""Cold start of `roundtable-bot ask`: a fresh process per question; prints one JSON line.

    .venv/bin/python bench/ask_cold_start.py [--runs N]

Wall time of the whole process (interpreter start, imports, event file, index, one answer), min / median /
max over runs (the OS file cache is warm after the first run), and which platform libraries got imported
(must be none: `ask` never loads slack_bolt, botbuilder, aiohttp or the database layer).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("slack_bolt", "slack_sdk", "botbuilder", "aiohttp", "sqlalchemy", "alembic")
PROBE = f"""
import sys
from service.cli import main
sys.argv = ["roundtable-bot", "ask", "--now", "2024-05-10T10:15", "when is the matchmakng sesion"]
try:
    main()
except SystemExit:
    pass
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})), file=sys.stderr)
"""


def run_once() -> tuple[float, list[str]]:
    begin = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    elapsed = time.perf_counter() - begin
    return elapsed, json.loads(done.stderr.strip().splitlines()[-1].replace("'", '"'))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    results = [run_once() for _ in range(args.runs)]
    seconds = sorted(r[0] for r in results)
    print(
        json.dumps(
            {
                "bench": "ask_cold_start",
                "runs": args.runs,
                "min_s": round(seconds[0], 3),
                "median_s": round(statistics.median(seconds), 3),
                "max_s": round(seconds[-1], 3),
                "heavy_modules_imported": sorted({m for r in results for m in r[1]}),
            }
        )
    )


if __name__ == "__main__":
    main()
