"""Check that the lowest-versions install really is at pyproject.toml's lower bounds.

Run by ``.ci/run`` in the environment installed with ``--resolution
lowest-direct``: each runtime dependency with a ``>=`` bound must be installed
at exactly that version. When another package's own requirement lifts one
higher, the fast tests never saw the bound, so the bound must be raised to
what was installed (the message says to which version).
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version


def main() -> int:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    wrong = []
    for text in project["project"]["dependencies"]:
        requirement = Requirement(text)
        floors = [s.version for s in requirement.specifier if s.operator in (">=", "==")]
        if not floors:
            continue
        installed = version(requirement.name)
        if Version(installed) != Version(floors[0]):
            wrong.append(f"{requirement.name}: bound {floors[0]}, installed {installed}")
    for line in wrong:
        print(f"lower bound not tested: {line} (raise the bound to the installed version)")
    print(f"{len(project['project']['dependencies']) - len(wrong)} bounds tested as written")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
