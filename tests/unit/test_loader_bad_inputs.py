"""The bad-input corpus: each kind of fault gives exactly the expected rejects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svsna.load import load_folder

BAD = Path(__file__).parents[1] / "data" / "bad"

# (corpus file, expected rejects as (line, column, rule), rows loaded)
CASES = [
    (
        "occurrences_invalid_date.csv",
        [
            (2, "committed_date", "invalid_date"),
            (3, "committed_date", "invalid_date"),
            (4, "committed_date", "invalid_date"),
        ],
        1,
    ),
    ("occurrences_future_date.csv", [(3, "committed_date", "future_date")], 1),
    (
        "occurrences_invalid_time.csv",
        [(2, "committed_time", "invalid_time"), (3, "committed_time", "invalid_time")],
        1,
    ),
    ("occurrences_invalid_boolean.csv", [(2, "knife_flag", "invalid_boolean")], 1),
    ("occurrences_duplicate_id.csv", [(4, "occurrence_id", "duplicate_id")], 2),
    (
        "occurrences_missing_value.csv",
        [
            (2, "offence_code", "missing_value"),
            (3, "committed_date", "missing_value"),
            (4, "occurrence_id", "missing_value"),
        ],
        0,
    ),
    (
        "occurrences_outcome_code.csv",
        [(2, "outcome_code", "out_of_range"), (3, "outcome_code", "invalid_integer")],
        1,
    ),
    (
        "occurrences_invalid_number.csv",
        [(2, "easting", "invalid_number"), (3, "easting", "out_of_range")],
        0,
    ),
    (
        "occurrences_wrong_field_count.csv",
        [(2, "", "wrong_field_count"), (3, "", "wrong_field_count")],
        1,
    ),
    ("occurrences_multiline_field.csv", [(5, "committed_date", "invalid_date")], 2),
    ("occurrences_header_case.csv", [], 1),
    ("occurrences_crlf.csv", [(3, "committed_date", "invalid_date")], 1),
    ("occurrences_blank_line.csv", [(4, "committed_date", "invalid_date")], 1),
    ("occurrences_utf8_bom.csv", [], 1),
    ("occurrences_windows1252.csv", [], 1),
]

PERSON_CASES = [
    ("persons_orphan.csv", [(3, "occurrence_id", "orphan")], 1),
    (
        "persons_age.csv",
        [
            (2, "age", "out_of_range"),
            (3, "age", "out_of_range"),
            (4, "age", "invalid_integer"),
        ],
        1,
    ),
    (
        "persons_vocabulary.csv",
        [
            (2, "role", "not_in_vocabulary"),
            (3, "sex", "not_in_vocabulary"),
            (4, "ethnicity", "not_in_vocabulary"),
            (5, "relationship", "not_in_vocabulary"),
        ],
        0,
    ),
]


def _folder(tmp_path: Path, good: Path, table: str, corpus_file: str) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(good, folder)
    suffix = Path(corpus_file).suffix
    (folder / f"{table}.csv").unlink()
    shutil.copy(BAD / corpus_file, folder / f"{table}{suffix}")
    return folder


def _rejects(result, table: str) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    rows = result.rejects[result.rejects["table"] == table]
    return sorted(zip(rows["line"], rows["column"], rows["rule"], strict=True))


@pytest.mark.parametrize(("corpus_file", "expected", "loaded"), CASES)
def test_occurrence_faults_point_at_line_column_and_rule(
    tmp_path: Path, good_folder: Path, corpus_file: str, expected: list, loaded: int
) -> None:
    folder = _folder(tmp_path, good_folder, "occurrences", corpus_file)
    # persons refer to the good occurrences; keep only the occurrence table under test
    (folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    result = load_folder(folder)
    assert _rejects(result, "occurrences") == sorted(expected)
    table = result.tables["occurrences"]
    assert table.rows_loaded == loaded
    assert table.rows_read == table.rows_loaded + table.rows_rejected
    assert set(result.rejects["file"]) <= {"occurrences.csv"}


@pytest.mark.parametrize(("corpus_file", "expected", "loaded"), PERSON_CASES)
def test_person_faults_point_at_line_column_and_rule(
    tmp_path: Path, good_folder: Path, corpus_file: str, expected: list, loaded: int
) -> None:
    folder = _folder(tmp_path, good_folder, "persons", corpus_file)
    result = load_folder(folder)
    assert _rejects(result, "persons") == sorted(expected)
    table = result.tables["persons"]
    assert table.rows_loaded == loaded
    assert table.rows_read == table.rows_loaded + table.rows_rejected


def test_rejected_value_is_reported_as_written(
    tmp_path: Path, good_folder: Path
) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_invalid_date.csv"
    )
    (folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    rejects = load_folder(folder).rejects
    assert sorted(rejects["value"]) == ["1/2/24", "2024-02-30", "2024-13-01"]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path, good_folder: Path) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_windows1252.csv"
    )
    (folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    result = load_folder(folder)
    text = result.tables["occurrences"].table.column("offence_description")[0].as_py()
    assert text == "Café brawl – glass"
    assert any("Windows-1252" in w for w in result.warnings)


def test_unknown_columns_are_kept_aside(tmp_path: Path, good_folder: Path) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_header_case.csv"
    )
    (folder / "persons.csv").write_text(
        "occurrence_id,person_id,role\n", encoding="utf-8"
    )
    loaded = load_folder(folder).tables["occurrences"]
    assert loaded.extra_columns == ["extra_force_notes"]
    assert loaded.table.column("extra_force_notes").to_pylist() == ["kept aside"]
    assert loaded.table.column("committed_date")[0].as_py().isoformat() == "2024-01-01"


def test_missing_required_column_stops_only_that_table(
    tmp_path: Path, good_folder: Path
) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_missing_column.csv"
    )
    result = load_folder(folder)
    assert result.exit_code == 2
    assert "occurrences" not in result.tables
    assert any(
        "committed_date" in p and "occurrences.csv" in p for p in result.problems
    )


def test_unreadable_file_stops_that_table_with_a_clear_message(
    tmp_path: Path, good_folder: Path
) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_unreadable.parquet"
    )
    result = load_folder(folder)
    assert result.exit_code == 2
    assert any(
        "Could not read" in p and "occurrences.parquet" in p for p in result.problems
    )
