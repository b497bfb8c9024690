"""Benchmark: `svsna demo` end to end, every format, with the time of each stage.

Writes the synthetic area (scale 1), builds the public edition in every format,
and prints the stages from ``manifest.json`` (``stage_seconds``: load,
warehouse, analyse, then one ``render_*`` per output) with the wall time, the
CPU seconds of this process and its children, and the load average, because
the development machine is shared and wall times there are upper bounds.
``render_pdf`` runs in a second process beside the others; ``render_pdf_wait``
is how long the build then still waited for it.

Run: .venv/bin/python bench/bench_demo.py [--out DIR] [--json bench/demo_timings.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from svsna.pipeline import build
from svsna.synth import DEMO_SEED, write_area


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="svsna-bench-"))
    load_before = os.getloadavg()[0]
    started, cpu0 = time.perf_counter(), cpu_seconds()
    write_area(out / "data", scale=1, seed=DEMO_SEED, years=None)
    synth = time.perf_counter() - started
    result = build(out / "data", out / "report")
    wall = time.perf_counter() - started
    stages = {"synth": round(synth, 3), **result.manifest["stage_seconds"]}
    record = {
        "command": "svsna demo (all formats, public edition)",
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu_seconds() - cpu0, 3),
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "stage_seconds": stages,
        "outputs": len(result.manifest["outputs"]),
    }
    print("| stage | seconds |\n|---|---|")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.1f} |")
    print(
        f"\nwall {wall:.1f} s, CPU {record['cpu_seconds']:.1f} s on "
        f"{record['cores']} cores, load average {load_before:.1f} → "
        f"{record['load_average_after']:.1f}; {record['outputs']} files in {out}"
    )
    if args.json:
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
