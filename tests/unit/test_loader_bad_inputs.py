"""The bad-input corpus: each kind of fault gives exactly the expected rejects.

Every case lists, by hand, each reject as (line, column, rule, action) and the
rows that must still load: a broken required value rejects its row, a broken
optional value is set to unknown and the row stays, a broken record costs
that record only.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svsna.load import LoadResult, load_folder

BAD = Path(__file__).parents[1] / "data" / "bad"
ROW, UNKNOWN = "row rejected", "value set to unknown"

# (corpus file, expected rejects as (line, column, rule, action), rows loaded)
CASES = [
    (
        "occurrences_invalid_date.csv",
        [
            (2, "committed_date", "invalid_date", ROW),
            (3, "committed_date", "invalid_date", ROW),
            (4, "committed_date", "invalid_date", ROW),
        ],
        1,
    ),
    ("occurrences_future_date.csv", [(3, "committed_date", "future_date", ROW)], 1),
    (
        "occurrences_invalid_time.csv",
        [
            (2, "committed_time", "invalid_time", UNKNOWN),
            (3, "committed_time", "invalid_time", UNKNOWN),
        ],
        3,
    ),
    (
        "occurrences_invalid_boolean.csv",
        [(2, "knife_flag", "invalid_boolean", UNKNOWN)],
        2,
    ),
    ("occurrences_duplicate_id.csv", [(4, "occurrence_id", "duplicate_id", ROW)], 2),
    (
        "occurrences_missing_value.csv",
        [
            (2, "offence_code", "missing_value", ROW),
            (3, "committed_date", "missing_value", ROW),
            (4, "occurrence_id", "missing_value", ROW),
        ],
        0,
    ),
    (
        "occurrences_outcome_code.csv",
        [
            (2, "outcome_code", "out_of_range", UNKNOWN),
            (3, "outcome_code", "invalid_integer", UNKNOWN),
        ],
        3,
    ),
    (
        "occurrences_invalid_number.csv",
        [
            (2, "easting", "invalid_number", UNKNOWN),
            (3, "easting", "out_of_range", UNKNOWN),
        ],
        2,
    ),
    (
        "occurrences_wrong_field_count.csv",
        [(2, "", "wrong_field_count", ROW), (3, "", "wrong_field_count", ROW)],
        1,
    ),
    (
        "occurrences_multiline_field.csv",
        [(5, "committed_date", "invalid_date", ROW)],
        2,
    ),
    ("occurrences_header_case.csv", [], 1),
    ("occurrences_crlf.csv", [(3, "committed_date", "invalid_date", ROW)], 1),
    ("occurrences_blank_line.csv", [(4, "committed_date", "invalid_date", ROW)], 1),
    ("occurrences_utf8_bom.csv", [], 1),
    ("occurrences_windows1252.csv", [], 1),
    ("occurrences_utf16.csv", [], 1),
    (
        "occurrences_optional_values.csv",
        [
            (2, "committed_time", "invalid_time", UNKNOWN),
            (3, "knife_flag", "invalid_boolean", UNKNOWN),
            (3, "outcome_code", "invalid_integer", UNKNOWN),
        ],
        3,
    ),
    (
        "occurrences_nul_byte.csv",
        [
            (2, "offence_description", "nul_byte", UNKNOWN),
            (3, "occurrence_id", "nul_byte", ROW),
        ],
        2,
    ),
    (
        "occurrences_control.csv",
        [
            (2, "offence_description", "control_character", UNKNOWN),
            (3, "occurrence_id", "control_character", ROW),
            (4, "offence_description", "control_character", UNKNOWN),
        ],
        3,
    ),
    ("occurrences_undecodable.csv", [(3, "", "invalid_encoding", ROW)], 2),
    (
        "occurrences_ragged.csv",
        [(4, "", "wrong_field_count", ROW), (6, "", "wrong_field_count", ROW)],
        2,
    ),
    ("occurrences_long_field.csv", [(3, "committed_date", "invalid_date", ROW)], 1),
    ("occurrences_stray_quote.csv", [(3, "committed_date", "invalid_date", ROW)], 2),
    (
        "occurrences_lone_cr.csv",
        [
            (2, "", "malformed_record", ROW),
            (4, "committed_date", "invalid_date", ROW),
        ],
        1,
    ),
    ("occurrences_headers_only.csv", [], 0),
    ("occurrences_empty.csv", [], 0),
]

PERSON_CASES = [
    ("persons_orphan.csv", [(3, "occurrence_id", "orphan", ROW)], 1),
    (
        "persons_age.csv",
        [
            (2, "age", "out_of_range", UNKNOWN),
            (3, "age", "out_of_range", UNKNOWN),
            (4, "age", "invalid_integer", UNKNOWN),
        ],
        4,
    ),
    (
        "persons_vocabulary.csv",
        [
            (2, "role", "not_in_vocabulary", ROW),
            (3, "sex", "not_in_vocabulary", UNKNOWN),
            (4, "ethnicity", "not_in_vocabulary", UNKNOWN),
            (5, "relationship", "not_in_vocabulary", UNKNOWN),
        ],
        3,
    ),
    (
        "persons_optional_values.csv",
        [(2, "age", "out_of_range", UNKNOWN), (4, "sex", "not_in_vocabulary", UNKNOWN)],
        3,
    ),
]


def _folder(tmp_path: Path, good: Path, table: str, corpus_file: str) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(good, folder)
    (folder / f"{table}.csv").unlink()
    source = BAD / corpus_file
    if source.is_dir():
        shutil.copytree(source, folder / table)
    else:
        shutil.copy(source, folder / f"{table}{source.suffix}")
    if table == "occurrences":  # persons refer to the good occurrences: keep none
        (folder / "persons.csv").write_text(
            "occurrence_id,person_id,role\n", encoding="utf-8"
        )
    return folder


def _load(tmp_path: Path, good: Path, corpus_file: str) -> LoadResult:
    table = "persons" if corpus_file.startswith("persons") else "occurrences"
    return load_folder(_folder(tmp_path, good, table, corpus_file))


def _rejects(result: LoadResult, table: str) -> list[tuple[int, str, str, str]]:
    rows = result.rejects[result.rejects["table"] == table]
    columns = ["line", "column", "rule", "action"]
    return sorted(tuple(r) for r in rows[columns].itertuples(index=False))


def _accounted(result: LoadResult, table: str) -> None:
    loaded = result.tables[table]
    assert loaded.rows_read == loaded.rows_loaded + loaded.rows_rejected
    assert loaded.table.num_rows == loaded.rows_loaded
    unknown = (result.rejects["table"] == table) & (result.rejects["action"] == UNKNOWN)
    assert loaded.values_set_to_unknown == int(unknown.sum())


@pytest.mark.parametrize(("corpus_file", "expected", "loaded"), CASES)
def test_occurrence_faults_point_at_line_column_rule_and_action(
    tmp_path: Path, good_folder: Path, corpus_file: str, expected: list, loaded: int
) -> None:
    result = _load(tmp_path, good_folder, corpus_file)
    assert not result.problems
    assert _rejects(result, "occurrences") == sorted(expected)
    assert result.tables["occurrences"].rows_loaded == loaded
    _accounted(result, "occurrences")
    assert set(result.rejects["file"]) <= {"occurrences.csv"}


@pytest.mark.parametrize(("corpus_file", "expected", "loaded"), PERSON_CASES)
def test_person_faults_point_at_line_column_rule_and_action(
    tmp_path: Path, good_folder: Path, corpus_file: str, expected: list, loaded: int
) -> None:
    result = _load(tmp_path, good_folder, corpus_file)
    assert _rejects(result, "persons") == sorted(expected)
    assert result.tables["persons"].rows_loaded == loaded
    _accounted(result, "persons")


def test_a_bad_optional_value_keeps_the_crime_with_that_value_unknown(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_optional_values.csv")
    rows = {
        r["occurrence_id"]: r for r in result.tables["occurrences"].table.to_pylist()
    }
    homicide = rows["N2"]  # offence code 1, knife flag 'maybe', outcome '1A'
    assert homicide["offence_code"] == "1"
    assert homicide["knife_flag"] is None and homicide["outcome_code"] is None
    assert homicide["committed_time"].isoformat() == "10:00:00"
    assert rows["N1"]["committed_time"] is None  # 25:61
    assert rows["N1"]["knife_flag"] is True and rows["N1"]["outcome_code"] == 1
    assert result.tables["occurrences"].values_set_to_unknown == 3
    assert result.exit_code == 1


def test_an_age_of_200_is_unknown_and_an_age_of_0_is_kept(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "persons_optional_values.csv")
    people = {r["person_id"]: r for r in result.tables["persons"].table.to_pylist()}
    assert people["P1"]["age"] is None and people["P1"]["sex"] == "male"
    assert people["P2"]["age"] == 0
    assert people["P3"]["sex"] is None and people["P3"]["role"] == "suspect"


def test_rejected_value_is_reported_as_written(
    tmp_path: Path, good_folder: Path
) -> None:
    rejects = _load(tmp_path, good_folder, "occurrences_invalid_date.csv").rejects
    assert sorted(rejects["value"]) == ["1/2/24", "2024-02-30", "2024-13-01"]


def test_a_broken_record_is_listed_with_its_text(
    tmp_path: Path, good_folder: Path
) -> None:
    rejects = _load(tmp_path, good_folder, "occurrences_ragged.csv").rejects
    assert list(rejects.sort_values("line")["value"]) == [
        'R2,2024-01-01,5D,"also, two\nlines",extra',
        "R3,2024-01-01",
    ]


def test_lines_stay_exact_around_records_spanning_lines(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_ragged.csv")
    table = result.tables["occurrences"].table
    assert table.column("source_line").to_pylist() == [2, 7]
    assert table.column("offence_description").to_pylist() == ["two\nlines", "ok"]


def test_a_nul_byte_in_an_optional_value_keeps_the_row(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_nul_byte.csv")
    table = result.tables["occurrences"].table
    assert table.column("occurrence_id").to_pylist() == ["N1", "N3"]
    assert table.column("offence_description").to_pylist() == [None, "ok"]


def test_a_control_character_is_unknown_but_tabs_and_line_breaks_stay(
    tmp_path: Path, good_folder: Path
) -> None:
    """ESC, BEL or a vertical tab cannot go into Word, Excel or a chart (issue 14)."""
    result = _load(tmp_path, good_folder, "occurrences_control.csv")
    table = result.tables["occurrences"].table
    assert table.column("occurrence_id").to_pylist() == ["K1", "K3", "K4"]
    assert table.column("offence_description").to_pylist() == [
        None,
        None,
        "line\nbreak, ok",
    ]


def test_stray_bytes_in_a_utf8_file_cost_their_record_only(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_undecodable.csv")
    table = result.tables["occurrences"].table
    assert table.column("offence_description").to_pylist() == ["Café", "fine"]
    assert not result.warnings


def test_a_one_megabyte_field_loads(tmp_path: Path, good_folder: Path) -> None:
    result = _load(tmp_path, good_folder, "occurrences_long_field.csv")
    text = result.tables["occurrences"].table.column("offence_description")[0].as_py()
    assert text == "x" * (1 << 20)


def test_a_record_over_64_mb_costs_that_record_only(
    tmp_path: Path, good_folder: Path
) -> None:
    folder = _folder(
        tmp_path, good_folder, "occurrences", "occurrences_headers_only.csv"
    )
    with (folder / "occurrences.csv").open("a", encoding="utf-8") as handle:
        handle.write("H1,2024-01-01,5D\n")
        handle.write("H2,2024-01-01," + "x" * (65 << 20) + "\n")
        handle.write("H3,2024-01-01,5D\n")
    result = load_folder(folder)
    assert _rejects(result, "occurrences") == [(3, "", "record_too_long", ROW)]
    table = result.tables["occurrences"].table
    assert table.column("source_line").to_pylist() == [2, 4]


def test_a_quote_inside_an_unquoted_value_is_read_as_written(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_stray_quote.csv")
    table = result.tables["occurrences"].table
    assert table.column("offence_description").to_pylist() == ["5'10\" tall", "ok"]
    assert table.column("source_line").to_pylist() == [2, 5]


def test_empty_and_header_only_files_load_no_rows(
    tmp_path: Path, good_folder: Path
) -> None:
    empty = _load(tmp_path / "e", good_folder, "occurrences_empty.csv")
    assert empty.tables["occurrences"].table.column_names[0] == "occurrence_id"
    assert any("occurrences.csv is empty" in w for w in empty.warnings)
    header = _load(tmp_path / "h", good_folder, "occurrences_headers_only.csv")
    assert header.exit_code == 0 and not header.warnings


def test_a_folder_of_parts_with_mixed_dates_empty_parts_and_parquet(
    tmp_path: Path, good_folder: Path
) -> None:
    result = _load(tmp_path, good_folder, "occurrences_parts")
    got = result.rejects[["file", "line", "column", "rule", "action"]]
    assert sorted(tuple(r) for r in got.itertuples(index=False)) == [
        ("2024-03.csv", 2, "committed_date", "future_date", ROW),
        ("2024-03.csv", 3, "outcome_date", "future_date", UNKNOWN),
        ("2024-03.csv", 4, "occurrence_id", "duplicate_id", ROW),
        ("2024-06.parquet", 2, "outcome_code", "out_of_range", UNKNOWN),
    ]
    loaded = result.tables["occurrences"]
    assert (loaded.rows_read, loaded.rows_loaded, loaded.rows_rejected) == (9, 7, 2)
    assert loaded.values_set_to_unknown == 2
    rows = {r["occurrence_id"]: r for r in loaded.table.to_pylist()}
    assert sorted(rows) == ["P1", "P2", "P3", "P4", "P6", "P7", "P8"]
    assert rows["P3"]["committed_date"].isoformat() == "2024-02-13"
    assert rows["P4"]["committed_date"].isoformat() == "2024-02-01"
    assert rows["P6"]["outcome_date"] is None
    assert rows["P7"]["knife_flag"] is True and rows["P7"]["outcome_code"] is None
    assert (rows["P1"]["source_file"], rows["P1"]["source_line"]) == ("2024-01.csv", 2)
    assert [w for w in result.warnings] == [
        "2024-04.csv is empty; it adds no rows to 'occurrences'."
    ]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path, good_folder: Path) -> None:
    result = _load(tmp_path, good_folder, "occurrences_windows1252.csv")
    text = result.tables["occurrences"].table.column("offence_description")[0].as_py()
    assert text == "Café brawl – glass"
    assert any("Windows-1252" in w for w in result.warnings)


def test_utf16_is_read_with_a_warning(tmp_path: Path, good_folder: Path) -> None:
    result = _load(tmp_path, good_folder, "occurrences_utf16.csv")
    text = result.tables["occurrences"].table.column("offence_description")[0].as_py()
    assert text == "Café"
    assert any("UTF-16" in w for w in result.warnings)


def test_unknown_columns_are_kept_aside(tmp_path: Path, good_folder: Path) -> None:
    loaded = _load(tmp_path, good_folder, "occurrences_header_case.csv").tables[
        "occurrences"
    ]
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
    assert len(result.problems) == 1
