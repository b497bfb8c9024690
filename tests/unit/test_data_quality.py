"""Data-quality tables, checked against counts worked out by hand."""

from __future__ import annotations

from pathlib import Path

from svsna.analyses import make_context
from svsna.analyses.whole_report import data_quality
from svsna.config import load_definition
from svsna.load import load_folder
from svsna.warehouse import Warehouse, build_warehouse


def _section(folder: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    loaded = load_folder(folder)
    target = tmp_path / "wh.duckdb"
    build_warehouse(target, loaded.arrow_tables(), rejects=loaded.rejects, metadata={})
    warehouse = Warehouse.open(target)
    ctx = make_context(warehouse, load_definition(), frozenset(loaded.tables))
    return {t.id: t.data for t in data_quality.CHAPTER.run(ctx).tables}


def test_completeness_counts_recorded_values(good_folder: Path, tmp_path: Path) -> None:
    tables = _section(good_folder, tmp_path)
    frame = tables["dq_completeness"].set_index("field")
    # good/occurrences.csv: times "23:10", "", "00:00"; districts Derby, "", Chesterfield
    assert frame.loc["time of day", ["records", "recorded"]].tolist() == [3, 2]
    assert frame.loc["district", "pct"] == 66.7
    # good/persons.csv: ethnicity W1, NS (not stated), "" -> 1 of 3 recorded
    assert frame.loc["ethnicity", ["records", "recorded"]].tolist() == [3, 1]
    assert frame.loc["sex", "recorded"] == 3


def test_unrecognised_codes_and_rejects_are_listed(
    good_folder: Path, tmp_path: Path
) -> None:
    (good_folder / "occurrences.csv").write_text(
        "occurrence_id,committed_date,offence_code\n"
        "A,2024-01-01,zz9\nB,2024-01-01,ZZ9\nC,2024-01-01,4.1\nD,2024-01-01,QQ\nE,bad,5D\n",
        encoding="utf-8",
    )
    (good_folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    tables = _section(good_folder, tmp_path)
    codes = tables["dq_unrecognised_codes"]
    assert codes.values.tolist() == [["ZZ9", 2], ["QQ", 1]]
    assert tables["dq_rejects"].values.tolist() == [["occurrences", "invalid_date", 1]]
