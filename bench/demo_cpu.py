"""CPU seconds of each stage of the demo build, all in this one process.

Wall times on the shared two-core development machine follow its load; CPU
seconds much less. This builds the demo area (every format) with every stage
in this process (no second process: ``svsna.report.render._cores`` is made
to say one core) and each stage's clock made the process's CPU clock, so
``stage_seconds`` are CPU seconds, threads (DuckDB's) included. Run it after
``bench_demo.py`` (which byte-compiles the modules) or alone.

Run: .venv/bin/python bench/demo_cpu.py [--data DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    started = time.process_time()
    import svsna.report.render as render
    from svsna.pipeline import build
    from svsna.synth import DEMO_SEED, write_area

    imported = time.process_time()
    render._cores = lambda: 1  # every stage in this process, so its CPU is counted
    time.perf_counter = time.process_time  # stages timed by the CPU clock
    root = Path(tempfile.mkdtemp(prefix="svsna-cpu-"))
    data = args.data or root / "data"
    if args.data is None:
        write_area(data, seed=DEMO_SEED)
    synth = time.process_time()
    result = build(data, root / "report")
    done = time.process_time()
    print(f"imports {imported - started:.1f} s, synth {synth - imported:.1f} s, "
          f"build {done - synth:.1f} s CPU")
    print("| stage | CPU seconds |\n|---|---|")
    for name, seconds in result.manifest["stage_seconds"].items():  # type: ignore[union-attr]
        print(f"| {name} | {seconds:.1f} |")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
