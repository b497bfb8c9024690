"""CPU seconds of each stage of the demo build, all in this one process.

Wall times on the shared two-core development machine follow its load; CPU
seconds much less. This builds the demo area (every format) with every stage
in this process (no second process: ``svsna.report.render._cores`` is made
to say one core) and each stage's clock made a CPU clock, so
``stage_seconds`` are CPU seconds, threads (DuckDB's) included, and the
short-lived children waited for (the PDF's Typst layout) too. Run it after
``bench_demo.py`` (which byte-compiles the modules) or alone.

Run: .venv/bin/python bench/demo_cpu.py [--data DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def _cpu() -> float:
    """CPU seconds of this process and of the children it has waited for."""
    return sum(os.times()[:4])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    started = _cpu()
    import svsna.report.render as render
    from svsna.pipeline import build
    from svsna.synth import DEMO_SEED, write_area

    imported = _cpu()
    render._cores = lambda: 1  # every stage in this process, so its CPU is counted
    time.perf_counter = _cpu  # stages timed by the CPU clock
    root = Path(tempfile.mkdtemp(prefix="svsna-cpu-"))
    data = args.data or root / "data"
    if args.data is None:
        write_area(data, seed=DEMO_SEED)
    synth = _cpu()
    result = build(data, root / "report")
    done = _cpu()
    print(f"imports {imported - started:.1f} s, synth {synth - imported:.1f} s, "
          f"build {done - synth:.1f} s CPU")
    print("| stage | CPU seconds |\n|---|---|")
    for name, seconds in result.manifest["stage_seconds"].items():  # type: ignore[union-attr]
        print(f"| {name} | {seconds:.1f} |")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
