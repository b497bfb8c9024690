"""Benchmark: the national build beside its scan floor, in the same run.

The national area is ``svsna synth --scale 45`` (45 areas, about England and
Wales: 6.5 million crimes and as many person rows). This script

1. writes it once into ``--data`` (skipped when the folder already holds it),
2. runs the *floor*: one DuckDB query over the same Parquet files that counts
   the distinct crimes, the distinct persons and the rows of their join (what
   any build must at least read),
3. runs ``svsna build DATA --edition restricted --format xlsx``,

each in a child process under GNU ``/usr/bin/time -v`` so that wall time and
peak resident memory cover the whole process. It prints both with the stage
times from the build's ``manifest.json``, the ratio build / floor, the rejects
and the load average before and after (the machine is shared, so wall times
are upper bounds). ``--json FILE`` keeps the record.

Run: .venv/bin/python bench/bench_national.py --data /tmp/svsna-national
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR_SQL = """
WITH crimes AS (SELECT occurrence_id FROM read_parquet('{data}/occurrences/*.parquet')),
     persons AS (SELECT occurrence_id, person_id FROM read_parquet('{data}/persons/*.parquet'))
SELECT (SELECT count(DISTINCT occurrence_id) FROM crimes) AS crimes,
       (SELECT count(DISTINCT person_id) FROM persons) AS persons,
       (SELECT count(*) FROM crimes JOIN persons USING (occurrence_id)) AS joined
"""

FLOOR_SCRIPT = """
import sys, duckdb
print(duckdb.connect().sql(sys.argv[1]).fetchall()[0])
"""


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak MB and stdout of ``command`` run under GNU time."""
    run = subprocess.run(
        ["/usr/bin/time", "-v", *command], capture_output=True, text=True, check=False
    )
    if run.returncode != 0 and "Exit status: 1" not in run.stderr:
        sys.exit(f"{command[0]} failed:\n{run.stderr[-3000:]}")
    wall = re.search(
        r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", run.stderr
    )
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    assert wall and peak, run.stderr
    seconds = int(wall[1] or 0) * 3600 + int(wall[2]) * 60 + float(wall[3])
    return seconds, int(peak[1]) / 1024, run.stdout


def ensure_data(data: Path, scale: int) -> dict[str, float] | None:
    """Write the national area unless ``data`` already holds it."""
    if (data / "occurrences").is_dir():
        return None
    svsna = str(Path(sys.executable).with_name("svsna"))
    wall, peak, _ = timed([svsna, "synth", "--out", str(data), "--scale", str(scale)])
    return {"wall_seconds": round(wall, 1), "peak_mb": round(peak)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path("/tmp/svsna-national"))
    parser.add_argument("--scale", type=int, default=45)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    synth = ensure_data(args.data, args.scale)
    out = args.out or Path(tempfile.mkdtemp(prefix="svsna-national-"))
    load_before = os.getloadavg()
    floor_wall, floor_peak, counts = timed(
        [sys.executable, "-c", FLOOR_SCRIPT, FLOOR_SQL.format(data=args.data)]
    )
    svsna = str(Path(sys.executable).with_name("svsna"))
    command = [svsna, "build", str(args.data), "--edition", "restricted",
               "--format", "xlsx", "--out", str(out)]  # fmt: skip
    build_wall, build_peak, _ = timed(command)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    record = {
        "command": " ".join(["svsna", *command[1:]]),
        "floor": {"wall_seconds": round(floor_wall, 2), "peak_mb": round(floor_peak),
                  "crimes_persons_joined": counts.strip()},
        "build": {"wall_seconds": round(build_wall, 1), "peak_mb": round(build_peak),
                  "stage_seconds": manifest["stage_seconds"]},
        "ratio": round(build_wall / floor_wall, 1),
        "rows_loaded": {k: t["rows_loaded"] for k, t in manifest["inputs"].items()},
        "rows_rejected": sum(t["rows_rejected"] for t in manifest["inputs"].values()),
        "load_average_before": [round(v, 1) for v in load_before],
        "load_average_after": [round(v, 1) for v in os.getloadavg()],
        "synth": synth,
    }  # fmt: skip
    print(json.dumps(record, indent=2))
    if args.json:
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
