"""Declared dependencies are the ones used (issue 14).

A user installs svsna with pip from ``[project.dependencies]`` alone: an
import of a package that only the development group brings in (click came in
with import-linter) works for us and fails for them. So every module the
package imports must come from a declared runtime dependency, and every
declared runtime dependency must be used.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Runtime dependencies svsna needs without an import statement of its own, and why.
USED_WITHOUT_IMPORT = {
    # SQL written once for DuckDB, transpiled for Spark; tests check every chapter's SQL with it.
    "sqlglot": "SQL dialects",
}
#: The one module that may import an optional extra's packages (it says how to add them).
EXTRA_MODULES = {"spark": ROOT / "src" / "svsna" / "warehouse" / "spark_engine.py"}


def _name(requirement: str) -> str:
    """A distribution's normalised name (PEP 503) from a requirement string."""
    bare = re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]
    return re.sub(r"[-_.]+", "-", bare).lower()


def declared() -> set[str]:
    """The runtime dependencies in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {_name(r) for r in project["project"]["dependencies"]}


def extra(name: str) -> set[str]:
    """The packages of the optional extra ``name`` in pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {_name(r) for r in project["project"]["optional-dependencies"][name]}


def imported_modules(files: list[Path] | None = None) -> set[str]:
    """Top-level modules imported in ``files`` (default: all of src/svsna but the extras')."""
    found: set[str] = set()
    if files is None:
        files = [
            p
            for p in (ROOT / "src" / "svsna").rglob("*.py")
            if p not in EXTRA_MODULES.values()
        ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found - set(sys.stdlib_module_names) - {"svsna", "__future__"}


def test_every_import_is_a_declared_runtime_dependency() -> None:
    owners = packages_distributions()
    runtime = declared()
    undeclared = {
        module: owners.get(module, ["(not installed)"])
        for module in imported_modules()
        if not runtime & {_name(d) for d in owners.get(module, [])}
    }
    assert undeclared == {}, f"imported but not in [project.dependencies]: {undeclared}"


def test_an_extras_module_imports_only_runtime_and_that_extras_packages() -> None:
    owners = packages_distributions()
    for name, module in EXTRA_MODULES.items():
        allowed = declared() | extra(name)
        stray = {
            m: owners.get(m, ["(not installed)"])
            for m in imported_modules([module])
            if not allowed & {_name(d) for d in owners.get(m, [])}
        }
        assert stray == {}, f"{module.name} imports beyond [{name}]: {stray}"
        used = {_name(d) for m in imported_modules([module]) for d in owners.get(m, [])}
        assert extra(name) <= used, f"[{name}] declares what {module.name} never imports"


def test_every_declared_dependency_is_used() -> None:
    owners = packages_distributions()
    used = {_name(d) for m in imported_modules() for d in owners.get(m, [])}
    unused = declared() - used - set(USED_WITHOUT_IMPORT)
    assert unused == set(), f"declared but never imported by svsna: {unused}"


def test_the_check_sees_a_missing_declaration() -> None:
    """The first test can fail: click (a dev-group package) is not a runtime one."""
    owners = packages_distributions()
    assert not declared() & {_name(d) for d in owners.get("click", ["click"])}


def _quick_start() -> list[str]:
    """The README's quick-start commands."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    return block.strip().splitlines()


def test_the_demo_installs_no_test_tool_and_the_test_command_brings_them() -> None:
    """Issue 14.7: ``svsna demo`` as the README runs it leaves the dev group out.

    uv installs the ``dev`` group with every ``uv run`` unless told not to, so
    the demo's command must say ``--no-dev``; the test command must not.
    """
    demo, tests = _quick_start()
    assert demo.endswith("uv run --no-dev svsna demo"), demo
    assert tests.endswith("uv run pytest") and "--no-dev" not in tests, tests
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    dev = {_name(r) for r in project["dependency-groups"]["dev"]}
    tools = {"pytest", "pytest-xdist", "hypothesis", "ruff", "mypy", "playwright"}
    assert tools <= dev
    assert not tools & declared(), "a test tool is a runtime dependency"
