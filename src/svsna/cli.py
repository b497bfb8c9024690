"""The command line: parse arguments, call the pipeline, print. Nothing else."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from svsna.errors import SvsnaError

console = Console(stderr=True)
app = typer.Typer(
    name="svsna",
    help=(
        "Serious Violence Strategic Needs Assessments from record-level data.\n\n"
        "Example: svsna demo --out svsna-demo"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
import_app = typer.Typer(
    help=(
        "Turn other formats into a data folder.\n\n"
        "Example: svsna import police-uk downloads/ --out data"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")
_state = {"debug": False}
EngineOption = Annotated[
    str | None,
    typer.Option(
        help="Engine for the analyses: duckdb (default) or spark (the spark extra); "
        "also SVSNA_ENGINE or 'engine:' in the settings file."
    ),
]
SparkConfOption = Annotated[
    list[str] | None,
    typer.Option(
        "--spark-conf",
        help="A Spark setting KEY=VALUE (repeatable), e.g. spark.master=spark://host:7077; "
        "SPARK_REMOTE=sc://... uses Spark Connect.",
    ),
]
SettingsOption = Annotated[
    Path | None,
    typer.Option(
        help="Settings file (YAML: engine, spark_conf); default ./svsna.yaml if present."
    ),
]


@app.callback()
def _options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show full tracebacks on errors.")
    ] = False,
) -> None:
    _state["debug"] = debug


def _progress() -> tuple[Progress, Callable[[str, int], Callable[[int], None]]]:
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )

    def factory(name: str, size: int) -> Callable[[int], None]:
        task = bar.add_task(f"reading {name}", total=size)
        return lambda done: bar.update(task, completed=done)

    return bar, factory


def _summary(result: Any) -> None:
    table = Table(title=f"Load summary: {result.data_dir}")
    for column in ("table", "files", "rows read", "loaded", "rejected"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for load in result.tables.values():
        table.add_row(
            load.name,
            str(len(load.files)),
            f"{load.rows_read:,}",
            f"{load.rows_loaded:,}",
            f"{load.rows_rejected:,}",
        )
    console.print(table)
    for warning in result.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
    for problem in result.problems:
        console.print(f"[red]error:[/] {problem}")


#: The data folder every command that reads one takes first.
DataArgument = Annotated[Path, typer.Argument(help="Data folder in the contract's form.")]
#: The definition to use, shared by build and chapters.
ConfigOption = Annotated[
    str | None,
    typer.Option(help="Definition: a YAML file or a shipped name (default, police-uk)."),
]


@app.command()
def validate(
    data: DataArgument,
    rejects: Annotated[
        Path, typer.Option(help="Where to write the rejected rows.")
    ] = Path("rejects.csv"),
) -> None:
    """Check a data folder against the contract and print the load summary.

    Exit code 0: every row is good; 1: rows were rejected (listed in the rejects
    file); 2: a table could not be read or a required table or column is missing.

    Example: svsna validate data/ --rejects rejects.csv
    """
    from svsna.pipeline import validate as run_validate
    from svsna.report import write_rejects

    bar, factory = _progress()
    with bar:
        result = run_validate(data, progress=factory)
    _summary(result)
    if len(result.rejects):
        write_rejects(result.rejects, rejects)
        console.print(f"{len(result.rejects):,} rejected value(s) listed in {rejects}")
    raise typer.Exit(result.exit_code)


#: ``svsna build --previous``: the earlier report folder to compare with.
PreviousOption = Annotated[
    Path | None,
    typer.Option(
        help="An earlier build's report folder: adds a chapter on what changed "
        "since then (directions of findings, hotspots, definition, inputs)."
    ),
]


@app.command()
def build(
    data: DataArgument,
    out: Annotated[
        Path | None,
        typer.Option(
            help="The folder to share: report, tables, profiles (default svsna-report; "
            "svsna-report-RESTRICTED for the restricted edition)."
        ),
    ] = None,
    config: ConfigOption = None,
    edition: Annotated[
        str, typer.Option(help="public (small numbers suppressed) or restricted.")
    ] = "public",
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html,pdf,docx,xlsx.")
    ] = "html,pdf,docx,xlsx",
    private: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the warehouse, rejects and full manifest, never to be "
            "shared (default: <out>.private beside --out)."
        ),
    ] = None,
    warehouse: Annotated[
        Path | None,
        typer.Option(help="Warehouse folder of Parquet tables (default: inside --private)."),
    ] = None,
    clean: Annotated[
        bool,
        typer.Option(
            "--clean",
            help="Replace whatever --out holds (an earlier build's warehouse or "
            "rejects, other files) with the new report.",
        ),
    ] = False,
    previous: PreviousOption = None,
    engine: EngineOption = None,
    spark_conf: SparkConfOption = None,
    settings: SettingsOption = None,
) -> None:
    """Load, analyse and render the report into a folder to share and a private one.

    Exit code 0: report written; 1: report written, some rows rejected (listed
    in rejects.csv in the private folder); 2: nothing written, one sentence says why.

    Example: svsna build data/ --out report/ --edition restricted --format html,xlsx

    Example: svsna build data/ --out report-2025/ --previous report-2024/

    Example (on Spark): svsna build data/ --engine spark --spark-conf spark.driver.memory=8g
    """
    from svsna.warehouse import engine_settings

    out = _report_folder(out, restricted=edition == "restricted")
    result = _run(
        data,
        out,
        format,
        config=config,
        edition=edition,
        warehouse_path=warehouse,
        private_dir=private,
        clean=clean,
        previous=previous,
        engine=engine_settings(engine, spark_conf or [], settings),
    )
    raise typer.Exit(result.load.exit_code)  # 1: built, but some rows were rejected


def _report_folder(out: Path | None, *, restricted: bool) -> Path:
    """``--out``, or its default; a restricted report's folder must say so in its name."""
    if out is None:
        return Path("svsna-report-RESTRICTED" if restricted else "svsna-report")
    if restricted and "restricted" not in out.resolve().name.lower():
        raise SvsnaError(
            f"A restricted report's folder must say so in its name; use --out "
            f"{out.resolve().name}-RESTRICTED (or any name with RESTRICTED in it)."
        )
    return out


def _say(line: str) -> None:
    """Print a line whole: a path in it is never folded, so it can be copied."""
    console.print(line, soft_wrap=True, highlight=False)


def _run(data: Path, out: Path, format: str, **options: Any) -> Any:
    """Build ``data`` into ``out`` with a progress bar, then say what was built.

    ``format`` is the command line's comma-separated list, checked here so
    that ``build`` and ``demo`` refuse the same unknown formats in the same words.
    """
    from svsna.pipeline import FORMATS
    from svsna.pipeline import build as run_build

    formats = tuple(f.strip().lower() for f in format.split(",") if f.strip())
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise SvsnaError(
            f"Unknown format '{unknown[0]}'; choose from {', '.join(FORMATS)}."
        )
    bar, factory = _progress()
    with bar:
        result = run_build(
            data,
            out,
            formats=formats,
            progress=factory,
            waiting=_say,
            debug=_state["debug"],
            **options,
        )
    _summary(result.load)
    _where(result)
    return result


def _where(result: Any) -> None:
    """Print where the report is, which folder to share, and which to keep apart."""
    public, private = result.out_dir, result.private_dir
    index = public / "index.html"
    lines = [f"Report written to {index if index.exists() else public}"]
    if result.report.edition == "restricted":
        lines.append(f"  RESTRICTED, share only as agreed: {public}")
    else:
        lines.append(f"  the folder to share: {public}")
    lines.append(f"  private, never share: {private} (warehouse, rejects)")
    for line in lines:
        _say(line)
    for section in result.report.sections:
        if section.not_computed:
            name = f"{section.number}. {section.title}".removeprefix(". ")
            console.print(
                f"[yellow]warning:[/] {name} not produced: {section.not_computed}"
            )


@app.command()
def synth(
    out: Annotated[Path, typer.Option(help="Folder to write the synthetic data into.")],
    scale: Annotated[
        int,
        typer.Option(min=1, help="Number of areas (45 is about England and Wales)."),
    ] = 1,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives identical files.")
    ] = 2025,
    years: Annotated[
        int | None,
        typer.Option(
            min=1, help="Financial years of data (default: April 2020 to May 2025)."
        ),
    ] = None,
) -> None:
    """Write a synthetic Derby-and-Derbyshire-like data folder.

    Example: svsna synth --out data/ --seed 7
    """
    from svsna.synth import write_area

    write_area(out, scale=scale, seed=seed, years=years)
    console.print(f"Synthetic data written to {out.resolve()}")


@app.command()
def demo(
    out: Annotated[
        Path, typer.Option(help="Folder for the synthetic data and the report.")
    ] = Path("svsna-demo"),
    format: Annotated[
        str, typer.Option("--format", help="Comma-separated: html,pdf,docx,xlsx.")
    ] = "html,pdf,docx,xlsx",
    engine: EngineOption = None,
    spark_conf: SparkConfOption = None,
    settings: SettingsOption = None,
) -> None:
    """Build the full report from the embedded synthetic area: no input needed.

    The report goes to OUT/report (the folder to share), the warehouse and
    rejects to OUT/report.private.

    Example: svsna demo --out svsna-demo  (or --engine spark)
    """
    from svsna.synth import DEMO_SEED, write_area
    from svsna.warehouse import engine_settings

    chosen = engine_settings(engine, spark_conf or [], settings)

    data = out / "data"
    write_area(data, scale=1, seed=DEMO_SEED, years=None)
    _run(data, out / "report", format, engine=chosen)


@app.command()
def chapters(
    data: Annotated[
        Path | None, typer.Argument(help="Data folder: say which inputs it holds.")
    ] = None,
    config: ConfigOption = None,
) -> None:
    """List the definition's chapters: id, title, the inputs each needs, and if DATA has them.

    Example: svsna chapters data/ --config police-uk
    """
    from svsna.pipeline import chapter_inputs

    rows = chapter_inputs(config, data)
    table = Table(title="Chapters")
    for name in ("No.", "id", "title", "needs", "also uses"):
        table.add_column(name, no_wrap=name in ("No.", "id"))
    if data is not None:
        table.add_column("with DATA", no_wrap=True)

    def mark(names: tuple[str, ...], present: frozenset[str] | None) -> str:
        missing = set() if present is None else set(names) - present
        return ", ".join(f"{n} (missing)" if n in missing else n for n in names) or "-"

    for row in rows:
        chapter = row.chapter
        cells = [row.number, chapter.id, chapter.title]
        cells += [mark(chapter.needs, row.present), mark(chapter.uses, row.present)]
        if data is not None:
            cells.append("ready" if row.runnable else "left out")
        table.add_row(*cells)
    Console(width=max(Console().width, 120)).print(table)


@import_app.command("police-uk")
def import_police_uk(
    src: Annotated[
        Path,
        typer.Argument(
            help="Folder of data.police.uk CSV files (flat or YYYY-MM/ folders)."
        ),
    ],
    out: Annotated[Path, typer.Option(help="Data folder to write.")],
    lookups: Annotated[
        Path | None, typer.Option(help="Folder of LSOA lookups, populations and IMD.")
    ] = None,
    force: Annotated[
        str | None,
        typer.Option(
            help="Force slug (e.g. derbyshire) when SRC holds several forces."
        ),
    ] = None,
) -> None:
    """Turn data.police.uk street, outcomes and stop-and-search files into a data folder.

    Example: svsna import police-uk downloads/2025-derbyshire --out data/ --lookups lookups/
    """
    from svsna.adapters import import_police_uk as run_import

    summary = run_import(src, out, lookups=lookups, force=force)
    for line in summary:
        console.print(line)
    console.print(f"Data folder written to {out.resolve()}")


def main() -> None:
    """Entry point: run the app, turning user errors into one clear sentence."""
    debug = "--debug" in sys.argv
    try:
        code = app(standalone_mode=False)
    except SvsnaError as exc:
        if debug:
            raise
        console.print(f"[red]error:[/] {exc}")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        console.print("[red]stopped.[/]")
        sys.exit(130)
    except ModuleNotFoundError as exc:
        if debug:
            raise
        console.print(
            f"[red]error:[/] this installation of svsna lacks the package '{exc.name}' "
            "it needs; install svsna again (for example `python3 -m uv sync`)."
        )
        sys.exit(3)
    except Exception as exc:  # noqa: BLE001 - last line of defence for users
        if debug:
            raise
        if _is_usage_error(exc):
            exc.show()  # type: ignore[attr-defined]
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        console.print(
            f"[red]error:[/] svsna stopped unexpectedly ({type(exc).__name__}: {exc}); "
            "run again with --debug and report the traceback."
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)


def _is_usage_error(exc: Exception) -> bool:
    """Whether ``exc`` is a usage error Typer shows itself (a bad option, a missing argument).

    Recognised by what it can do rather than by class: older Typer raises
    click's exceptions, newer Typer its own copy of them, and click is not a
    dependency of svsna (nor of current Typer), so it is never imported.
    """
    return callable(getattr(exc, "show", None)) and isinstance(
        getattr(exc, "exit_code", None), int
    )
