"""Benchmark: Derbyshire's 22 months of data.police.uk files, imported and built.

Does what a new user does with the real files (see /work/shared/data/SOURCES.md):

    svsna import police-uk police_uk --out data --lookups lookups
    svsna build data --config police-uk        # every format, profiles included

and prints the import's seconds, then each build stage from ``manifest.json``
(``stage_seconds``), with the wall time, the CPU seconds of this process and
its children, and the load average, because the development machine is shared
and wall times there are upper bounds. ``render_pdf`` and ``render_docx`` run
in a second process beside the other renderers; ``render_print_wait`` is how
long the build then still waited for them. The goal: import and build together
under 30 s.

The lookups folder is the shared data's ``lookups/``, ``imd/`` and
``schools/`` files (national IMD files included), as the real-data test uses.
Python modules are byte-compiled first, as an installer does, so that the
times do not include compiling them (this machine sets
PYTHONDONTWRITEBYTECODE).

Run: .venv/bin/python bench/bench_police_uk.py [--shared DIR] [--json FILE]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

import svsna
from svsna.adapters import import_police_uk
from svsna.pipeline import build


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def lookups_folder(shared: Path, root: Path) -> Path:
    """The lookup files a user would hand to ``--lookups``, linked into one folder."""
    folder = root / "lookups"
    folder.mkdir()
    for part in ("lookups", "imd", "schools"):
        for path in sorted((shared / part).iterdir()):
            (folder / path.name).symlink_to(path)
    return folder


def byte_compile() -> None:
    """Compile the installed packages and svsna once, as an installer would."""
    paths = {sysconfig.get_paths()["purelib"], str(Path(svsna.__file__).parent)}
    for path in sorted(paths):
        compileall.compile_dir(path, quiet=1, workers=2)
    sys.dont_write_bytecode = False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", type=Path, default=Path("/work/shared/data"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    byte_compile()
    root = args.out or Path(tempfile.mkdtemp(prefix="svsna-puk-bench-"))
    lookups = lookups_folder(args.shared, root)
    load_before = os.getloadavg()[0]
    started, cpu0 = time.perf_counter(), cpu_seconds()
    import_police_uk(args.shared / "police_uk", root / "data", lookups=lookups)
    imported, import_cpu = time.perf_counter() - started, cpu_seconds() - cpu0
    result = build(root / "data", root / "report", config="police-uk")
    wall = time.perf_counter() - started
    stages = {"import": round(imported, 3), **result.manifest["stage_seconds"]}
    record = {
        "command": "svsna import police-uk (22 months, lookups) + svsna build "
        "--config police-uk (all formats)",
        "wall_seconds": round(wall, 3),
        "cpu_seconds": round(cpu_seconds() - cpu0, 3),
        "import_cpu_seconds": round(import_cpu, 3),
        "cores": len(os.sched_getaffinity(0)),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "stage_seconds": stages,
        "profiles": len(result.report.profiles),
        "outputs": len(result.manifest["outputs"]),
    }
    print("| stage | seconds |\n|---|---|")
    for name, seconds in stages.items():
        print(f"| {name} | {seconds:.1f} |")
    print(
        f"\nimport + build: wall {wall:.1f} s, CPU {record['cpu_seconds']:.1f} s on "
        f"{record['cores']} cores, load average {load_before:.1f} → "
        f"{record['load_average_after']:.1f}; {record['profiles']} profiles, "
        f"{record['outputs']} files in {root}"
    )
    if args.json:
        args.json.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
