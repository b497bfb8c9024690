"""Benchmark: `svsna demo` as a user runs it, every format, median of N runs.

Each run is the real command in a child process (`svsna demo --out DIR`): the
synthetic area, then the public edition in HTML, PDF, Word, Excel, CSV and the
district profiles. For each run it records the wall time, the CPU seconds of
the whole process tree, the peak memory of the tree (the resident memory of the
command and every process it starts, summed, sampled every 20 ms) and of its
largest process (what GNU ``time -v`` reports), the time of
each stage from ``manifest.json`` (``stage_seconds``) and the load average
before and after: the development machine is shared, and its wall times follow
its load.

Python modules are byte-compiled first, as an installer does, so that the
times do not include compiling them (this machine sets
PYTHONDONTWRITEBYTECODE, so without it every run compiles every module).

Run: .venv/bin/python bench/bench_demo.py [--runs 3] [--json bench/demo_timings.json]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import threading
import time
from pathlib import Path

SVSNA = Path(sys.executable).with_name("svsna")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def tree_rss_mb(root: int) -> float:
    """Resident memory of ``root`` and all its descendants, in MB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(fields[21]) * PAGE_KB
        except (OSError, ValueError):
            continue  # the process ended while being read
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total / 1024


def byte_compile() -> None:
    """Compile the installed packages and svsna once, as an installer would."""
    source = Path(__file__).resolve().parents[1] / "src" / "svsna"
    for path in sorted({sysconfig.get_paths()["purelib"], str(source)}):
        compileall.compile_dir(path, quiet=1, workers=2)


def run_once(out: Path) -> dict[str, object]:
    """One `svsna demo` in a child process, with its wall, CPU and peak memory."""
    shutil.rmtree(out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(SVSNA), "demo", "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    peak = [0.0]

    def sample() -> None:
        while child.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(child.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"svsna demo failed: {child.stderr.read().decode()[-2000:]}")
    manifest = json.loads((out / "report" / "manifest.json").read_text())
    return {
        "wall_seconds": round(wall, 2),
        # wait4 gives the child's own CPU time plus that of its waited-for children.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_memory_mb": round(peak[0]),
        # What GNU time reports: the largest single process of the tree.
        "largest_process_mb": round(usage.ru_maxrss / 1024),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "stage_seconds": manifest["stage_seconds"],
        "outputs": len(manifest["outputs"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="svsna-bench-"))
    byte_compile()
    runs = []
    for i in range(args.runs):
        run = run_once(out)
        runs.append(run)
        print(
            f"run {i + 1}: wall {run['wall_seconds']:.1f} s, CPU {run['cpu_seconds']:.1f} s, "
            f"peak {run['peak_memory_mb']} MB (largest process "
            f"{run['largest_process_mb']} MB), load {run['load_average_before']:.1f} → "
            f"{run['load_average_after']:.1f}"
        )
    median = statistics.median(r["wall_seconds"] for r in runs)
    middle = min(runs, key=lambda r: abs(r["wall_seconds"] - median))
    print(f"\nmedian wall {median:.1f} s; stages of the median run (wall seconds):")
    print("| stage | seconds |\n|---|---|")
    for name, seconds in middle["stage_seconds"].items():
        print(f"| {name} | {seconds:.1f} |")
    record = {
        "command": "svsna demo --out DIR (every format, public edition)",
        "cores": len(os.sched_getaffinity(0)),
        "median_wall_seconds": median,
        "max_peak_memory_mb": max(r["peak_memory_mb"] for r in runs),
        "runs": runs,
    }
    if args.json:
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
