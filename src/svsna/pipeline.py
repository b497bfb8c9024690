"""The one place that strings the stages together: load → warehouse → analyses → render."""

from __future__ import annotations

import importlib
import json
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from svsna import __version__
from svsna.analyses import chapters_of, make_context, run_all
from svsna.analyses.core.chapter import not_computed
from svsna.analyses.core.context import report_labels
from svsna.analyses.runner import Helper, numbered
from svsna.analyses.whole_report.district_profiles import analyse_profiles
from svsna.config import Definition, load_definition
from svsna.config.environment import today
from svsna.config.sna_settings import (
    SETTINGS_FILE,
    SnaSettings,
    load_settings,
    settings_path,
    settings_sha256,
)
from svsna.errors import SvsnaError
from svsna.load import LoadResult, find_sources, load_folder
from svsna.publish import (
    RESTRICTED_MARKER,
    RESTRICTED_TEXT,
    OutputFolders,
    Staging,
    private_readme,
    public_readme,
)
from svsna.report import render_report, write_rejects
from svsna.report.processes import stopping
from svsna.report.render import spawn_process, start_worker
from svsna.report.view import left_out_line
from svsna.results import Edition, Report, Section
from svsna.results.previous import PreviousBuild, read_previous
from svsna.warehouse import (
    EngineSettings,
    Warehouse,
    adopt_warehouse,
    build_warehouse,
    link_people,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from concurrent.futures import ProcessPoolExecutor

    from svsna.analyses import Context
    from svsna.analyses.core.chapter import Chapter

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
    """Where a build wrote its outputs (shared and private) and what it loaded."""

    out_dir: Path
    load: LoadResult
    report: Report
    manifest: dict[str, object]
    private_dir: Path


def validate(
    data_dir: Path,
    *,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> LoadResult:
    """Load and check a data folder without writing anything."""
    return load_folder(data_dir, progress=progress)


@dataclass(frozen=True)
class ChapterInputs:
    """A chapter of a definition, its number and, given data, which inputs are there."""

    chapter: Chapter
    number: str
    present: frozenset[str] | None

    @property
    def runnable(self) -> bool | None:
        """Whether its data folder holds every input it needs (None without a folder)."""
        if self.present is None:
            return None
        return all(t in self.present for t in self.chapter.needs)


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
        raise SvsnaError(
            f"Data folder {data_dir} does not exist; give a folder of tables."
        )
    tables = {t for c, _ in chapters for t in (*c.needs, *c.uses)}
    present = (
        None
        if data_dir is None
        else frozenset(t for t in tables if _present(data_dir, t))
    )
    return [ChapterInputs(c, number, present) for c, number in chapters]


def _present(data_dir: Path, name: str) -> bool:
    """Whether the data folder holds an input: a table's files, or ``sna.yaml``."""
    if name == SETTINGS_FILE:
        return settings_path(data_dir) is not None
    return bool(find_sources(data_dir, name))


def build(
    data_dir: Path,
    out_dir: Path,
    *,
    config: str | Path | None = None,
    edition: Edition | str = Edition.PUBLIC,
    formats: tuple[str, ...] = FORMATS,
    warehouse_path: Path | None = None,
    private_dir: Path | None = None,
    clean: bool = False,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
    waiting: Callable[[str], None] | None = None,
    previous: Path | None = None,
    debug: bool = False,
    engine: EngineSettings | None = None,
) -> BuildResult:
    """Load ``data_dir``, analyse it with the definition, and write every output.

    The report goes to ``out_dir`` (the folder to share), the warehouse,
    rejects and full manifest to ``private_dir`` (default ``<out_dir>.private``);
    see :mod:`svsna.publish`. ``previous`` is an earlier build's report
    folder to compare with (its findings, tables and manifest only);
    ``data_dir/sna.yaml``, when present, holds the partnership's own words.
    A chapter that fails on these data is left out with one line saying so,
    unless ``debug`` (then its error stops the build). ``engine`` runs the
    analyses (DuckDB unless it says Spark).
    """
    timings = Timings()
    edition = _edition(edition)
    definition = load_definition(config)
    chapters_of(definition)  # a misspelt chapter stops here, before any data are loaded
    extras = RunExtras.read(data_dir, previous, engine)
    folders = OutputFolders.for_build(
        out_dir,
        private=private_dir,
        warehouse=warehouse_path,
        restricted=edition == "restricted",
    )
    with folders.locked(waiting=waiting), _workers(
        formats, helped=extras.engine.name == "duckdb"
    ) as (printer, analyst):
        folders.check_replaceable(clean=clean)
        with timings.stage("load"):
            loaded = load_folder(data_dir, progress=progress)
        _stop_on_problems(loaded)
        with folders.staged() as staging:
            report = _analyse(
                loaded,
                definition,
                (folders, staging),
                edition,
                timings,
                extras,
                strict=debug,
                worker=analyst,
            )
            written = render_report(
                report,
                staging.public,
                formats=formats,
                definition=definition,
                timings=timings.seconds,
                rejects=loaded.rejects,
                worker=printer,
            )
            manifest = _write_manifests(
                {
                    **_manifest(
                        loaded, definition, report, timings, written, edition, config
                    ),
                    **extras.manifest(data_dir),
                },
                staging,
                folders,
                loaded,
            )
            _write_readmes(staging, folders, report, definition)
    return BuildResult(folders.public, loaded, report, manifest, folders.private)


@contextmanager
def _workers(
    formats: tuple[str, ...], *, helped: bool = True
) -> Iterator[tuple[ProcessPoolExecutor | None, ProcessPoolExecutor | None]]:
    """Second processes for a build that writes documents, started before the load.

    Their imports overlap the load. The first writes the print formats; the
    second computes the places chapters and is stopped after the analyses,
    so that its memory is given back. A build of tables only (no formats)
    starts neither, nor does one on Spark (unless ``helped``): the cluster
    does the work there, and a second process would start a second Spark.
    Both are stopped however the build ends: joined when it went well,
    terminated when it failed or was interrupted
    (:func:`svsna.report.processes.stopping`).
    """
    printer = start_worker(formats)
    analyst = spawn_process(_import_analyses) if formats and helped else None
    with stopping(printer, analyst):
        yield printer, analyst


def _import_analyses() -> None:
    importlib.import_module("svsna.analyses")


def _stop_on_problems(loaded: LoadResult) -> None:
    if loaded.problems:
        more = len(loaded.problems) - 1
        also = (
            f" ({more} more problem(s): run 'svsna validate' to see them all)"
            if more
            else ""
        )
        raise SvsnaError(loaded.problems[0] + also, exit_code=2)


@dataclass(frozen=True)
class RunExtras:
    """What a build reads besides the data: ``sna.yaml``, an earlier build, the engine."""

    settings: SnaSettings | None = None
    previous: PreviousBuild | None = None
    engine: EngineSettings = field(default_factory=EngineSettings)

    @classmethod
    def read(
        cls, data_dir: Path, previous: Path | None, engine: EngineSettings | None
    ) -> RunExtras:
        """``data_dir``'s ``sna.yaml``, the ``previous`` build, and the engine (DuckDB)."""
        return cls(
            load_settings(data_dir),
            read_previous(previous) if previous else None,
            engine or EngineSettings(),
        )

    def tables(self, loaded: LoadResult) -> frozenset[str]:
        """The inputs chapters may need: the loaded tables, and ``sna.yaml`` if given."""
        return frozenset(loaded.tables) | (
            {SETTINGS_FILE} if self.settings is not None else set()
        )

    def manifest(self, data_dir: Path) -> dict[str, object]:
        """The manifest's record of them: the settings file's hash, the build compared."""
        sha = settings_sha256(data_dir) if self.settings is not None else None
        return {
            "settings": {"file": SETTINGS_FILE, "sha256": sha} if sha else None,
            "previous": self.previous.name if self.previous else None,
            "engine": self.engine.name,
        }


def _analyse(
    loaded: LoadResult,
    definition: Definition,
    places: tuple[OutputFolders, Staging],
    edition: Edition,
    timings: Timings,
    extras: RunExtras,
    *,
    strict: bool,
    worker: ProcessPoolExecutor | None = None,
) -> Report:
    """Rejects and warehouse for the private folder, then every chapter.

    ``worker`` (a second process) computes some of the chapters meanwhile.
    """
    folders, staging = places
    write_rejects(loaded.rejects, staging.private_file(folders.private / "rejects.csv"))
    # Written aside, adopted once the report is in place (see adopt_warehouse).
    target = staging.private_folder(folders.warehouse, adopt_warehouse)
    with timings.stage("warehouse"):
        build_warehouse(
            target,
            loaded.checked_tables(),
            rejects=loaded.rejects,
            metadata={"svsna_version": __version__, "data_dir": str(loaded.data_dir)},
            year_start_month=definition.financial_year_start_month,
        )
    with Warehouse.open(target, engine=extras.engine) as warehouse:
        with timings.stage("link"):
            # People across agencies: the links stay in the (private) warehouse.
            link_people(warehouse, definition.people_over_time.linkage)
        with timings.stage("analyse"):
            ctx = make_context(
                warehouse,
                definition,
                extras.tables(loaded),
                settings=extras.settings,
                previous=extras.previous,
            )
            helper = Helper(worker, target) if worker else None
            sections = run_all(ctx, helper, strict=strict)
            if worker is not None:
                worker.shutdown()  # its memory back before the rendering
            profiles, notes = _profiles(ctx, sections, strict=strict)
            area_name, period_label = report_labels(ctx)
    return Report(
        title=f"Serious Violence Strategic Needs Assessment: {area_name}",
        area_name=area_name,
        period_label=period_label,
        edition=edition,
        sections=tuple(sections),
        definition_name=definition.name,
        generated_on=today().isoformat(),
        data_quality=(*loaded.warnings, *notes),
        profiles=profiles,
    )


def _profiles(
    ctx: Context, sections: list[Section], *, strict: bool
) -> tuple[tuple[Section, ...], list[str]]:
    """The district profiles, or none and a note saying why (as a chapter is left out)."""
    if strict:
        return analyse_profiles(ctx, sections), []
    try:
        return analyse_profiles(ctx, sections), []
    except SvsnaError:
        raise
    except Exception as exc:  # noqa: BLE001 - the profiles' failure is not the report's
        return (), [f"District profiles not produced: {not_computed(exc)}"]


def _write_manifests(
    full: dict[str, object],
    staging: Staging,
    folders: OutputFolders,
    loaded: LoadResult,
) -> dict[str, object]:
    """The full manifest to the private folder; to the shared one, the same without paths."""
    full = {
        **full,
        "data_dir": str(Path(loaded.data_dir).resolve()),
        "report_folder": str(folders.public),
        "warehouse": str(folders.warehouse),
    }
    staging.write_private(
        folders.private / "manifest.json", json.dumps(full, indent=2) + "\n"
    )
    shared = without_paths(full, loaded)
    (staging.public / "manifest.json").write_text(
        json.dumps(shared, indent=2) + "\n", encoding="utf-8"
    )
    return shared


def without_paths(manifest: dict[str, object], loaded: LoadResult) -> dict[str, object]:
    """The manifest a shared folder may carry: input files named within the data folder."""
    root = Path(loaded.data_dir).resolve()
    shared = {
        k: v
        for k, v in manifest.items()
        if k not in ("data_dir", "report_folder", "warehouse")
    }
    shared["inputs"] = {
        name: {
            **entry,
            "files": [
                {**f, "path": _relative(Path(f["path"]), root)} for f in entry["files"]
            ],
        }
        for name, entry in manifest["inputs"].items()  # type: ignore[attr-defined]
    }
    definition = dict(manifest["definition"])  # type: ignore[call-overload]
    definition["source"] = Path(str(definition["source"])).name
    shared["definition"] = definition
    return shared


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name


def _write_readmes(
    staging: Staging, folders: OutputFolders, report: Report, definition: Definition
) -> None:
    restricted = report.edition == "restricted"
    text = public_readme(
        report.title,
        restricted=restricted,
        threshold=definition.disclosure.threshold,
        private=folders.private,
    )
    (staging.public / "README.txt").write_text(text, encoding="utf-8")
    if restricted:
        (staging.public / RESTRICTED_MARKER).write_text(
            RESTRICTED_TEXT, encoding="utf-8"
        )
    staging.write_private(
        folders.private / "README.txt", private_readme(folders.public)
    )


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
        "sections_left_out": {
            s.id: left_out_line(s) for s in report.sections if not s.available
        },
        "outputs": written,
        "stage_seconds": timings.seconds,
    }
