"""The one place that strings the stages together: load → warehouse → analyses → render."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from svsna import __version__
from svsna.analyses import chapters_of, make_context, run_all
from svsna.analyses.core.context import report_labels
from svsna.analyses.runner import numbered
from svsna.analyses.whole_report.district_profiles import analyse_profiles
from svsna.config import Definition, load_definition
from svsna.config.environment import today
from svsna.errors import SvsnaError
from svsna.load import LoadResult, find_sources, load_folder
from svsna.report import render_report, write_rejects
from svsna.results import Edition, Report
from svsna.warehouse import Warehouse, build_warehouse

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

FORMATS = ("html", "pdf", "docx", "xlsx")


@dataclass
class Timings:
    """Seconds taken by each stage, in order."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one stage."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - started, 3)


@dataclass
class BuildResult:
    """Where a build wrote its outputs and what it loaded."""

    out_dir: Path
    load: LoadResult
    report: Report
    manifest: dict[str, object]


def validate(
    data_dir: Path,
    *,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> LoadResult:
    """Load and check a data folder without writing anything."""
    return load_folder(data_dir, progress=progress)


@dataclass(frozen=True)
class ChapterInputs:
    """A chapter of a definition with the inputs it needs and, given data, which are there."""

    id: str
    number: str
    title: str
    needs: tuple[str, ...]
    uses: tuple[str, ...]
    present: frozenset[str] | None

    @property
    def runnable(self) -> bool | None:
        """Whether its data folder holds every input it needs (None without a folder)."""
        if self.present is None:
            return None
        return all(t in self.present for t in self.needs)


def chapter_inputs(
    config: str | Path | None = None, data_dir: Path | None = None
) -> list[ChapterInputs]:
    """The definition's chapters in order, and which of their inputs ``data_dir`` holds.

    Only file names are looked at, so a user sees at once what their data
    enable without loading them.
    """
    definition = load_definition(config)
    chapters = numbered(chapters_of(definition))
    if data_dir is not None and not data_dir.is_dir():
        raise SvsnaError(f"Data folder {data_dir} does not exist; give a folder of tables.")
    tables = {t for c, _ in chapters for t in (*c.needs, *c.uses)}
    present = (
        None
        if data_dir is None
        else frozenset(t for t in tables if find_sources(data_dir, t))
    )
    return [
        ChapterInputs(c.id, number, c.title, c.needs, c.uses, present)
        for c, number in chapters
    ]


def build(
    data_dir: Path,
    out_dir: Path,
    *,
    config: str | Path | None = None,
    edition: Edition | str = Edition.PUBLIC,
    formats: tuple[str, ...] = FORMATS,
    warehouse_path: Path | None = None,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> BuildResult:
    """Load ``data_dir``, analyse it with the definition, and write every output."""
    timings = Timings()
    edition = _edition(edition)
    definition = load_definition(config)
    chapters_of(definition)  # a misspelt chapter stops here, before any data are loaded
    out_dir.mkdir(parents=True, exist_ok=True)
    with timings.stage("load"):
        loaded = load_folder(data_dir, progress=progress)
    if loaded.problems:
        more = len(loaded.problems) - 1
        also = (
            f" ({more} more problem(s): run 'svsna validate' to see them all)"
            if more
            else ""
        )
        raise SvsnaError(loaded.problems[0] + also, exit_code=2)
    write_rejects(loaded.rejects, out_dir / "rejects.csv")
    target = warehouse_path or out_dir / "warehouse.duckdb"
    with timings.stage("warehouse"):
        build_warehouse(
            target,
            loaded.checked_tables(),
            rejects=loaded.rejects,
            metadata={"svsna_version": __version__, "data_dir": str(data_dir)},
        )
    with timings.stage("analyse"), Warehouse.open(target) as warehouse:
        ctx = make_context(warehouse, definition, frozenset(loaded.tables))
        sections = run_all(ctx)
        profiles = analyse_profiles(ctx, sections)
        area_name, period_label = report_labels(ctx)
    report = Report(
        title=f"Serious Violence Strategic Needs Assessment: {area_name}",
        area_name=area_name,
        period_label=period_label,
        edition=edition,
        sections=tuple(sections),
        definition_name=definition.name,
        generated_on=today().isoformat(),
        data_quality=tuple(loaded.warnings),
        profiles=profiles,
    )
    written = render_report(
        report, out_dir, formats=formats, definition=definition, timings=timings.seconds
    )
    manifest = _manifest(loaded, definition, report, timings, written, edition, config)
    (out_dir / "manifest.json").write_text(
        json.dumps(manifest, indent=2) + "\n", encoding="utf-8"
    )
    return BuildResult(out_dir, loaded, report, manifest)


def _edition(name: Edition | str) -> Edition:
    """The edition called ``name``, or one sentence listing the two there are."""
    try:
        return Edition(name)
    except ValueError:
        raise SvsnaError(
            f"Unknown edition '{name}'; choose public or restricted.", exit_code=2
        ) from None


def _manifest(
    loaded: LoadResult,
    definition: Definition,
    report: Report,
    timings: Timings,
    written: list[str],
    edition: Edition,
    config: str | Path | None,
) -> dict[str, object]:
    return {
        "software": {"name": "svsna", "version": __version__},
        "definition": {
            "name": definition.name,
            "source": str(config or "default"),
            "settings": definition.model_dump(mode="json", by_alias=True),
        },
        "edition": edition.value,
        "inputs": {
            name: {
                "files": [
                    {"path": f.path, "sha256": f.sha256, "rows": f.rows}
                    for f in t.files
                ],
                "rows_read": t.rows_read,
                "rows_loaded": t.rows_loaded,
                "rows_rejected": t.rows_rejected,
                "values_set_to_unknown": t.values_set_to_unknown,
                "extra_columns": t.extra_columns,
            }
            for name, t in loaded.tables.items()
        },
        "tables": [t.id for t in report.tables()],
        "outputs": written,
        "stage_seconds": timings.seconds,
    }
